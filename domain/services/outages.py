"""Outage use cases: publish, update, remind; and "what is off at my address?".

Every change that residents must hear of writes a fan-out job in the same transaction;
the fan-out worker turns it into messages (domain/services/fanout.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from domain.address.matcher import AddressMatcher
from domain.alerts.fanout import outage_job
from domain.alerts.houses import normalise_house
from domain.alerts.outages import (
    ENDING_PHASES,
    Outage,
    OutageChange,
    OutageDraft,
    OutageKind,
    Phase,
    apply,
    change_from_draft,
    new_outage,
    reminders_due,
)
from domain.alerts.ports import AlertsUnitOfWork
from domain.alerts.subscriptions import SavedAddress
from domain.clock import Clock
from domain.errors import InvalidInput, NotFound, TooManyAddresses
from domain.services.subscriptions import (
    SitesUnitOfWork,
    follow_outages_at_address,
    follow_outages_in_district,
    on_streets,
    save_address,
)


@dataclass(frozen=True, slots=True)
class Published:
    outage: Outage
    created: bool
    phases: tuple[Phase, ...]  # what residents will be told of this publication


async def publish_outage(uow: AlertsUnitOfWork, clock: Clock, draft: OutageDraft) -> Published:
    """A new outage is announced; the same source id again updates it (and says only what
    changed, so a source that republishes every few minutes tells nobody anything twice)."""
    now = clock.now()
    if draft.source_id is not None:
        existing = await uow.outages.by_source(draft.source, draft.source_id)
        if existing is not None:
            updated, phases = apply(existing, change_from_draft(existing, draft), now)
            await _store_change(uow, existing, updated, phases, clock)
            return Published(updated, created=False, phases=tuple(phases))
    outage = await uow.outages.add(new_outage(draft, now))
    await _fan_out(uow, outage, [Phase.ANNOUNCED], clock)
    return Published(outage, created=True, phases=(Phase.ANNOUNCED,))


async def update_outage(
    uow: AlertsUnitOfWork, clock: Clock, outage_id: int, change: OutageChange
) -> Published:
    existing = await uow.outages.get(outage_id, for_update=True)
    if existing is None:
        raise NotFound(f"outage {outage_id}")
    updated, phases = apply(existing, change, clock.now())
    await _store_change(uow, existing, updated, phases, clock)
    return Published(updated, created=False, phases=tuple(phases))


async def send_due_reminders(uow: AlertsUnitOfWork, clock: Clock) -> int:
    """The evening-before and hour-before reminders whose moment has come (a job)."""
    now = clock.now()
    sent = 0
    for outage in await uow.outages.needing_reminders(now):
        phases = reminders_due(outage, now)
        if not phases:
            continue
        # Both moments may have passed (published at 22:00 for 06:00): one reminder does.
        reminded = replace(
            outage,
            reminded_evening=True,
            reminded_hour=outage.reminded_hour or Phase.REMINDER_HOUR in phases,
        )
        await uow.outages.save(reminded)
        await _fan_out(uow, reminded, phases[-1:], clock)
        sent += 1
    return sent


async def off_at(
    uow: AlertsUnitOfWork, clock: Clock, address: SavedAddress
) -> tuple[list[Outage], list[Outage]]:
    """Outages covering the address: (off now, planned), each soonest first."""
    now = clock.now()
    covering = [
        outage
        for outage in await uow.outages.unfinished()
        if outage.area.covers(address.street_id, address.house, address.district)
    ]
    return (
        [o for o in covering if o.current(now)],
        [o for o in covering if o.planned_ahead(now)],
    )


class OffUnitOfWork(AlertsUnitOfWork, SitesUnitOfWork, Protocol):
    """'What is off' also reads the city's sites: they place map points on streets."""


async def what_is_off(
    uow: OffUnitOfWork, clock: Clock, matcher: AddressMatcher, user_id: int
) -> list[tuple[SavedAddress, list[Outage], list[Outage]]]:
    """Every saved address of the person with (off now, planned); a map point by a known
    street counts as on that street, even one saved before points were placed on streets."""
    addresses = await on_streets(uow, matcher, await uow.subscriptions.addresses(user_id))
    return [(address, *await off_at(uow, clock, address)) for address in addresses]


async def covering(
    uow: AlertsUnitOfWork,
    clock: Clock,
    street_id: int | None,
    house: str | None,
    district: str | None,
    kinds: Iterable[OutageKind],
) -> list[Outage]:
    """Outages of these kinds that are off right now at a place (a report's address, before
    it is saved anywhere), soonest end first: an unknown end goes last."""
    now = clock.now()
    wanted = frozenset(kinds)
    found = [
        outage
        for outage in await uow.outages.unfinished()
        if outage.kind in wanted
        and outage.current(now)
        and outage.area.covers(street_id, house, district)
    ]
    return sorted(found, key=lambda o: (o.ends_at is None, o.ends_at or o.starts_at))


async def follow_where_reported(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    kind: OutageKind,
    *,
    street_id: int | None,
    house: str | None,
    district: str | None,
    text: str,
    label: str,
) -> int:
    """Follow `kind` at the place a resident was about to report ("no water"), so that the
    known outage's "restored" reaches them: at their saved address there (saved now under
    `label` if new), or in the district for a point on the map or when no address fits."""
    if street_id is not None:
        address = await _address_at(uow, clock, user_id, street_id, house, district, text, label)
        if address is not None and address.id is not None:
            return await follow_outages_at_address(uow, clock, user_id, address.id, [kind])
    if district is None:
        raise InvalidInput("the place has neither a usable address nor a district")
    return await follow_outages_in_district(uow, clock, user_id, district, [kind])


async def _address_at(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    street_id: int,
    house: str | None,
    district: str | None,
    text: str,
    label: str,
) -> SavedAddress | None:
    """The person's saved address at this house, saved now if new; None when they have
    the most addresses already (the district will do)."""
    wanted = normalise_house(house) if house else None
    for address in await uow.subscriptions.addresses(user_id):
        same_house = (normalise_house(address.house) if address.house else None) == wanted
        if address.street_id == street_id and same_house:
            return address
    new = SavedAddress(user_id, label, text, clock.now(), street_id, house, district)
    try:
        return await save_address(uow, clock, new)
    except TooManyAddresses:
        return None


async def _store_change(
    uow: AlertsUnitOfWork,
    before: Outage,
    after: Outage,
    phases: list[Phase],
    clock: Clock,
) -> None:
    if after is before:
        return
    await uow.outages.save(after)
    await _fan_out(uow, after, phases, clock)


async def _fan_out(
    uow: AlertsUnitOfWork, outage: Outage, phases: list[Phase], clock: Clock
) -> None:
    assert outage.id is not None
    for phase in phases:
        if phase in ENDING_PHASES:
            await uow.outages.drop_unsent(outage.id)
        await uow.fanouts.add(outage_job(outage, phase, clock.now()))

"""Staff decide on a suspected outage (domain/services/crowd.py gathers it): confirmed, it is
published as an emergency and every reporter follows it where they reported, so the
announcement and the "restored" reach them; dismissed with a reason, nobody else is told and
its reports never count again.
"""

from dataclasses import replace

from domain.alerts.crowd import Signal, Suspicion, SuspicionStatus, decided
from domain.alerts.crowd_rules import CONFIRMED_AS, EXPLAINED_BY
from domain.alerts.outages import Outage, OutageDraft
from domain.alerts.ports import CrowdUnitOfWork
from domain.clock import Clock
from domain.errors import InvalidTransition, NotFound
from domain.services.crowd import FOLLOW_LABEL, RESIDENTS_SOURCE, redraw_suspected
from domain.services.outages import covering, follow_where_reported, publish_outage


class AlreadyKnown(InvalidTransition):
    """An outage covering the suspected place was published after the card: confirming would
    announce the same outage twice."""

    code = "already_known"

    def __init__(self, outage_id: int | None) -> None:
        super().__init__(f"outage {outage_id} is known there now")
        self.outage_id = outage_id


async def known_now(uow: CrowdUnitOfWork, clock: Clock, suspicion: Suspicion) -> list[Outage]:
    """Outages that explain the suspicion now (published since the card; not one its reporters
    said was not it): at its first building, or anywhere on a suspect street."""
    assert suspicion.id is not None
    house = None if suspicion.street_wide or not suspicion.houses else suspicion.houses[0]
    kinds = EXPLAINED_BY[suspicion.kind]
    found = await covering(uow, clock, suspicion.street_id, house, suspicion.district, kinds)
    declined = {s.declined_outage_id for s in await uow.crowd.signals_of(suspicion.id)}
    return [outage for outage in found if outage.id not in declined]


async def confirm_suspicion(
    uow: CrowdUnitOfWork, clock: Clock, suspicion_id: int, by: str
) -> Outage:
    """Publish the suspected outage (an emergency, its end unknown) and make every reporter
    follow it at the place they reported, so the announcement and the "restored" reach them."""
    suspicion = await _suspicion(uow, suspicion_id)
    now = clock.now()
    outage_kind = CONFIRMED_AS[suspicion.kind]
    draft = OutageDraft(
        kind=outage_kind,
        emergency=True,
        area=suspicion.area,
        starts_at=min(suspicion.first_at, now),
        ends_at=None,
        description="",
        source=RESIDENTS_SOURCE,
        source_id=f"suspected:{suspicion_id}",
    )
    decided_now = decided(suspicion, SuspicionStatus.CONFIRMED, by, now)  # refuses a repeat
    if known := await known_now(uow, clock, suspicion):
        raise AlreadyKnown(known[0].id)
    outage = (await publish_outage(uow, clock, draft)).outage
    for signal in _one_per_resident(await uow.crowd.signals_of(suspicion_id)):
        await follow_where_reported(
            uow,
            clock,
            signal.user_id,
            outage_kind,
            street_id=signal.street_id,
            house=signal.house,
            district=signal.district,
            text=signal.place_text,
            label=FOLLOW_LABEL,
        )
    await uow.crowd.save_suspicion(replace(decided_now, outage_id=outage.id))
    await redraw_suspected(uow, suspicion_id, SuspicionStatus.CONFIRMED.value, clock)
    return outage


async def dismiss_suspicion(
    uow: CrowdUnitOfWork, clock: Clock, suspicion_id: int, reason: str, by: str
) -> Suspicion:
    """Not an outage (one riser under repair, a prank): the card says why; nobody else is
    told. Its signals stay with it and never count again."""
    suspicion = await _suspicion(uow, suspicion_id)
    dismissed = decided(suspicion, SuspicionStatus.DISMISSED, by, clock.now(), reason=reason)
    await uow.crowd.save_suspicion(dismissed)
    await redraw_suspected(uow, suspicion_id, SuspicionStatus.DISMISSED.value, clock)
    return dismissed


async def _suspicion(uow: CrowdUnitOfWork, suspicion_id: int) -> Suspicion:
    found = await uow.crowd.get_suspicion(suspicion_id, for_update=True)
    if found is None:
        raise NotFound(f"suspicion {suspicion_id}")
    return found


def _one_per_resident(signals: list[Signal]) -> list[Signal]:
    """Each reporter's latest signal: where they last said it is off."""
    latest: dict[int, Signal] = {}
    for signal in sorted(signals, key=lambda s: s.created_at):
        latest[signal.user_id] = signal
    return list(latest.values())

"""Suspected outages: residents' reports gathered into one staff card, which staff confirm
(an outage is published, the reporters follow it and hear of it with everyone else) or
dismiss with a reason (nobody is told: the reporters' requests go on as requests); their
decisions are domain/services/crowd_decisions.py.

The report paths call `note_*` in the transaction of what the resident did; a report that a
known outage explains there is not a signal (the resident was offered to follow that one).
"""

from dataclasses import replace

from domain.alerts.crowd import (
    Signal,
    SignalSource,
    Suspicion,
    gathered,
    joined,
)
from domain.alerts.crowd_notices import suspected_card
from domain.alerts.crowd_rules import (
    CONFIRMED_AS,
    EXPLAINED_BY,
    CrowdRules,
    SuspectKind,
    said_off,
)
from domain.alerts.houses import normalise_house
from domain.alerts.ports import CrowdUnitOfWork
from domain.clock import Clock
from domain.requests import Place, Request
from domain.services.crowd_chat import crowd_card_place
from domain.services.outages import covering

RESIDENTS_SOURCE = "residents"  # the source of outages residents' reports made known
FOLLOW_LABEL = "🏠"  # a reporter's address saved at confirmation: no words, no language


async def note_request(
    uow: CrowdUnitOfWork,
    clock: Clock,
    rules: CrowdRules,
    user_id: int,
    request: Request,
    declined_outage_id: int | None = None,
) -> Suspicion | None:
    """A request just filed (or joined) by `user_id`: a signal when its text says a supply is
    off at an address of the register (`declined_outage_id`: the known outage the resident
    said was not it)."""
    kind = said_off(request.description)
    place = request.place
    if kind is None or place.street_id is None:
        return None
    where = (place.street_id, place.house, place.district, place.label)
    signal = _signal(user_id, kind, SignalSource.REQUEST, where, clock)
    signal = replace(signal, request_id=request.id, declined_outage_id=declined_outage_id)
    return await note_signal(uow, clock, rules, signal)


async def note_faq_question(
    uow: CrowdUnitOfWork, clock: Clock, rules: CrowdRules, user_id: int, entry_id: str
) -> Suspicion | None:
    """An FAQ answer about a supply being off, shown to someone whose address is known: the
    first one they saved with a street (usually "Дом"). Without one it says nothing of where."""
    kind = rules.faq_kind(entry_id)
    if kind is None:
        return None
    saved = [a for a in await uow.subscriptions.addresses(user_id) if a.street_id is not None]
    address = saved[0] if saved else None
    if address is None or address.street_id is None:
        return None
    where = (address.street_id, address.house, address.district, address.text)
    signal = _signal(user_id, kind, SignalSource.FAQ, where, clock)
    return await note_signal(uow, clock, rules, signal)


async def note_declined(
    uow: CrowdUnitOfWork,
    clock: Clock,
    rules: CrowdRules,
    user_id: int,
    place: Place,
    outage_id: int,
) -> Suspicion | None:
    """ "File anyway" under the offer to follow a known water outage: the resident says water
    is off and that outage is not why."""
    if place.street_id is None:
        return None
    where = (place.street_id, place.house, place.district, place.label)
    signal = _signal(user_id, SuspectKind.WATER, SignalSource.DECLINED, where, clock)
    return await note_signal(uow, clock, rules, replace(signal, declined_outage_id=outage_id))


def _signal(
    user_id: int,
    kind: SuspectKind,
    source: SignalSource,
    where: tuple[int, str | None, str | None, str],  # street id, house, district, as said
    clock: Clock,
) -> Signal:
    street_id, house, district, text = where
    return Signal(
        user_id=user_id,
        kind=kind,
        source=source,
        street_id=street_id,
        house=normalise_house(house) if house else None,
        district=district,
        place_text=text,
        created_at=clock.now(),
    )


async def note_signal(
    uow: CrowdUnitOfWork, clock: Clock, rules: CrowdRules, signal: Signal
) -> Suspicion | None:
    """Record the signal; returns the suspicion it is part of (new, or grown), if any."""
    now = clock.now()
    if await _explained(uow, clock, signal):
        return None
    kind_rules = rules.kinds[signal.kind]
    current = await uow.crowd.open_suspicion(signal.kind, signal.street_id)
    if current is not None and current.id is not None:
        attached = await uow.crowd.signals_of(current.id)
        grown = joined(current, signal, attached, kind_rules)
        await uow.crowd.add_signal(replace(signal, suspicion_id=current.id))
        await uow.crowd.save_suspicion(grown)
        await redraw_suspected(uow, current.id, f"s{len(attached) + 1}", clock)
        return grown
    await uow.crowd.add_signal(signal)
    loose = await uow.crowd.loose_signals(signal.kind, signal.street_id, now - kind_rules.window)
    found = gathered(signal.kind, loose, kind_rules, now)
    if found is None:
        return None
    suspicion = await uow.crowd.add_suspicion(found[0])
    assert suspicion.id is not None
    await uow.crowd.attach([s.id for s in found[1] if s.id is not None], suspicion.id)
    await redraw_suspected(uow, suspicion.id, f"s{len(found[1])}", clock)
    return suspicion


async def _explained(uow: CrowdUnitOfWork, clock: Clock, signal: Signal) -> bool:
    known = await covering(
        uow, clock, signal.street_id, signal.house, signal.district, EXPLAINED_BY[signal.kind]
    )
    return any(outage.id != signal.declined_outage_id for outage in known)


async def redraw_suspected(
    uow: CrowdUnitOfWork, suspicion_id: int, change: str, clock: Clock
) -> None:
    """A row of the suspicion's staff card (`change` tells its rows apart). Every row of one
    card goes where its first went: the place is read from the suspicion,
    whose kind and district never change."""
    suspicion = await uow.crowd.get_suspicion(suspicion_id)
    assert suspicion is not None
    kind, district = CONFIRMED_AS[suspicion.kind], suspicion.district
    place = await crowd_card_place(uow.departments, uow.staff_chat_id, kind, district)
    if place is not None:
        card = suspected_card(place.chat_id, suspicion_id, change, clock.now(), place.thread_id)
        await uow.outbox.add(card)

""" "Is it back?": the "restored" message asks the residents it reaches at a saved address
(handlers/alerts/notices.py adds the buttons), and their answers are counted per building.

Each person has one answer per outage; pressing the other button changes it (water that came
back for an hour and went again is exactly when a "yes" needs to become a "no"), pressing the
same one again changes nothing. When `still_off_per_house` residents of one building say it is
still off, the outage is reopened for that building alone: a new emergency outage of the same
kind covering only that house, announced to its residents as usual, with a staff card that
shows the building's count and is redrawn as more answers come. The restored outage stays
restored everywhere else. A reopening happens once per building and outage: later "no"s only
redraw the card, and a later "yes" does not undo it (staff restore the reopened outage).
"""

from dataclasses import dataclass
from enum import StrEnum

from domain.alerts.crowd import BackAnswer, HouseTally
from domain.alerts.crowd_notices import reopened_card
from domain.alerts.crowd_rules import CrowdRules
from domain.alerts.houses import normalise_house
from domain.alerts.outages import Outage, OutageArea, OutageDraft, OutageStatus, StreetSpan
from domain.alerts.ports import CrowdUnitOfWork
from domain.clock import Clock
from domain.errors import InvalidInput, InvalidTransition, NotFound
from domain.services.crowd import RESIDENTS_SOURCE
from domain.services.crowd_chat import crowd_card_place
from domain.services.outages import publish_outage


class TooLate(InvalidTransition):
    """The question was about an outage restored longer ago than answers are taken."""

    code = "too_late"


class Counted(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    SAME = "same"  # pressed again: nothing changes


@dataclass(frozen=True, slots=True)
class BackOutcome:
    counted: Counted
    tally: HouseTally  # the building's answers, this one included
    reopened: Outage | None  # the building's reopened outage, if it is (now or before)


def reopening_source_id(outage_id: int, street_id: int, house: str) -> str:
    return f"reopened:{outage_id}:{street_id}:{house}"


async def answer_is_back(
    uow: CrowdUnitOfWork,
    clock: Clock,
    rules: CrowdRules,
    user_id: int,
    outage_id: int,
    address_id: int,
    back: bool,
) -> BackOutcome:
    """Count the answer for the building of the person's saved address the question named.
    NotFound: the outage or the address is gone; TooLate; InvalidInput: not a building."""
    # Locked: answers to one outage are counted one after another, so two that cross the
    # threshold together reopen the building once and each sees the other's answer.
    outage = await uow.outages.get(outage_id, for_update=True)
    if outage is None:
        raise NotFound(f"outage {outage_id}")
    if outage.status is not OutageStatus.RESTORED:
        raise InvalidTransition(f"outage {outage_id} is {outage.status.value}, not restored")
    now = clock.now()
    if now - outage.updated_at > rules.answer_window:
        raise TooLate(f"outage {outage_id} was restored at {outage.updated_at.isoformat()}")
    address = await uow.subscriptions.address(user_id, address_id)
    if address is None:
        raise NotFound(f"address {address_id} of {user_id}")
    if address.street_id is None or not address.house:
        raise InvalidInput("the address is not a building")
    street_id, house = address.street_id, normalise_house(address.house)
    before = await uow.crowd.answer(outage_id, user_id)
    if before is not None and before.back == back and before.house == house:
        counted = Counted.SAME
    else:
        answer = BackAnswer(outage_id, user_id, street_id, house, back, now)
        await uow.crowd.save_answer(answer)
        counted = Counted.NEW if before is None else Counted.CHANGED
    tally = await uow.crowd.tally(outage_id, street_id, house)
    reopened = await uow.outages.by_source(
        RESIDENTS_SOURCE, reopening_source_id(outage_id, street_id, house)
    )
    if reopened is None and tally.still_off >= rules.still_off_per_house:
        reopened = await _reopen(uow, clock, outage, street_id, house)
    if reopened is not None and counted is not Counted.SAME:
        place = (street_id, house, address.district)
        await _redraw(uow, clock, outage_id, reopened, place, tally)
    return BackOutcome(counted, tally, reopened)


async def _reopen(
    uow: CrowdUnitOfWork, clock: Clock, outage: Outage, street_id: int, house: str
) -> Outage:
    assert outage.id is not None
    draft = OutageDraft(
        kind=outage.kind,
        emergency=True,
        area=OutageArea(streets=(StreetSpan(street_id, houses=(house,)),)),
        starts_at=clock.now(),
        ends_at=None,
        description=outage.description,
        source=RESIDENTS_SOURCE,
        source_id=reopening_source_id(outage.id, street_id, house),
    )
    return (await publish_outage(uow, clock, draft)).outage


async def _redraw(
    uow: CrowdUnitOfWork,
    clock: Clock,
    outage_id: int,
    reopened: Outage,
    place: tuple[int, str, str | None],  # street id, house, district
    tally: HouseTally,
) -> None:
    """The building's staff card, posted at the reopening and redrawn at every new count, in
    the chat of the department that answers for the kind there (domain/services/crowd_chat)."""
    street_id, house, district = place
    where = await crowd_card_place(uow.departments, uow.staff_chat_id, reopened.kind, district)
    if where is None or reopened.id is None:
        return
    counts = (tally.back, tally.still_off)
    now, thread = clock.now(), where.thread_id
    card = reopened_card(
        where.chat_id, outage_id, reopened.id, street_id, house, counts, now, thread
    )
    await uow.outbox.add(card)

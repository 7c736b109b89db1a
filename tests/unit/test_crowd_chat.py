"""The crowd's staff cards go to the chat of the department that answers for the kind's
requests there (water and heating: housing and utilities), power's to the main chat."""

from datetime import timedelta

from domain.alerts.crowd_notices import STAFF_REOPENED_CARD, STAFF_SUSPECTED_CARD
from domain.alerts.crowd_rules import DEFAULT_RULES, SuspectKind
from domain.clock import FixedClock
from domain.departments import Route
from domain.services import crowd, crowd_decisions
from domain.services.is_back import answer_is_back
from tests.unit.crowd_fakes import STAFF_CHAT, FakeCrowdUnitOfWork
from tests.unit.test_crowd import NOW, signal
from tests.unit.test_is_back import resident, restored_outage

UTILITIES_CHAT, UTILITIES_TOPIC = -100700, 42


def with_utilities_chat(thread_id: int | None = UTILITIES_TOPIC) -> FakeCrowdUnitOfWork:
    uow = FakeCrowdUnitOfWork()
    uow.departments.add("housing_utilities", chat_id=UTILITIES_CHAT, thread_id=thread_id)
    uow.departments.add("city_desk")
    uow.departments.route_rows[("water_heating", "")] = Route(
        "water_heating", "", "housing_utilities"
    )
    return uow


def rows(uow: FakeCrowdUnitOfWork, kind: str) -> list[tuple[int, object]]:
    return [
        (n.chat_id, n.payload["thread_id"]) for n in uow.outbox.rows.values() if n.kind == kind
    ]


async def test_a_suspected_water_outage_goes_to_housing_and_utilities_every_time() -> None:
    uow, clock = with_utilities_chat(), FixedClock(NOW)
    for user_id in (1, 2, 3, 4):
        await crowd.note_signal(uow, clock, DEFAULT_RULES, signal(user_id))
    await crowd_decisions.dismiss_suspicion(uow, clock, 1, "Ремонт стояка", "Анна")
    place = (UTILITIES_CHAT, UTILITIES_TOPIC)
    assert rows(uow, STAFF_SUSPECTED_CARD) == [place, place, place]  # s3, s4, dismissed


async def test_a_suspected_power_outage_stays_in_the_main_chat() -> None:
    uow, clock = with_utilities_chat(), FixedClock(NOW)
    for user_id in (1, 2, 3):
        power = signal(user_id, kind=SuspectKind.POWER)
        await crowd.note_signal(uow, clock, DEFAULT_RULES, power)
    assert rows(uow, STAFF_SUSPECTED_CARD) == [(STAFF_CHAT, None)]


async def test_without_a_chat_of_its_own_the_department_s_cards_stay_in_the_main_chat() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    uow.departments.add("housing_utilities", thread_id=7)  # a topic of the main chat
    uow.departments.route_rows[("water_heating", "")] = Route(
        "water_heating", "", "housing_utilities"
    )
    for user_id in (1, 2, 3):
        await crowd.note_signal(uow, clock, DEFAULT_RULES, signal(user_id))
    assert rows(uow, STAFF_SUSPECTED_CARD) == [(STAFF_CHAT, 7)]


async def test_a_reopened_building_s_card_goes_to_housing_and_utilities() -> None:
    uow, clock = with_utilities_chat(thread_id=None), FixedClock(NOW)
    outage_id = await restored_outage(uow, clock)
    clock.set(NOW + timedelta(minutes=5))
    for user_id in (1, 2, 3):
        home = await resident(uow, user_id, "15")
        await answer_is_back(uow, clock, DEFAULT_RULES, user_id, outage_id, home, False)
    assert rows(uow, STAFF_REOPENED_CARD) == [(UTILITIES_CHAT, None)]

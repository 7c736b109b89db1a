"""Suspected outages from residents' reports: what counts, when a card appears, that it is
one card however many join, and what confirming or dismissing it does."""

import tomllib
from datetime import UTC, datetime, timedelta

import pytest

from domain.alerts.crowd import Signal, SignalSource, SuspicionStatus
from domain.alerts.crowd_notices import STAFF_SUSPECTED_CARD
from domain.alerts.crowd_rules import DEFAULT_RULES, SuspectKind, parse_rules, said_off
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, StreetSpan
from domain.alerts.subscriptions import SavedAddress, Scope
from domain.clock import FixedClock
from domain.errors import InvalidInput, InvalidTransition
from domain.requests import Place, Request, RequestStatus
from domain.services import crowd, crowd_decisions, outages
from tests.unit.crowd_fakes import STAFF_CHAT, FakeCrowdUnitOfWork

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
BAUMANA, PUSHKINA = 7, 8
DATA = "data/crowd_outages.toml"


def signal(user_id: int, house: str | None = "15", **changes: object) -> Signal:
    values: dict[str, object] = {
        "user_id": user_id,
        "kind": SuspectKind.WATER,
        "source": SignalSource.REQUEST,
        "street_id": BAUMANA,
        "house": house,
        "district": "Вахитовский",
        "place_text": f"ул. Баумана, {house}",
        "created_at": NOW,
        "request_id": 100 + user_id,
    }
    values.update(changes)
    return Signal(**values)  # type: ignore[arg-type]


def cards(uow: FakeCrowdUnitOfWork) -> list[str]:
    return [key for key, n in uow.outbox.rows.items() if n.kind == STAFF_SUSPECTED_CARD]


async def note(uow: FakeCrowdUnitOfWork, clock: FixedClock, *signals: Signal) -> None:
    for one in signals:
        await crowd.note_signal(uow, clock, DEFAULT_RULES, one)


def test_the_reference_file_gives_every_kind_and_the_defaults_match_it() -> None:
    with open(DATA, "rb") as source:
        rules = parse_rules(tomllib.load(source))
    water = rules.kinds[SuspectKind.WATER]
    assert (water.building_residents, water.street_residents) == (3, 5)
    assert water.window == timedelta(minutes=90)
    assert rules.faq_kind("no_power") is SuspectKind.POWER
    assert rules.faq_kind("pothole") is None
    assert rules.still_off_per_house == 3 and rules.answer_window == timedelta(hours=36)
    for kind in SuspectKind:  # the code's fallback says what the file says
        assert DEFAULT_RULES.kinds[kind].building_residents == rules.kinds[kind].building_residents
        assert DEFAULT_RULES.kinds[kind].window == rules.kinds[kind].window


def test_a_reference_file_without_a_kind_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"\[water\] building_residents"):
        parse_rules({"water": {}, "power": {}, "is_it_back": {}})  # no [heating]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Во всём доме нет воды с утра", SuspectKind.WATER),
        ("Третий день не идёт вода из крана", SuspectKind.WATER),
        ("Отключили свет во всём подъезде", SuspectKind.POWER),
        ("нет света и воды нет", SuspectKind.POWER),  # pumps stop without power
        ("Батареи холодные, в квартире 15 градусов", SuspectKind.HEATING),
        ("No water in the building since 7 am", SuspectKind.WATER),
        ("Протекает труба в подвале, всё залито", None),  # a leak is not an outage
        ("Глубокая яма на тротуаре", None),
    ],
)
def test_which_texts_say_a_supply_is_off(text: str, kind: SuspectKind | None) -> None:
    assert said_off(text) is kind


async def test_three_residents_of_one_building_make_one_card() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2))
    assert cards(uow) == [] and uow.crowd.suspicions == {}  # two could be chance
    await note(uow, clock, signal(1, created_at=NOW))  # the same resident again: still two
    assert uow.crowd.suspicions == {}
    clock.set(NOW + timedelta(minutes=20))
    await crowd.note_signal(uow, clock, DEFAULT_RULES, signal(3, created_at=clock.now()))
    (suspicion,) = uow.crowd.suspicions.values()
    assert (suspicion.houses, suspicion.street_wide) == (("15",), False)
    assert suspicion.first_at == NOW
    assert len(await uow.crowd.signals_of(1)) == 4  # the repeat is kept, counted once
    assert cards(uow) == ["suspected:1:s4"]
    assert uow.outbox.rows["suspected:1:s4"].chat_id == STAFF_CHAT

    await note(uow, clock, signal(4, house="17", created_at=clock.now()))  # a neighbour house
    assert len(uow.crowd.suspicions) == 1  # the same card, redrawn
    assert uow.crowd.suspicions[1].houses == ("15", "17")
    assert cards(uow) == ["suspected:1:s4", "suspected:1:s5"]


async def test_reports_older_than_the_window_do_not_count() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2))
    clock.set(NOW + timedelta(minutes=91))
    await note(uow, clock, signal(3, created_at=clock.now()))
    assert uow.crowd.suspicions == {}


async def test_five_residents_across_a_street_make_the_whole_street_suspect() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, *(signal(n, house=str(n)) for n in range(1, 5)))
    assert uow.crowd.suspicions == {}  # one each in four buildings
    await note(uow, clock, signal(5, house=None))
    (suspicion,) = uow.crowd.suspicions.values()
    assert suspicion.street_wide
    assert suspicion.area == OutageArea(streets=(StreetSpan(BAUMANA),))


async def test_a_known_outage_there_explains_the_reports_unless_declined() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    hot = OutageDraft(
        OutageKind.HOT_WATER,
        False,
        OutageArea(streets=(StreetSpan(BAUMANA),)),
        NOW - timedelta(days=2),
        NOW + timedelta(days=10),
        "Плановые работы",
        "Водоканал",
    )
    known = (await outages.publish_outage(uow, clock, hot)).outage
    await note(uow, clock, signal(1), signal(2), signal(3))
    assert uow.crowd.signals == {}  # the offer to follow it was the answer
    declined = [
        signal(n, source=SignalSource.DECLINED, declined_outage_id=known.id) for n in (1, 2, 3)
    ]
    await note(uow, clock, *declined)
    assert len(uow.crowd.suspicions) == 1  # "not that one", three times: staff look


async def test_confirming_publishes_an_emergency_and_makes_the_reporters_follow_it() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2), signal(3))
    outage = await crowd_decisions.confirm_suspicion(uow, clock, 1, "Начальник")
    assert outage.kind is OutageKind.COLD_WATER and outage.emergency and outage.ends_at is None
    assert outage.area == OutageArea(streets=(StreetSpan(BAUMANA, houses=("15",)),))
    assert outage.source == "residents"
    assert "outage:1:announced" in uow.fanouts.jobs  # the usual alerts
    for user_id in (1, 2, 3):
        (followed,) = await uow.subscriptions.subscriptions(user_id)
        assert (followed.topic, followed.scope) == ("outage:cold_water", Scope.ADDRESS)
    suspicion = uow.crowd.suspicions[1]
    assert (suspicion.status, suspicion.outage_id) == (SuspicionStatus.CONFIRMED, outage.id)
    assert "suspected:1:confirmed" in uow.outbox.rows
    with pytest.raises(InvalidTransition):
        await crowd_decisions.confirm_suspicion(uow, clock, 1, "Другой")
    assert len(uow.outages.rows) == 1


async def test_dismissing_needs_a_reason_tells_nobody_and_the_same_reports_never_return() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2), signal(3))
    with pytest.raises(InvalidInput):
        await crowd_decisions.dismiss_suspicion(uow, clock, 1, "   ", "Начальник")
    dismissed = await crowd_decisions.dismiss_suspicion(
        uow, clock, 1, "Ремонт стояка", "Начальник"
    )
    assert (dismissed.status, dismissed.reason) == (SuspicionStatus.DISMISSED, "Ремонт стояка")
    residents_told = [n for n in uow.outbox.rows.values() if n.chat_id != STAFF_CHAT]
    assert residents_told == [] and uow.fanouts.jobs == {}
    await note(uow, clock, signal(4))  # a fourth resident: the three no longer count with it
    assert len(uow.crowd.suspicions) == 1
    with pytest.raises(InvalidTransition):
        await crowd_decisions.confirm_suspicion(uow, clock, 1, "Другой")


async def test_an_faq_question_counts_only_for_someone_with_an_address() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    assert await crowd.note_faq_question(uow, clock, DEFAULT_RULES, 1, "no_water") is None
    assert uow.crowd.signals == {}
    home = SavedAddress(1, "Дом", "ул. Баумана, 15", NOW, BAUMANA, "15", "Вахитовский")
    await uow.subscriptions.add_address(home)
    await crowd.note_faq_question(uow, clock, DEFAULT_RULES, 1, "no_water")
    await crowd.note_faq_question(uow, clock, DEFAULT_RULES, 1, "pothole")
    (recorded,) = uow.crowd.signals.values()
    assert (recorded.source, recorded.house, recorded.kind) == (
        SignalSource.FAQ,
        "15",
        SuspectKind.WATER,
    )


async def test_no_staff_chat_no_card_but_the_suspicion_is_kept() -> None:
    uow, clock = FakeCrowdUnitOfWork(staff_chat_id=None), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2), signal(3))
    assert len(uow.crowd.suspicions) == 1 and cards(uow) == []


async def test_another_street_is_another_suspicion() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2), signal(3))
    await note(uow, clock, *(signal(n, street_id=PUSHKINA) for n in (4, 5, 6)))
    assert sorted(s.street_id for s in uow.crowd.suspicions.values()) == [BAUMANA, PUSHKINA]


async def test_requests_count_by_what_they_say_at_one_spelling_of_the_building() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)

    def request(author: int, house: str, text: str) -> Request:
        place = Place(f"ул. Баумана, {house}", "Вахитовский", BAUMANA, house)
        status = RequestStatus.NEW
        return Request(author, author, "water_heating", text, place, status, NOW, NOW, NOW, NOW)

    leak = request(9, "15а", "Течёт труба в подвале, всё залито")
    assert await crowd.note_request(uow, clock, DEFAULT_RULES, 9, leak) is None
    for author, house in ((1, "15А"), (2, "15 а"), (3, "15а")):
        filed = request(author, house, "Нет воды с утра во всём доме")
        await crowd.note_request(uow, clock, DEFAULT_RULES, author, filed)
    (suspicion,) = uow.crowd.suspicions.values()
    assert suspicion.houses == ("15а",)
    assert sorted(s.request_id or 0 for s in await uow.crowd.signals_of(1)) == [1, 2, 3]


async def test_an_outage_published_since_the_card_is_not_confirmed_twice() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    await note(uow, clock, signal(1), signal(2), signal(3))
    suspicion = uow.crowd.suspicions[1]
    assert await crowd_decisions.known_now(uow, clock, suspicion) == []
    utility = OutageDraft(
        OutageKind.COLD_WATER,
        True,
        OutageArea(streets=(StreetSpan(BAUMANA),)),
        NOW - timedelta(minutes=30),
        None,
        "Порыв",
        "Водоканал",
    )
    known = (await outages.publish_outage(uow, clock, utility)).outage
    with pytest.raises(crowd_decisions.AlreadyKnown) as refused:
        await crowd_decisions.confirm_suspicion(uow, clock, 1, "Начальник")
    assert refused.value.outage_id == known.id
    assert uow.crowd.suspicions[1].status is SuspicionStatus.OPEN  # to be dismissed by staff
    assert len(uow.outages.rows) == 1

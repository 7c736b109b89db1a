"""Suspected outages and "is it back?" on both databases: signals gathered into one open
suspicion per street and kind, confirmation reaching the reporters through the fan-out, and
answers counted per building, one per person."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.alerts.crowd import BackAnswer, HouseTally, Signal, SignalSource, Suspicion
from domain.alerts.crowd_notices import STAFF_SUSPECTED_CARD
from domain.alerts.crowd_rules import DEFAULT_RULES, SuspectKind
from domain.alerts.fanout import OUTAGE_ALERT
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, StreetSpan
from domain.clock import FixedClock
from domain.services import crowd, crowd_decisions
from domain.services.fanout import fan_out_batch
from domain.services.outages import publish_outage
from storage.models import OutboxRow
from storage.reference_data import load_reference_data
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW, make_user

STAFF_CHAT = -100500


@pytest.fixture
def uows(session_factory, clock):  # type: ignore[no-untyped-def]
    return lambda: SqlUnitOfWork(session_factory, clock, staff_chat_id=STAFF_CHAT)


async def _street(uow: SqlUnitOfWork, name: str) -> int:
    street = next(s for s in await uow.streets.all() if s.name == name)
    assert street.id is not None
    return street.id


def _signal(user_id: int, street_id: int, house: str | None = "15", **changes: object) -> Signal:
    values: dict[str, object] = {
        "user_id": user_id,
        "kind": SuspectKind.WATER,
        "source": SignalSource.REQUEST,
        "street_id": street_id,
        "house": house,
        "district": "Вахитовский",
        "place_text": f"ул. Баумана, {house}",
        "created_at": NOW,
    }
    values.update(changes)
    return Signal(**values)  # type: ignore[arg-type]


async def _outbox(uow: SqlUnitOfWork, kind: str) -> list[OutboxRow]:
    rows = await uow.session.scalars(
        select(OutboxRow).where(OutboxRow.kind == kind).order_by(OutboxRow.id)
    )
    return list(rows)


async def test_signals_gather_into_one_card_and_confirmation_reaches_the_reporters(
    uows, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street(uow, "Баумана")
        for user_id in (1, 2, 3, 4):
            await uow.users.add(make_user(user_id))
        old = _signal(4, street, created_at=NOW - timedelta(hours=3))  # outside the window
        await crowd.note_signal(uow, clock, DEFAULT_RULES, old)
        for user_id in (1, 2):
            await crowd.note_signal(uow, clock, DEFAULT_RULES, _signal(user_id, street))
        assert await uow.crowd.open_suspicion(SuspectKind.WATER, street) is None
        await crowd.note_signal(uow, clock, DEFAULT_RULES, _signal(3, street))
        await uow.commit()
    async with uows() as uow:
        suspicion = await uow.crowd.open_suspicion(SuspectKind.WATER, street)
        assert suspicion is not None and suspicion.id is not None
        assert suspicion.houses == ("15",) and not suspicion.street_wide
        assert {s.user_id for s in await uow.crowd.signals_of(suspicion.id)} == {1, 2, 3}
        loose = await uow.crowd.loose_signals(SuspectKind.WATER, street, NOW - timedelta(days=1))
        assert [s.user_id for s in loose] == [4]  # too old to count: left loose
        assert [r.key for r in await _outbox(uow, STAFF_SUSPECTED_CARD)] == ["suspected:1:s3"]
        outage = await crowd_decisions.confirm_suspicion(uow, clock, suspicion.id, "Начальник")
        await uow.commit()
    async with uows() as uow:
        while await fan_out_batch(uow, clock) is not None:
            pass
    async with uows() as uow:
        alerts = await _outbox(uow, OUTAGE_ALERT)
        assert sorted(r.chat_id for r in alerts) == [1, 2, 3]  # the reporters, told
        assert {r.payload["outage_id"] for r in alerts} == {outage.id}
        decided = await uow.crowd.get_suspicion(suspicion.id)
        assert decided is not None and decided.outage_id == outage.id
        cards = [r.key for r in await _outbox(uow, STAFF_SUSPECTED_CARD)]
        assert cards == ["suspected:1:s3", "suspected:1:confirmed"]


async def test_one_open_suspicion_per_street_and_kind(uows) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street(uow, "Баумана")
        await uow.commit()
    one = Suspicion(SuspectKind.POWER, street, None, ("1",), False, NOW, NOW)
    async with uows() as uow:
        await uow.crowd.add_suspicion(one)
        await uow.commit()
    async with uows() as uow:
        await uow.crowd.add_suspicion(replace(one, kind=SuspectKind.WATER))
        await uow.commit()  # another kind: fine
    async with uows() as uow:  # crossing the threshold at once with another report
        again = await uow.crowd.add_suspicion(replace(one, houses=("2",)))
        await uow.commit()
    assert again.id == 1 and again.houses == ("1",)  # the card already open


async def test_answers_one_per_person_counted_per_building(uows) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        for user_id in (1, 2, 3):
            await uow.users.add(make_user(user_id))
        street = await _street(uow, "Баумана")
        draft = OutageDraft(
            OutageKind.COLD_WATER,
            True,
            OutageArea(streets=(StreetSpan(street),)),
            NOW - timedelta(hours=1),
            None,
            "",
            "Водоканал",
        )
        outage_id = (await publish_outage(uow, FixedClock(NOW), draft)).outage.id
        assert outage_id is not None
        await uow.crowd.save_answer(BackAnswer(outage_id, 1, street, "15", False, NOW))
        await uow.crowd.save_answer(BackAnswer(outage_id, 2, street, "15", True, NOW))
        await uow.crowd.save_answer(BackAnswer(outage_id, 3, street, "17", False, NOW))
        await uow.commit()
    async with uows() as uow:
        await uow.crowd.save_answer(BackAnswer(outage_id, 2, street, "15", False, NOW))  # changed
        await uow.commit()
    async with uows() as uow:
        assert await uow.crowd.tally(outage_id, street, "15") == HouseTally(back=0, still_off=2)
        assert await uow.crowd.tally(outage_id, street, "17") == HouseTally(back=0, still_off=1)
        answer = await uow.crowd.answer(outage_id, 2)
        assert answer is not None and answer.back is False

""" "Is it back?": answers counted per building, one per person (changeable), and enough
"still off" from one building reopening the outage for that building alone."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.alerts.crowd_notices import STAFF_REOPENED_CARD
from domain.alerts.crowd_rules import DEFAULT_RULES
from domain.alerts.fanout import Recipient, notification_for, outage_job
from domain.alerts.outages import (
    Outage,
    OutageArea,
    OutageDraft,
    OutageKind,
    OutageStatus,
    Phase,
    StreetSpan,
)
from domain.alerts.subscriptions import QuietHours, SavedAddress
from domain.clock import CITY_TZ, FixedClock
from domain.errors import InvalidTransition, NotFound
from domain.services import outages
from domain.services.is_back import Counted, TooLate, answer_is_back
from tests.unit.crowd_fakes import FakeCrowdUnitOfWork

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
BAUMANA = 7


async def restored_outage(uow: FakeCrowdUnitOfWork, clock: FixedClock) -> int:
    draft = OutageDraft(
        OutageKind.COLD_WATER,
        True,
        OutageArea(streets=(StreetSpan(BAUMANA),)),
        NOW - timedelta(hours=3),
        None,
        "Порыв",
        "Водоканал",
        source_id="v-1",
    )
    outage = (await outages.publish_outage(uow, clock, draft)).outage
    assert outage.id is not None
    # Restored as update_outage would (its fan-out is storage's part, tested there).
    await uow.outages.save(replace(outage, status=OutageStatus.RESTORED, updated_at=NOW))
    return outage.id


async def resident(uow: FakeCrowdUnitOfWork, user_id: int, house: str) -> int:
    address = SavedAddress(user_id, "Дом", f"ул. Баумана, {house}", NOW, BAUMANA, house)
    saved = await uow.subscriptions.add_address(address)
    assert saved.id is not None
    return saved.id


def reopened_cards(uow: FakeCrowdUnitOfWork) -> list[str]:
    return [key for key, n in uow.outbox.rows.items() if n.kind == STAFF_REOPENED_CARD]


async def test_three_still_off_in_one_house_reopen_it_for_that_house_only() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    outage_id = await restored_outage(uow, clock)
    homes = {n: await resident(uow, n, "15") for n in (1, 2, 3, 4)}
    other = await resident(uow, 9, "17")

    for n in (1, 2):
        outcome = await answer_is_back(uow, clock, DEFAULT_RULES, n, outage_id, homes[n], False)
        assert outcome.counted is Counted.NEW and outcome.reopened is None
    await answer_is_back(uow, clock, DEFAULT_RULES, 9, outage_id, other, False)  # next door
    third = await answer_is_back(uow, clock, DEFAULT_RULES, 3, outage_id, homes[3], False)
    assert (third.tally.still_off, third.tally.back) == (3, 0)
    reopened = third.reopened
    assert reopened is not None and reopened.id is not None
    assert reopened.area == OutageArea(streets=(StreetSpan(BAUMANA, houses=("15",)),))
    assert reopened.emergency and reopened.kind is OutageKind.COLD_WATER
    assert uow.outages.rows[outage_id].status is OutageStatus.RESTORED  # stays so elsewhere
    assert f"outage:{reopened.id}:announced" in uow.fanouts.jobs
    assert reopened_cards(uow) == [f"reopened:{reopened.id}:0:3"]

    fourth = await answer_is_back(uow, clock, DEFAULT_RULES, 4, outage_id, homes[4], True)
    assert fourth.reopened == reopened  # once per house: no second outage
    assert len(uow.outages.rows) == 2
    assert reopened_cards(uow)[-1] == f"reopened:{reopened.id}:1:3"  # the count, redrawn


async def test_one_answer_per_person_pressing_again_or_changing_it() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    outage_id = await restored_outage(uow, clock)
    home = await resident(uow, 1, "15")
    assert (
        await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage_id, home, True)
    ).counted is Counted.NEW
    again = await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage_id, home, True)
    assert again.counted is Counted.SAME and again.tally.back == 1
    changed = await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage_id, home, False)
    assert changed.counted is Counted.CHANGED
    assert (changed.tally.back, changed.tally.still_off) == (0, 1)


async def test_late_and_stale_presses_are_refused() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    outage_id = await restored_outage(uow, clock)
    home = await resident(uow, 1, "15")
    with pytest.raises(NotFound):
        await answer_is_back(uow, clock, DEFAULT_RULES, 2, outage_id, home, False)  # not theirs
    with pytest.raises(NotFound):
        await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage_id + 5, home, False)
    clock.set(NOW + DEFAULT_RULES.answer_window + timedelta(minutes=1))
    with pytest.raises(TooLate):
        await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage_id, home, False)
    assert uow.crowd.answers == {}


async def test_an_outage_not_restored_asks_nothing() -> None:
    uow, clock = FakeCrowdUnitOfWork(), FixedClock(NOW)
    draft = OutageDraft(
        OutageKind.COLD_WATER,
        True,
        OutageArea(streets=(StreetSpan(BAUMANA),)),
        NOW - timedelta(hours=1),
        None,
        "",
        "Водоканал",
    )
    outage = (await outages.publish_outage(uow, clock, draft)).outage
    home = await resident(uow, 1, "15")
    assert outage.id is not None
    with pytest.raises(InvalidTransition):
        await answer_is_back(uow, clock, DEFAULT_RULES, 1, outage.id, home, False)


def test_the_question_waits_for_the_end_of_quiet_hours() -> None:
    """ "Is it back?" rides on the "restored" message, which is never urgent: asked at 23:00,
    it arrives at 08:00 (and the answer window, counted from the restore, is still open)."""
    night = datetime(2026, 3, 2, 23, 0, tzinfo=CITY_TZ)
    outage = Outage(
        OutageKind.COLD_WATER,
        True,
        OutageArea(streets=(StreetSpan(BAUMANA),)),
        night - timedelta(hours=5),
        None,
        "",
        "Водоканал",
        night,
        night,
        status=OutageStatus.RESTORED,
        id=4,
    )
    job = outage_job(outage, Phase.RESTORED, night)
    row = notification_for(job, Recipient(1, QuietHours(), address_id=3), night)
    assert row is not None and row.payload["address_id"] == 3
    assert row.next_attempt_at == datetime(2026, 3, 3, 8, 0, tzinfo=CITY_TZ)
    assert row.next_attempt_at - night < DEFAULT_RULES.answer_window

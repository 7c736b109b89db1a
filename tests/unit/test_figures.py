"""The figures' definitions and use cases with fakes: the periods, the roll-up, the median,
the reports over the hand-computed week (the same week the SQL is checked on), the weekly
report's single row per chat and week."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import CITY_TZ, FixedClock
from domain.figures import Dimension, FigureCounts, SliceKey, median, roll_up
from domain.figures_period import BadPeriod, parse_period, previous_week
from domain.requests import RequestChannel
from domain.services.figures_report import figures_report, weekly_report
from domain.services.weekly_figures import post_weekly_reports, queue_weekly_report
from tests.storage.figures_history import (
    BY_STAFF,
    CITY,
    GULNARA,
    NOT_ROUTED,
    PHONE,
    ROADS_DEPT,
    ROADS_FIGURES,
    TIMUR,
    seed_history,
)
from tests.storage.samples import NOW
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.figures_fakes import FakeFigures

H = timedelta(hours=1)
THURSDAY = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # 18:00 in Kazan


def city(at: datetime) -> tuple[int, int, int, int]:
    local = at.astimezone(CITY_TZ)
    return local.year, local.month, local.day, local.hour


def test_week_is_the_last_seven_days_today_included() -> None:
    period = parse_period(None, THURSDAY)
    assert parse_period("WEEK ", THURSDAY) == period
    assert city(period.start) == (2026, 11, 20, 0) and period.end == THURSDAY
    assert len(period.days()) == 7


def test_months() -> None:
    this_month = parse_period("month", THURSDAY)
    assert city(this_month.start) == (2026, 11, 1, 0) and this_month.end == THURSDAY
    october = parse_period("2026-10", THURSDAY)
    assert (city(october.start), city(october.end)) == ((2026, 10, 1, 0), (2026, 11, 1, 0))
    assert len(october.days()) == 31
    assert city(october.previous.start) == (2026, 9, 1, 0)
    assert parse_period("2026-11", THURSDAY) == this_month


@pytest.mark.parametrize("argument", ["вчера", "2026-13", "2026-1", "2027-01", "week month"])
def test_a_period_not_understood(argument: str) -> None:
    with pytest.raises(BadPeriod):
        parse_period(argument, THURSDAY)


def test_previous_week_is_monday_to_monday_in_kazan() -> None:
    week = previous_week(THURSDAY)
    assert (city(week.start), city(week.end)) == ((2026, 11, 16, 0), (2026, 11, 23, 0))
    assert previous_week(datetime(2026, 11, 22, 21, 0, tzinfo=UTC)) == previous_week(
        datetime(2026, 11, 29, 20, 59, tzinfo=UTC)
    )  # Monday 00:00 and Sunday 23:59 in Kazan: the same last week
    assert week.previous.end == week.start


def test_counts_add_up_and_shares() -> None:
    a = FigureCounts(received=2, resolved=2, resolved_on_time=1, rated=1, rating_sum=4)
    b = FigureCounts(received=1, resolved=2, resolved_on_time=2, rated=1, rating_sum=1)
    total = a + b
    assert (total.received, total.resolved, total.on_time_share) == (3, 4, 0.75)
    assert total.average_rating == 2.5
    assert FigureCounts().on_time_share is None and FigureCounts().average_rating is None
    assert FigureCounts().reopened_share is None and FigureCounts().empty


def test_roll_up_by_dimension() -> None:
    bot, phone = RequestChannel.BOT, RequestChannel.PHONE
    groups = [
        (SliceKey("roads", 1, bot), FigureCounts(received=1)),
        (SliceKey("roads", 2, phone), FigureCounts(received=2)),
        (SliceKey(None, 1, phone), FigureCounts(received=4)),
    ]
    assert roll_up(groups, Dimension.CITY) == {None: FigureCounts(received=7)}
    assert roll_up(groups, Dimension.DEPARTMENT) == {
        "roads": FigureCounts(received=3),
        None: FigureCounts(received=4),
    }
    assert roll_up(groups, Dimension.STAFF)[1] == FigureCounts(received=5)
    assert roll_up(groups, Dimension.CHANNEL)[phone] == FigureCounts(received=6)


def test_median() -> None:
    assert median([]) is None
    assert median([3.0]) == 3.0
    assert median([4.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


async def seeded() -> tuple[FakeUnitOfWork, FakeFigures, dict[str, int]]:
    uow = FakeUnitOfWork(staff_chat_id=-100)
    ids = await seed_history(uow)  # type: ignore[arg-type]
    return uow, FakeFigures(uow.requests, uow.users), ids


async def test_the_hand_computed_week_by_the_definitions() -> None:
    _uow, figures, _ids = await seeded()
    report = await figures_report(figures, previous_week(NOW), NOW)
    assert report.city.counts == CITY
    assert report.city.median_first_response == 1.5 * H
    departments = report.slices[Dimension.DEPARTMENT]
    assert {key: f.counts for key, f in departments.items()} == {
        ROADS_DEPT: ROADS_FIGURES,
        None: NOT_ROUTED,
    }
    assert departments[None].median_first_response is None  # nobody answered R5 or R7
    assert {key: f.counts for key, f in report.slices[Dimension.STAFF].items()} == BY_STAFF
    assert report.slices[Dimension.STAFF][GULNARA].median_first_response == 3 * H
    assert report.slices[Dimension.CHANNEL][RequestChannel.PHONE].counts == PHONE
    assert report.names == {GULNARA: "Гульнара", TIMUR: "Тимур"}
    assert [(d.received, d.closed) for d in report.flow] == [
        (0, 0), (3, 1), (1, 2), (2, 3), (0, 0), (1, 1), (1, 1)
    ]  # fmt: skip


async def test_weekly_report_keeps_only_low_marks() -> None:
    _uow, figures, ids = await seeded()
    report = await weekly_report(figures, previous_week(NOW), NOW, ROADS_DEPT)
    assert report.this.city.counts == ROADS_FIGURES
    assert [r.id for r in report.worst_rated] == [ids["R2"]]  # 2; R3's 4 and R1's 5 are fine
    assert [r.id for r in report.oldest_open] == [ids[n] for n in ("R6", "R12", "R9", "R10")]


async def test_the_weekly_report_once_per_chat_and_week() -> None:
    uow = FakeUnitOfWork(staff_chat_id=-100)
    clock = FixedClock(NOW)
    assert await post_weekly_reports(uow, clock) == 1
    assert await post_weekly_reports(uow, clock) == 0
    assert [n.payload for n in uow.outbox.rows.values()] == [
        {"week_start": "2026-02-23T00:00:00+03:00", "department": None}
    ] * 2  # the text and its chart
    assert await queue_weekly_report(uow, NOW, "roads", -200)  # a department's own chat
    assert await post_weekly_reports(FakeUnitOfWork(), clock) == 0  # no staff chat

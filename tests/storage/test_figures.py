"""The figures' SQL against figures computed by hand on tests/storage/figures_history.py's
week (reopenings, a duplicate, a withdrawal, requests before and after the week)."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.figures import Dimension, FigureCounts, roll_up
from domain.figures_period import previous_week
from domain.requests import RequestChannel
from domain.services.figures_report import figures_report, weekly_report
from scheduler.jobs import weekly_figures
from storage.uow import SqlUnitOfWork
from tests.storage.figures_history import (
    BY_STAFF,
    CITY,
    GULNARA,
    NOT_ROUTED,
    PHONE,
    ROADS_DEPT,
    ROADS_FIGURES,
    TIMUR,
    W,
    seed_history,
)
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories

H = timedelta(hours=1)
WEEK_END = W + timedelta(days=7)
STAFF_CHAT = -100500


async def seeded(uow: SqlUnitOfWork) -> dict[str, int]:
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        ids = await seed_history(uow)
        await uow.commit()
    return ids


async def test_counts_by_every_dimension(uow: SqlUnitOfWork) -> None:
    await seeded(uow)
    async with uow:
        groups = await uow.figures.counts(W, WEEK_END, NOW, None)
    assert roll_up(groups, Dimension.CITY) == {None: CITY}
    assert roll_up(groups, Dimension.DEPARTMENT) == {ROADS_DEPT: ROADS_FIGURES, None: NOT_ROUTED}
    assert roll_up(groups, Dimension.STAFF) == BY_STAFF
    assert roll_up(groups, Dimension.CHANNEL)[RequestChannel.PHONE] == PHONE
    assert CITY.on_time_share == 0.75 and CITY.reopened_share == 0.5


async def test_one_department_alone(uow: SqlUnitOfWork) -> None:
    await seeded(uow)
    async with uow:
        groups = await uow.figures.counts(W, WEEK_END, NOW, ROADS_DEPT)
        medians = await uow.figures.median_first_response(W, WEEK_END, Dimension.CITY, "roads")
    assert roll_up(groups, Dimension.CITY) == {None: ROADS_FIGURES}
    assert medians == {None: 1.5 * 3600}  # 0.5 1 1 2 3 4 hours


async def test_median_first_response(uow: SqlUnitOfWork) -> None:
    await seeded(uow)
    async with uow:
        median = uow.figures.median_first_response
        city = await median(W, WEEK_END, Dimension.CITY, None)
        staff = await median(W, WEEK_END, Dimension.STAFF, None)
        channel = await median(W, WEEK_END, Dimension.CHANNEL, None)
        department = await median(W, WEEK_END, Dimension.DEPARTMENT, None)
    hours = {key: value / 3600 for key, value in staff.items()}
    assert city == {None: 1.5 * 3600}  # R4 0.5, R1 R12 1, R3 2, R2 3, R9 4 hours
    assert hours == {GULNARA: 3.0, TIMUR: 2.0, None: 0.75}  # 1 3 4 | 2 | 0.5 1
    assert channel == {RequestChannel.PHONE: 3 * 3600, RequestChannel.BOT: 3600}
    assert department == {ROADS_DEPT: 1.5 * 3600}  # nobody answered R5 or R7


async def test_the_week_flow_per_city_day(uow: SqlUnitOfWork) -> None:
    await seeded(uow)
    week = previous_week(NOW)
    async with uow:
        flow = await uow.figures.flow(week.days(), week.end, None)
    assert [day.day for day in flow] == [W + timedelta(days=n) for n in range(7)]
    assert [day.received for day in flow] == [0, 3, 1, 2, 0, 1, 1]
    # Closed: R8 | R1 R12 | R3 R4 R5 | - | R3 again | R2.
    assert [day.closed for day in flow] == [0, 1, 2, 3, 0, 1, 1]
    async with uow:
        roads = await uow.figures.flow(week.days(), week.end, ROADS_DEPT)
    assert [day.received for day in roads] == [0, 3, 1, 1, 0, 1, 0]
    assert [day.closed for day in roads] == [0, 0, 2, 2, 0, 1, 1]  # no R5 (withdrawn), no R8


async def test_weekly_report_against_the_week_before(uow: SqlUnitOfWork) -> None:
    ids = await seeded(uow)
    async with uow:
        report = await weekly_report(uow.figures, previous_week(NOW), NOW)
    assert report.this.city.counts == CITY
    assert report.before.counts == FigureCounts(
        received=1, taken=1, overdue_now=1, ever_resolved=1
    )
    assert report.before.median_first_response == 2 * H
    assert [r.id for r in report.oldest_open] == [ids[n] for n in ("R6", "R12", "R9", "R7", "R10")]
    assert [(r.id, r.rating) for r in report.worst_rated] == [(ids["R2"], 2)]  # 4 and 5: fine
    assert report.this.names == {GULNARA: "Гульнара", TIMUR: "Тимур"}


async def test_an_empty_period(uow: SqlUnitOfWork) -> None:
    await seeded(uow)
    async with uow:
        report = await figures_report(uow.figures, previous_week(W - timedelta(days=30)), NOW)
    assert report.city.counts == FigureCounts(overdue_now=1)
    assert report.city.median_first_response is None
    assert report.city.counts.on_time_share is None


async def test_the_weekly_report_is_queued_once_per_chat_and_week(
    uow: SqlUnitOfWork, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await seeded(uow)
    monday = FixedClock(NOW)  # Monday 12:30 in Kazan
    assert await weekly_figures(session_factory, monday, None) == 0  # no staff chat: nothing
    assert await weekly_figures(session_factory, monday, STAFF_CHAT) == 1
    monday.set(NOW + H)  # a restart, a second process: the same week
    assert await weekly_figures(session_factory, monday, STAFF_CHAT) == 0
    async with SqlUnitOfWork(session_factory, monday) as check:
        rows = await check.outbox.pending(NOW + 2 * H, 10)
    assert [(row.kind, row.chat_id, row.key) for row in rows] == [
        ("staff_weekly_figures", STAFF_CHAT, f"weekly:city:{STAFF_CHAT}:2026-02-23"),
        ("staff_weekly_chart", STAFF_CHAT, f"weekly-chart:city:{STAFF_CHAT}:2026-02-23"),
    ]
    monday.set(NOW + timedelta(days=7))  # the next Monday: the next week's report
    assert await weekly_figures(session_factory, monday, STAFF_CHAT) == 1

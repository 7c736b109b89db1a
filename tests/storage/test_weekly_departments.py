"""The weekly report to the main staff chat and to each department's own chat, queued by the
job on an injected clock over tests/storage/figures_history.py's week, then rendered as the
outbox would: the city's figures to the main chat, the department's own to its chat (in its
forum topic, its name in the chat's language), once per week."""

from datetime import timedelta
from functools import partial

from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.departments import Department
from domain.notifications import Notification
from handlers.rendered_message import RenderedMessage
from handlers.staff.figures_notices import FiguresNotices
from scheduler.jobs import weekly_figures
from storage.uow import SqlUnitOfWork
from tests.storage.figures_history import ROADS_DEPT, seed_history
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories
from tests.unit.conftest import LOCALES

STAFF_CHAT, ROADS_CHAT, ROADS_TOPIC = -100500, -100700, 77
WEEK = "2026-02-23"


async def seeded(uow: SqlUnitOfWork) -> None:
    """The week's history; roads has a chat (in English) and a topic of its own, lighting
    none, the desk names the main staff chat as its own."""
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        await seed_history(uow)
        departments = uow.departments
        await departments.save(
            Department(ROADS_DEPT, "Дороги", "Юллар", "Roads", ROADS_CHAT, ROADS_TOPIC)
        )
        await departments.save(Department("lighting", "Освещение", "Яктырту", "Lighting"))
        await departments.save(Department("desk", "Приёмная", "Кабул", "Desk", STAFF_CHAT))
        await uow.chat_settings.set_locale(ROADS_CHAT, "en", NOW)
        await uow.commit()


async def render(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock, row: Notification
) -> RenderedMessage:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    notices = FiguresNotices(partial(SqlUnitOfWork, session_factory, clock), i18n, clock)
    render = notices.chart if row.kind == "staff_weekly_chart" else notices.text
    return await render(row)


async def test_the_city_and_each_department_with_a_chat_once_a_week(
    uow: SqlUnitOfWork, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await seeded(uow)
    monday = FixedClock(NOW)  # Monday 2 March, 12:30 in Kazan: the week of 23 February
    assert await weekly_figures(session_factory, monday, STAFF_CHAT) == 2  # city and roads
    monday.set(NOW + timedelta(hours=1))  # a restart, a second process: the same week
    assert await weekly_figures(session_factory, monday, STAFF_CHAT) == 0
    async with SqlUnitOfWork(session_factory, monday) as check:
        rows = await check.outbox.pending(NOW + timedelta(hours=2), 10)
    assert sorted((row.chat_id, row.key) for row in rows) == [
        (ROADS_CHAT, f"weekly-chart:{ROADS_DEPT}:{ROADS_CHAT}:{WEEK}"),
        (ROADS_CHAT, f"weekly:{ROADS_DEPT}:{ROADS_CHAT}:{WEEK}"),
        (STAFF_CHAT, f"weekly-chart:city:{STAFF_CHAT}:{WEEK}"),
        (STAFF_CHAT, f"weekly:city:{STAFF_CHAT}:{WEEK}"),
    ]

    sent = {(row.chat_id, row.kind): await render(session_factory, monday, row) for row in rows}
    city = sent[STAFF_CHAT, "staff_weekly_figures"]
    lines = city.text.split("\n")
    assert lines[0] == "<b>Неделя 23.02.2026–01.03.2026: город</b>"
    assert "Получено: 8 (неделей раньше: 1)" in lines  # tests/storage/figures_history.py
    assert "<b>По отделам</b>" in lines
    assert any(line.startswith("<b>Дороги</b> — 6 / 5 / 3 (67%)") for line in lines), lines
    assert any(line.startswith("<b>без отдела</b> — 2 / 0 / 1") for line in lines), lines
    assert city.thread_id is None

    roads = sent[ROADS_CHAT, "staff_weekly_figures"]
    lines = roads.text.split("\n")
    assert lines[0] == "<b>Week 23.02.2026–01.03.2026: Roads</b>", lines[0]
    assert lines[1] == "Received: 6 (the week before: 0)", lines[1]  # R8, not routed: not here
    assert "без отдела" not in roads.text and "not routed" not in roads.text
    assert roads.thread_id == ROADS_TOPIC

    chart = sent[ROADS_CHAT, "staff_weekly_chart"]
    assert isinstance(chart.photo, bytes) and chart.photo.startswith(b"\x89PNG")
    assert chart.thread_id == ROADS_TOPIC
    assert sent[STAFF_CHAT, "staff_weekly_chart"].thread_id is None

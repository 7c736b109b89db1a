"""The figures and a department with a chat of its own: `/stats` there is the department's
(the main staff chat's the city's, departments by their names), and the weekly report goes
to both chats, the department's in its forum topic, once."""

from datetime import timedelta

from sqlalchemy import update

from domain.clock import FixedClock
from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import weekly_figures
from storage.figure_recount import recount_staff_figures
from storage.models import DepartmentRow, RequestRow
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot
from tests.e2e.test_departments_journey import ROADS, ROADS_CHAT_ID, card_in
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_figures import PNG, stats, uploaded
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

TOPIC = 500  # the department's topic in its forum chat


async def roads_chat(
    stand_in: BotApiStandIn, bot: RunningBot, *, forum: bool = False
) -> tuple[Person, Group]:
    """The roads department's own chat and its head (set through the admin API)."""
    head = add_person(stand_in.world, first_name="Руководитель")
    roads = add_group(
        stand_in.world, title="КВБ", admins=[head], chat_id=ROADS_CHAT_ID, is_forum=forum
    )
    values: dict[str, object] = {"chat_id": ROADS_CHAT_ID, "head_user_id": head.id}
    if forum:
        roads.chat.topics[TOPIC] = {"message_thread_id": TOPIC, "name": "Отчёты"}
        values["thread_id"] = TOPIC
    assert bot.app is not None
    async with bot.app.session_factory.begin() as session:
        await session.execute(
            update(DepartmentRow).where(DepartmentRow.code == "roads_improvement").values(values)
        )
    return head, roads


async def test_stats_in_the_department_chat_is_the_department(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    head, roads = await roads_chat(stand_in, bot)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await card_in(roads, f"🏢 Подразделение: {ROADS}")
    await head.press_in(card, "🙋 Взять")
    await card_in(roads, "Статус: 🛠 в работе")

    text, photo = await stats(head, roads, "/stats week")
    lines = (text.text or "").split("\n")
    assert lines[0] == f"Показатели за 24.11.2026–30.11.2026 · {ROADS}", lines[0]
    assert "Получено: 1 (дубликатов 0, отозвано 0)" in lines
    assert any(line.startswith("Руководитель — 1 / 1 / 0 (—)") for line in lines), lines
    assert any(line.startswith("бот — 1 / 1 / 0") for line in lines), lines
    assert "По отделам" not in (text.text or "")
    assert photo.text == f"Показатели за 24.11.2026–30.11.2026 · {ROADS}"
    assert uploaded(stand_in, photo).startswith(PNG)

    text, _photo = await stats(boss, staff, "/stats week")  # the main chat: the city
    lines = (text.text or "").split("\n")
    assert lines[0] == "Показатели за 24.11.2026–30.11.2026", lines[0]
    assert "По отделам" in lines
    assert any(line.startswith(f"{ROADS} — 1 / 1 / 0 (—)") for line in lines), lines


def sent(chat: Group, showing: str) -> list[SentMessage]:
    return [m for m in chat.messages() if m.from_bot and showing in (m.text or "")]


def first(chat: Group, showing: str, *, photo: bool = False) -> SentMessage:
    found = [m for m in sent(chat, showing) if (m.photo is not None) == photo]
    assert found, f"nothing showing {showing!r} in {chat.chat.title} yet"
    return found[0]


async def test_the_weekly_report_to_the_department_chat_in_its_topic(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    _boss, _clerk, staff = staff_room(stand_in)
    _head, roads = await roads_chat(stand_in, bot, forum=True)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await card_in(roads, f"🏢 Подразделение: {ROADS}")
    assert bot.app is not None
    factory = bot.app.session_factory
    async with factory.begin() as session:  # filed last week: the week the report is of
        await session.execute(update(RequestRow).values(created_at=START - timedelta(days=7)))
        await recount_staff_figures(session)  # the UPDATE went around the kept figures
    monday = FixedClock(START)  # Monday 30 November, 10:00 in Moscow: the bot's clock too
    assert await weekly_figures(factory, monday, STAFF_CHAT_ID) == 2  # the city and roads
    assert await weekly_figures(factory, monday, STAFF_CHAT_ID) == 0  # a restart: nothing new
    bot.app.outbox_wake.set()

    week = "Неделя 23.11.2026–29.11.2026"
    city = await eventually(lambda: first(staff, week), timeout=20)
    lines = (city.text or "").split("\n")
    assert lines[0] == f"{week}: город"
    assert "Получено: 1 (неделей раньше: 0)" in lines
    assert any(line.startswith(f"{ROADS} — 1 / 0 / 0") for line in lines), lines
    own = await eventually(lambda: first(roads, week), timeout=20)
    lines = (own.text or "").split("\n")
    assert lines[0] == f"{week}: {ROADS}"
    assert "Получено: 1 (неделей раньше: 0)" in lines
    assert "По отделам" not in (own.text or "")
    assert own.raw.get("message_thread_id") == TOPIC
    chart = await eventually(lambda: first(roads, week, photo=True), timeout=20)
    assert chart.raw.get("message_thread_id") == TOPIC
    assert uploaded(stand_in, chart).startswith(PNG)

    await eventually(lambda: len(sent(staff, week)) == 2)  # the text and the chart's caption
    await stand_in.wait_idle()
    assert len(sent(staff, week)) == 2 and len(sent(roads, week)) == 2

"""`/stats` in the staff chat (the figures, then their chart as a photo) and the weekly report
posted by the scheduler's job, once, through the outbox."""

from domain.clock import FixedClock
from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import weekly_figures
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot
from tests.e2e.test_departments_journey import ROADS
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room, the_card
from tests.e2e.test_staff_language import switch_to
from tests.e2e.waiting import eventually

PNG = b"\x89PNG"


async def stats(boss: Person, staff: Group, command: str) -> tuple[SentMessage, SentMessage]:
    """The text and the photo the command got (the last two of the bot's messages)."""
    await boss.send(command, chat=staff)
    photo = await staff.wait_for_reply(lambda m: m.photo is not None, timeout=15)
    text = staff.messages()[-2]
    return text, photo


def uploaded(stand_in: BotApiStandIn, photo: SentMessage) -> bytes:
    """The picture the bot uploaded: a PNG 1000 px wide (readable on a phone)."""
    assert photo.photo is not None and photo.photo["width"] == 1000, photo.photo
    stored = stand_in.world.files.get(photo.photo["file_id"])
    assert stored is not None
    return stored.data


async def test_stats_week_text_and_chart(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    await the_card(staff, stand_in, "Статус: 🛠 в работе")

    text, photo = await stats(boss, staff, "/stats week")
    lines = (text.text or "").split("\n")
    assert lines[0].startswith("Показатели за 24.11.2026–30.11.2026"), lines[0]
    assert "Получено: 1 (дубликатов 0, отозвано 0)" in lines
    assert "Взято в работу: 1" in lines
    assert any(line.startswith("Медиана первого ответа: ") and "мин" in line for line in lines)
    assert any(line.startswith("Начальник — 1 / 1 / 0 (—)") for line in lines), lines
    assert any(line.startswith("бот — 1 / 1 / 0") for line in lines), lines
    assert any(line.startswith(f"{ROADS} — 1 / 1 / 0") for line in lines), lines  # by name
    assert photo.text == "Показатели за 24.11.2026–30.11.2026"
    assert uploaded(stand_in, photo).startswith(PNG)

    await boss.send("/stats вчера", chat=staff)
    assert "Не понял период" in (staff.last_reply().text or "")
    await boss.send("/stats 2027-01", chat=staff)  # a month still to come
    assert "Не понял период" in (staff.last_reply().text or "")
    before = len(staff.messages())
    await clerk.send("/stats", chat=staff)  # not staff: the bot stays silent
    await stand_in.wait_idle()
    assert len(staff.messages()) == before + 1  # only the clerk's own message

    await switch_to(boss, staff, "English")
    text, _photo = await stats(boss, staff, "/stats month")
    assert (text.text or "").startswith("Figures for 01.11.2026–30.11.2026"), text.text
    assert "Received: 1 (0 duplicates, 0 withdrawn)" in (text.text or "")


async def test_weekly_report_posted_once(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await the_card(staff, stand_in)
    assert bot.app is not None
    factory = bot.app.session_factory
    # Monday 30 November, 10:00 in Moscow (the bot's clock runs from here): the week before.
    monday = FixedClock(START)
    assert await weekly_figures(factory, monday, STAFF_CHAT_ID) == 1
    assert await weekly_figures(factory, monday, STAFF_CHAT_ID) == 0  # a restart: nothing new
    bot.app.outbox_wake.set()

    report = await staff.wait_for_reply(lambda m: "Неделя 23.11" in (m.text or ""), timeout=20)
    lines = (report.text or "").split("\n")
    assert lines[0] == "Неделя 23.11.2026–29.11.2026: город"
    assert "Получено: 0 (неделей раньше: 0)" in lines  # Anna's request came this Monday
    assert any(line.startswith("KZN-000001 · Дороги и тротуары · с 30.11.2026") for line in lines)
    assert "Низких оценок за неделю нет." in lines
    chart = await staff.wait_for_reply(lambda m: m.photo is not None, timeout=20)
    assert chart.text == "Неделя 23.11.2026–29.11.2026"
    assert uploaded(stand_in, chart).startswith(PNG)

    def reports() -> int:
        return sum("Неделя 23.11" in (m.text or "") for m in staff.messages())

    await eventually(lambda: reports() == 2)  # the text and the chart's caption, once each
    await stand_in.wait_idle()
    assert reports() == 2

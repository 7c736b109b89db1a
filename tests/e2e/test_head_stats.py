"""`/stats` in a private chat: a department's head gets their department's figures and chart,
the same texts as in the department's chat; anyone else is told where /stats works."""

from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot
from tests.e2e.test_department_figures import roads_chat
from tests.e2e.test_departments_journey import ROADS, card_in
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_figures import PNG, stats, uploaded
from tests.e2e.test_staff_journey import staff_room

WHERE = "Команда /stats работает в чате сотрудников (показатели города) и в чате отдела"


async def private_stats(person: Person, command: str) -> tuple[str, str]:
    """The text and the chart's caption the command got in the person's private chat."""
    await person.send(command)
    photo = await person.wait_for_reply(lambda m: m.photo is not None, timeout=15)
    text = person.replies()[-2]
    return text.text or "", photo.text or ""


async def test_the_head_sees_the_department_in_private(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    _boss, _clerk, _staff = staff_room(stand_in)
    head, roads = await roads_chat(stand_in, bot)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await card_in(roads, f"🏢 Подразделение: {ROADS}")
    await head.press_in(card, "🙋 Взять")
    await card_in(roads, "Статус: 🛠 в работе")

    in_chat, chart_in_chat = await stats(head, roads, "/stats week")
    text, caption = await private_stats(head, "/stats week")
    assert text == in_chat.text and caption == chart_in_chat.text
    assert text.split("\n")[0] == f"Показатели за 24.11.2026–30.11.2026 · {ROADS}"
    assert "Получено: 1 (дубликатов 0, отозвано 0)" in text.split("\n")
    chart = head.last_reply()
    assert chart.photo is not None and uploaded(stand_in, chart).startswith(PNG)

    month, _caption = await private_stats(head, "/stats 2026-11")
    assert month.startswith(f"Показатели за 01.11.2026–30.11.2026 · {ROADS}"), month
    await head.send("/stats вчера")
    assert "Не понял период" in (head.last_reply().text or "")


async def test_anyone_else_is_told_where_stats_works(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _clerk, _staff = staff_room(stand_in)
    await roads_chat(stand_in, bot)
    for person in (anna, boss):  # a resident, and staff who head no department
        await person.send("/stats week")
        reply = person.last_reply()
        assert (reply.text or "").startswith(WHERE), reply.text
        assert reply.photo is None
    guest = add_person(stand_in.world, first_name="Guest", language_code="en")
    await guest.send("/stats")
    assert (guest.last_reply().text or "").startswith("/stats works in the staff chat")

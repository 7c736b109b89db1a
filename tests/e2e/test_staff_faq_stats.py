"""`/faq` in the staff chat: the FAQ answers residents rated, the least helpful first."""

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.test_staff_language import switch_to

PAY = "где аплатить камуналку"  # pay_utilities
WATER = "нет воды в доме"  # no_water


async def rate(person: Person, question: str, vote: str) -> None:
    await person.send(question)
    await person.press(vote)
    assert person.last_alert().text == "Спасибо за оценку!"


async def faq_report(person: Person, staff: Group) -> str:
    await person.send("/faq", chat=staff)
    return staff.last_reply().text or ""


async def test_the_least_helpful_answers_first(
    anna: Person, boris: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    assert await faq_report(boss, staff) == "Оценок пока нет."

    await rate(anna, PAY, "👍 Помогло")
    await rate(boris, PAY, "👎 Не помогло")
    await rate(anna, WATER, "👎 Не помогло")
    await rate(boris, WATER, "👎 Не помогло")

    lines = (await faq_report(boss, staff)).split("\n")
    assert lines[1:3] == [
        "Что делать, если отключили воду? — 👍 0 / 👎 2 · no_water",
        "Где оплатить коммунальные услуги? — 👍 1 / 👎 1 · pay_utilities",
    ]
    assert lines[4] == "Всего оценок: 4."
    assert "PUT /api/v1/faq/{id}" in lines[5]

    before = len(staff.messages())
    await clerk.send("/faq", chat=staff)  # not staff: the bot stays silent, as for /find
    await stand_in.wait_idle()
    assert len(staff.messages()) == before + 1  # only the clerk's own message

    await switch_to(boss, staff, "Татарча")  # the questions in the chat's language
    lines = (await faq_report(boss, staff)).split("\n")
    assert lines[1] == "Су сүндерелсә, нишләргә? — 👍 0 / 👎 2 · no_water"

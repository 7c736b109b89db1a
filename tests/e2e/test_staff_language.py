"""The staff chat's language: chosen there by staff, for everything the bot says in that chat,
while each resident keeps their own."""

from sqlalchemy import update

from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from scheduler.jobs import escalate_unanswered
from storage.models import RequestRow
from tests.e2e.harness import STAFF_CHAT_ID, START, RunningBot
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import notice, staff_room


async def switch_to(boss: Person, staff: Group, language: str) -> SentMessage:
    await boss.send("/language", chat=staff)
    picker = staff.last_reply()
    assert picker.buttons == [["Русский", "Татарча", "English"]], picker.buttons
    await boss.press_in(picker, language)
    return staff.last_reply()


async def english_card(staff: Group, showing: str = "") -> SentMessage:
    return await staff.wait_for_reply(
        lambda m: (m.text or "").startswith("Request KZN-000001") and showing in (m.text or ""),
        timeout=15,
    )


async def test_english_staff_chat_gets_english_cards_and_answers(
    anna: Person, stand_in: BotApiStandIn
) -> None:
    boss, clerk, staff = staff_room(stand_in)
    await boss.send("/language", chat=staff)
    assert staff.last_reply().text.startswith("Язык этого чата: Русский.")  # the default
    chosen = await switch_to(boss, staff, "English")
    assert chosen.text.startswith("Chat language: English."), chosen.text

    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await english_card(staff)
    assert "Category: Roads and pavements" in card.text
    assert "Status: 🆕 new" in card.text
    assert "Категория" not in card.text and "Дороги" not in card.text
    assert ["🙋 Take", "🛠 Start work", "❓ Ask"] in card.buttons, card.buttons

    await clerk.press_in(card, "🙋 Take")  # not staff: refused in the chat's language
    assert clerk.last_alert().text == "These buttons are for city staff."
    await boss.press_in(card, "🙋 Take")
    assert boss.last_alert().text == "Done."
    # The resident keeps her own language: the staff chat's choice is not hers.
    assert "взял в работу" in (await notice(anna, "🔔")).text
    await english_card(staff, "Status: 🛠 in progress")

    await boss.press_in(card, "❓ Ask")
    prompt = staff.last_reply().text
    assert prompt.startswith("What should we ask the author of request KZN-000001?"), prompt

    await clerk.send("/language", chat=staff)
    assert staff.last_reply().text == "Only city staff change this chat's language."
    await boss.send("/find KZN-000001", chat=staff)
    assert staff.last_reply().text.startswith("Request KZN-000001")


async def test_escalation_follows_the_chat_and_back_to_russian(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    await switch_to(boss, staff, "Татарча")
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await staff.wait_for_reply(lambda m: "Гариза KZN-000001" in (m.text or ""), timeout=15)
    assert "Юллар һәм тротуарлар" in card.text  # the category's Tatar name

    back = await switch_to(boss, staff, "Русский")
    assert back.text.startswith("Язык чата: русский."), back.text
    factory = bot.app.session_factory
    async with factory.begin() as session:  # a day passes with nobody taking it
        await session.execute(update(RequestRow).values(first_response_due_at=START))
    assert await escalate_unanswered(factory, bot.clock, STAFF_CHAT_ID) == 1
    bot.app.outbox_wake.set()
    alarm = await staff.wait_for_reply(lambda m: "⏰" in (m.text or ""), timeout=15)
    assert "никто не взял" in alarm.text and "Дороги и тротуары" in alarm.text
    assert "Гариза KZN-000001" in card.text  # a card already sent is not re-rendered


async def test_english_staff_chat_hears_the_residents_answer_in_english(
    anna: Person, stand_in: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    await switch_to(boss, staff, "English")
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await english_card(staff)
    await boss.press_in(card, "🙋 Take")
    await english_card(staff, "Handled by: Начальник")
    assert "🔀 Take over" in [label for row in card.buttons for label in row]
    await boss.press_in(card, "🔀 Take over")
    assert boss.last_alert().text == "This request is already yours."

    await boss.press_in(card, "❓ Ask")
    await boss.send("Which entrance?", chat=staff)
    await notice(anna, "Which entrance?")
    await anna.send("Второй подъезд")  # she answers in her own words, by the next message
    news = await staff.wait_for_reply(
        lambda m: "the author's answer to the question" in (m.text or ""), timeout=15
    )
    assert news.text.startswith("💬 Request KZN-000001") and "Второй подъезд" in news.text
    assert "ответ автора" not in news.text

"""A long mixed conversation of every kind of person, failing on any Bot API error.

Residents in Russian, Tatar and English, staff in the staff chat and a street performer first
walk the main journeys on purpose (a report worked by staff to the end, alerts, the FAQ, a
profile approved and a site booked), then wander: each presses buttons, types commands and
odd texts (too long, HTML-looking, emoji), shares points and photos, chosen by a seeded random
walk. Telegram would have refused nothing the bot asked for: no "message is not modified", no
text too long, no bad HTML, no callback data over 64 bytes.
"""

import random
from collections.abc import Sequence

from sandbox.driver import Group, Person
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot
from tests.e2e.test_booking_journey import book, seed_sites
from tests.e2e.test_performer_journey import APPROVE, notice, profile_cards, quick_profile
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room, the_card

COMMANDS = (
    "/start",
    "/menu",
    "/report",
    "/my",
    "/alerts",
    "/art",
    "/performer",
    "/today",
    "/info",
    "/profile",
    "/help",
    "/cancel",
)
TEXTS = (
    "Баумана 15",
    "Кремлёвская 2",
    "Где оплатить ЖКХ?",
    "Нет горячей воды",
    "Яма на дороге у дома, машины объезжают по тротуару",
    "<b>жирный</b> & <script>alert(1)</script> &amp;",
    "Tom & Jerry <Trio>",
    "🙂" * 30,
    "Әйе, рәхмәт",
    "Yes, thank you",
    "1",
    "я" * 5000,
    "Длинное описание проблемы. " * 150,
)
STEPS = 45


def pressable(message: SentMessage) -> list[str]:
    """Labels of the message's buttons that send a callback query (not links or switches)."""
    return [
        button["text"]
        for row in message.inline_keyboard
        for button in row
        if "callback_data" in button
    ]


async def wander(
    person: Person, rng: random.Random, steps: int, chat: Group | None = None
) -> None:
    """A seeded random walk through whatever the bot offers this person."""
    for _ in range(steps):
        roll = rng.random()
        recent = [m for m in person.replies(chat)[-4:] if pressable(m)]
        keyboard = person.reply_keyboard(chat)
        if roll < 0.5 and recent:
            message = rng.choice(recent)
            await person.press_in(message, rng.choice(pressable(message)))
        elif roll < 0.6 and keyboard:
            await person.press_reply(rng.choice([label for row in keyboard for label in row]))
        elif roll < 0.72 and chat is None:
            await person.send(rng.choice(COMMANDS))
        elif roll < 0.9:
            await person.send(rng.choice(TEXTS), chat=chat)
        elif roll < 0.95 and chat is None:
            await person.share_location(*CENTRE)
        else:
            await person.send_photo(rng.choice((None, *TEXTS)), chat=chat)


async def in_language(person: Person, button: str) -> None:
    await person.send("/language")
    await person.press(button)


async def staff_work_the_request(
    boss: Person, staff: Group, anna: Person, stand_in: BotApiStandIn
) -> None:
    card = await the_card(staff, stand_in)
    await boss.press_in(card, "🙋 Взять")
    await the_card(staff, stand_in, "в работе")
    await boss.press_in(card, "❓ Уточнить")
    await boss.send("Какой подъезд? <уточните> & спасибо", chat=staff)
    asked = await anna.wait_for_reply(lambda m: "Какой подъезд?" in (m.text or ""))
    await anna.press_in(asked, "Открыть заявку")
    await anna.press("💬 Ответить на вопрос")
    await anna.send("Второй подъезд, у самого входа")
    await boss.send("Передали подрядчику", chat=staff, reply_to=card)
    await boss.press_in(card, "✅ Решено")
    await boss.send("Яму заделали", chat=staff)
    await anna.wait_for_reply(lambda m: "Яму заделали" in (m.text or ""))


async def resident_journeys(people: Sequence[Person]) -> None:
    """The same buttons by position, whatever the language: alerts, the FAQ, my requests."""
    for person in people:
        await person.send("/alerts")
        await person.press_in(person.last_reply(), pressable(person.last_reply())[0])
        await person.send("Где оплатить ЖКХ?")
        await person.send("/my")
        await person.send("/profile")


async def test_everyone_everywhere_and_telegram_refuses_nothing(
    stand_in: BotApiStandIn, bot: RunningBot, no_bot_api_errors: BotApiStandIn
) -> None:
    # Names are people's words too: shown on cards, they must be escaped like any text.
    boss = add_person(stand_in.world, first_name="Ильдар <b>", last_name="& Co")
    clerk = add_person(stand_in.world, first_name="Делопроизводитель")
    staff = add_group(
        stand_in.world, title="Штаб", admins=[boss], members=[clerk], chat_id=STAFF_CHAT_ID
    )
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    alsu = add_person(stand_in.world, first_name="Алсу", language_code="tt")
    tom = add_person(stand_in.world, first_name="Tom", language_code="en")
    pavel = add_person(stand_in.world, first_name="Павел <3", language_code="ru")
    for person in (anna, alsu, tom, pavel):
        await person.send("/start")
    await in_language(alsu, "Татарча")
    await in_language(tom, "English")

    await file_by_location(
        anna, CENTRE, "Яма посреди дороги, машины объезжают <глубокая> & большая"
    )
    await staff_work_the_request(boss, staff, anna, stand_in)
    await resident_journeys((anna, alsu, tom))

    await seed_sites(bot)
    await quick_profile(pavel, "Павел & <Ко>")
    [card] = await profile_cards(staff, 1)
    await boss.press_in(card, APPROVE)
    await notice(pavel, "Анкета одобрена")
    assert "Бронь подтверждена" in await book(pavel, "Баумана", "30", "11:00–13:00")

    rng = random.Random(12)
    for _ in range(3):
        for person in (anna, alsu, tom, pavel):
            await wander(person, rng, STEPS // 3)
        await wander(boss, rng, STEPS // 6, chat=staff)
        await wander(clerk, rng, 3, chat=staff)
    await stand_in.wait_idle(timeout=20)


async def test_a_card_with_a_long_history_still_fits_in_a_message(
    stand_in: BotApiStandIn, bot: RunningBot, no_bot_api_errors: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    card = await the_card(staff, stand_in)
    for number in range(1, 5):  # each answer is 2000 characters, 8000 once "<" is escaped
        await boss.send(f"Ответ {number}: " + "<>" * 990, chat=staff, reply_to=card)
        await anna.wait_for_reply(lambda m, n=number: f"Ответ {n}:" in (m.text or ""))
    card = await the_card(staff, stand_in, "Ответ 4:")
    assert len(card.text or "") <= 4096 and "Ответ 3:" in (card.text or "")
    await anna.send("/my")
    await anna.press("KZN-000001")
    assert "Ответ 4:" in (anna.last_reply().text or "")

"""Cards and screens of bookings never lie (issue 12): the staff card follows every change of
its booking, a press on a card or a screen that has moved on is refused at once with what
really happened, and the performer gets one confirmation of what they did."""

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.booking.bookings import BookingStatus
from handlers.booking.callbacks import BookingDecision, StaffBookingCb
from sandbox.driver import Group, Person
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import STAFF_CHAT_ID, RunningBot, outbox_drained
from tests.e2e.test_booking_journey import (
    book,
    bookings_of,
    make_performer,
    open_day,
    seed_sites,
)
from tests.e2e.test_booking_notices import booking_card, replay
from tests.e2e.test_performer_journey import profile_cards, quick_profile
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

ACT = "Анна и арфа"
APPROVE, DECLINE = "✅ Подтвердить", "❌ Отклонить"


async def waiting_booking(bot: RunningBot, anna: Person, staff: Group) -> SentMessage:
    """Anna's booking of a site where staff look at every booking, and its card."""
    await seed_sites(bot)
    await make_performer(bot, anna, ACT)
    outcome = await book(anna, "Кремлёвская", "1", "12:00–14:00", next_month=True)
    assert "📨 Отправлено на проверку" in outcome
    return await booking_card(staff, ACT, "ждёт решения")


async def cancel_from_my_bookings(person: Person, button: str) -> SentMessage:
    await person.send("/art")
    mine = await person.press("Мои брони")
    await person.press(button)
    await person.press("Да, отменить")
    return mine


async def test_a_performer_cancelling_a_waiting_booking_redraws_its_staff_card(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    card = await waiting_booking(bot, anna, staff)
    approve = card.callback_data(APPROVE)
    assert approve is not None

    await cancel_from_my_bookings(anna, "Отменить: Вт 01.12 12:00")
    card = await booking_card(staff, ACT, "Статус: ↩️ отменена исполнителем")
    assert card.buttons == []  # nothing left to decide

    await replay(stand_in, boss, card, approve)  # pressed before the redraw reached them
    assert "Исполнитель сам отменил эту бронь" in boss.last_alert().text
    assert await bookings_of(bot, anna) == []  # still cancelled: the press decided nothing


async def test_a_reason_typed_after_the_performer_cancelled_is_answered_with_what_happened(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    card = await waiting_booking(bot, anna, staff)
    await boss.press_in(card, DECLINE)
    assert "Почему отклонена бронь" in staff.last_reply().text

    await cancel_from_my_bookings(anna, "Отменить: Вт 01.12 12:00")
    await boss.send("Слишком громко", chat=staff)
    answer = await staff.wait_for_reply(lambda m: "сам отменил" in (m.text or ""))
    assert "Исполнитель сам отменил эту бронь" in answer.text
    await booking_card(staff, ACT, "отменена исполнителем")
    assert not any("Бронь отклонена" in (m.text or "") for m in anna.replies())


async def test_a_card_from_an_earlier_life_is_explained_and_redrawn_at_the_press(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    """A copy of the card the outbox knows nothing of (posted before the sandbox restarted
    with a fresh outbox, say), still with live buttons, after staff approved the booking."""
    assert bot.app is not None
    boss, _clerk, staff = staff_room(stand_in)
    card = await waiting_booking(bot, anna, staff)
    booking_id = StaffBookingCb.unpack(card.callback_data(APPROVE) or "").booking_id
    await boss.press_in(card, APPROVE)
    await booking_card(staff, ACT, "Решение принял(а): Начальник")

    buttons = [
        InlineKeyboardButton(
            text=text, callback_data=StaffBookingCb(action=action, booking_id=booking_id).pack()
        )
        for text, action in (
            (APPROVE, BookingDecision.APPROVE),
            (DECLINE, BookingDecision.DECLINE),
        )
    ]
    markup = InlineKeyboardMarkup(inline_keyboard=[buttons])
    sent = await bot.app.bot.send_message(
        STAFF_CHAT_ID, "🎭 Бронь (старая копия)", reply_markup=markup
    )
    [copy] = [m for m in staff.messages() if m.message_id == sent.message_id]

    await boss.press_in(copy, DECLINE)  # no prompt for a reason: refused at the press
    assert "решение уже принято — бронь подтверждена" in boss.last_alert().text
    assert copy.buttons == [] and "Статус: ✅ подтверждена" in copy.text
    assert "Почему отклонена" not in staff.last_reply().text
    [kept] = await bookings_of(bot, anna)
    assert kept.status is BookingStatus.CONFIRMED


async def test_stale_buttons_of_the_performer_are_refused_at_the_press(
    anna: Person, boris: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    card = await waiting_booking(bot, anna, staff)
    await anna.send("/art")
    mine = await anna.press("Мои брони")  # drawn while the booking waits
    assert ["Отменить: Вт 01.12 12:00"] in mine.buttons

    await boss.press_in(card, DECLINE)
    await boss.send("Площадка <занята> праздником", chat=staff)
    await anna.wait_for_reply(lambda m: "Бронь отклонена" in (m.text or ""))

    await anna.press_in(mine, "Отменить: Вт 01.12 12:00")  # no "are you sure?" for it
    assert "Эту бронь отклонили сотрудники" in anna.last_alert().text
    assert ["Отменить: Вт 01.12 12:00"] not in mine.buttons
    assert "Отменить бронь" not in mine.text
    assert "Предстоящих броней нет." in mine.text

    # An offer taken back before it is taken: its notice's button says so and goes.
    await make_performer(bot, boris, "Борис")
    await book(boris, "Баумана", "1", "11:00–13:00", next_month=True)
    await open_day(anna, "Баумана", "1", next_month=True)
    await anna.press("11:00–13:00 занято — в лист ожидания")
    await cancel_from_my_bookings(boris, "Отменить: Вт 01.12 11:00")
    offer = await anna.wait_for_reply(lambda m: "Освободился слот" in (m.text or ""))
    await anna.send("/art")
    await anna.press("Мои брони")
    await anna.press("Отказаться: Вт 01.12 11:00")
    await anna.press("Да, отказаться")

    await anna.press_in(offer, "✅ Беру слот")
    assert "Предложение уже не действует" in anna.last_alert().text
    assert not any("Беру" in label for row in offer.buttons for label in row)


async def test_a_cancelled_future_booking_is_listed_as_cancelled_not_past(
    anna: Person, bot: RunningBot
) -> None:
    await seed_sites(bot)
    await make_performer(bot, anna, ACT)
    await book(anna, "Баумана", "1", "11:00–13:00", next_month=True)
    mine = await cancel_from_my_bookings(anna, "Отменить: Вт 01.12 11:00")
    assert anna.last_alert().text == "Бронь отменена."
    text = mine.text or ""
    assert "Отменённые\n• Баумана, у часов — Вт 01.12, 11:00–13:00 — отменена" in text
    assert "Прошедшие" not in text


async def test_one_confirmation_per_booking(anna: Person, bot: RunningBot) -> None:
    await seed_sites(bot)
    await make_performer(bot, anna, ACT)
    confirmed = await book(anna, "Баумана", "1", "11:00–13:00", next_month=True)
    assert "✅ Бронь подтверждена: Баумана, у часов, Вт 01.12, 11:00–13:00" in confirmed
    assert "📍 ул. Баумана, 36" in confirmed  # what the notice used to add: where to go
    waiting = await book(anna, "Кремлёвская", "2", "12:00–14:00", next_month=True)
    assert "📨 Отправлено на проверку" in waiting
    await cancel_from_my_bookings(anna, "Отменить: Вт 01.12 11:00")
    await outbox_drained(bot)  # a second confirmation would have been sent by now

    said = [m.text or "" for m in anna.replies()]
    assert sum("Бронь подтверждена" in text for text in said) == 1
    assert sum("на проверку" in text for text in said) == 1
    assert not any("↩️ Бронь отменена" in text for text in said)


async def showing(message: SentMessage, fragment: str) -> SentMessage:
    """The message once an edit (paced in groups) makes it show `fragment`."""

    def shows() -> SentMessage:
        assert fragment in (message.text or ""), f"{message!r} never showed {fragment!r}"
        return message

    return await eventually(shows)


async def test_deleting_the_account_redraws_the_profile_and_booking_cards(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    boss, _clerk, staff = staff_room(stand_in)
    await seed_sites(bot)
    await quick_profile(anna, ACT)
    [profile] = await profile_cards(staff, 1)
    await boss.press_in(profile, "✅ Одобрить")
    await profile_cards(staff, 1, "✅ Одобрена — Начальник")
    await book(anna, "Кремлёвская", "1", "12:00–14:00", next_month=True)
    card = await booking_card(staff, ACT, "ждёт решения")

    await anna.send("/profile")
    await anna.press("🗑 Удалить аккаунт")
    await anna.press("🗑 Да, удалить аккаунт")
    await showing(card, "исполнитель удалил аккаунт, слот свободен")
    assert card.buttons == [] and ACT not in card.text and "Кремлёвская набережная" in card.text
    await showing(profile, "Анкета исполнителя удалена")
    assert ACT not in profile.text and profile.buttons == []

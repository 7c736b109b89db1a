"""Staff decide on bookings from their cards: approve at once, or decline with a reason typed
as the next message (as requests are rejected). The card then shows the outcome, buttons gone.

Registered on the staff router (only its chat), before the replies-to-cards handler, so that
a reason typed as a reply to the prompt is not taken for an answer to a resident.
"""

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, or_f
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, BookingStatus
from domain.booking.ports import BookingUnitOfWork
from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.booking_staff import decide_booking
from handlers import booking_notice_texts as texts
from handlers.replies import alert, toast
from handlers.staff import bookings_day
from handlers.staff.booking_buttons import (
    BookingDecision,
    NoShowCb,
    StaffBookingCb,
    booking_card_keyboard,
)
from handlers.staff.filters import IsStaff


class BookingReason(StatesGroup):
    text = State()  # the next message of this staff member is why the booking is declined


async def show_card(
    bot: Bot, uow: BookingUnitOfWork, chat_id: int, message_id: int, booking_id: int, by: str
) -> None:
    """The card as the booking now stands; a new message when the old one cannot be edited."""
    booking = await uow.bookings.get(booking_id)
    if booking is None:
        return
    site = await uow.sites.get(booking.site_id)
    performer = await uow.performers.get(booking.performer_id)
    if site is None or performer is None:
        return
    text = texts.staff_card(booking, site, performer, by)
    markup = booking_card_keyboard(booking)
    try:
        await bot.edit_message_text(
            text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramBadRequest as error:
        if "not modified" not in error.message:  # deleted, too old: say it anew
            await bot.send_message(chat_id, text, reply_markup=markup)


def register(router: Router) -> None:
    @router.callback_query(or_f(StaffBookingCb.filter(), NoShowCb.filter()), ~IsStaff())
    async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
        alert(callback_answer, _("Эти кнопки — для сотрудников города."))

    @router.callback_query(StaffBookingCb.filter(F.action == BookingDecision.APPROVE))
    async def approve(
        query: CallbackQuery,
        callback_data: StaffBookingCb,
        bot: Bot,
        uow: BookingUnitOfWork,
        clock: Clock,
        booking_policy: BookingPolicy,
        staff_chat_id: int | None,
        callback_answer: CallbackAnswer,
    ) -> None:
        booking_id, by = callback_data.booking_id, query.from_user.full_name
        try:
            await decide_booking(uow, clock, booking_policy, booking_id, True, None, staff_chat_id)
        except DomainError:
            alert(callback_answer, _("С этой бронью так уже нельзя: решение уже принято."))
            by = ""  # the card is only refreshed: someone else decided
        else:
            await uow.commit()
            toast(callback_answer, _("Подтверждено: исполнитель получит уведомление."))
        if isinstance(query.message, Message):
            chat, message = query.message.chat.id, query.message.message_id
            await show_card(bot, uow, chat, message, booking_id, by)

    @router.callback_query(StaffBookingCb.filter(F.action == BookingDecision.DECLINE))
    async def ask_reason(
        query: CallbackQuery,
        callback_data: StaffBookingCb,
        state: FSMContext,
        uow: BookingUnitOfWork,
        callback_answer: CallbackAnswer,
    ) -> None:
        booking = await uow.bookings.get(callback_data.booking_id)
        if booking is None or booking.status is not BookingStatus.PENDING:
            alert(callback_answer, _("С этой бронью так уже нельзя: решение уже принято."))
            return
        if isinstance(query.message, Message):
            await state.set_state(BookingReason.text)
            await state.update_data(
                booking_id=callback_data.booking_id, card_id=query.message.message_id
            )
            await query.message.reply(
                _("Почему отклонена бронь? Напишите причину для исполнителя.")
                + " "
                + _("(/cancel — отменить)")
            )

    @router.message(BookingReason.text, Command("cancel"))
    async def cancel_reason(message: Message, state: FSMContext) -> None:
        await state.clear()
        await message.reply(_("Отменено."))

    @router.message(BookingReason.text, F.text, ~F.text.startswith("/"), IsStaff())
    async def reason_given(
        message: Message,
        state: FSMContext,
        bot: Bot,
        uow: BookingUnitOfWork,
        clock: Clock,
        booking_policy: BookingPolicy,
        staff_chat_id: int | None,
    ) -> None:
        assert message.from_user is not None
        data = await state.get_data()
        booking_id, card_id = int(data["booking_id"]), int(data["card_id"])
        try:
            await decide_booking(
                uow, clock, booking_policy, booking_id, False, message.text, staff_chat_id
            )
        except InvalidInput:
            await message.reply(_("Причина слишком длинная: не больше 500 знаков. Короче?"))
            return
        except DomainError:
            await state.clear()
            await message.reply(_("С этой бронью так уже нельзя: решение уже принято."))
            return
        await state.clear()
        await uow.commit()
        await message.reply(_("Отклонено: исполнитель получит уведомление с причиной."))
        await show_card(
            bot, uow, message.chat.id, card_id, booking_id, message.from_user.full_name
        )

    bookings_day.register(router)

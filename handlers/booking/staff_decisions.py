"""Staff decide on bookings from their cards: approve at once, or decline with a reason typed
as the next message (as requests are rejected). The card is redrawn through the outbox, like
every change of the booking: the outcome and who decided, buttons gone.

Registered on the staff router (only its chat), before the replies-to-cards handler, so that
a reason typed as a reply to the prompt is not taken for an answer to a resident.
"""

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, or_f
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, BookingStatus
from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.booking_staff import booking_view, decide_booking
from domain.unit_of_work import CityUnitOfWork
from handlers.booking import staff_texts as texts
from handlers.booking.callbacks import BookingDecision, NoShowCb, NoShowUndoCb, StaffBookingCb
from handlers.booking.staff_keyboards import booking_card_keyboard
from handlers.replies import alert, shows, toast
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling


class BookingReason(StatesGroup):
    text = State()  # the next message of this staff member is why the booking is declined


async def stale_press(
    query: CallbackQuery, uow: CityUnitOfWork, booking_id: int, answer: CallbackAnswer
) -> None:
    """A decision button of a card that no longer tells the truth (the performer cancelled,
    another staff member decided, a copy from an earlier life): what really happened, and
    the pressed message redrawn as the booking now stands, its dead buttons gone."""
    view = await booking_view(uow, booking_id)
    alert(answer, texts.staff_refusal(view.booking if view is not None else None))
    message = query.message
    if view is None or not isinstance(message, Message) or message.reply_markup is None:
        return  # nothing to redraw, or already without buttons (an edit would change nothing)
    booking, site, performer = view.booking, view.site, view.performer
    if site is not None and performer is not None:
        text, markup = texts.staff_card(booking, site, performer), booking_card_keyboard(booking)
        if shows(message, text, markup):
            return  # pressed twice: an identical edit is a Bot API error
        with contextlib.suppress(TelegramBadRequest):  # deleted meanwhile: the alert said it
            await message.edit_text(text, reply_markup=markup)


async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, _("Эти кнопки — для сотрудников города."))


async def approve(
    query: CallbackQuery,
    callback_data: StaffBookingCb,
    uow: CityUnitOfWork,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    booking_id, by = callback_data.booking_id, query.from_user.full_name
    try:
        await decide_booking(uow, clock, booking_policy, booking_id, True, None, by)
    except DomainError:
        await stale_press(query, uow, booking_id, callback_answer)
        return
    await commit_before_telling(uow)  # the card is redrawn through the outbox, with who decided
    toast(callback_answer, _("Подтверждено: исполнитель получит уведомление."))


async def ask_reason(
    query: CallbackQuery,
    callback_data: StaffBookingCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    callback_answer: CallbackAnswer,
) -> None:
    booking = await uow.bookings.get(callback_data.booking_id)
    if booking is None or booking.status is not BookingStatus.PENDING:
        await stale_press(query, uow, callback_data.booking_id, callback_answer)
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


async def cancel_reason(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.reply(_("Отменено."))


async def reason_given(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    booking_policy: BookingPolicy,
) -> None:
    assert message.from_user is not None
    data = await state.get_data()
    booking_id = int(data["booking_id"])
    by = message.from_user.full_name
    try:
        await decide_booking(uow, clock, booking_policy, booking_id, False, message.text, by)
    except InvalidInput:
        await message.reply(_("Причина слишком длинная: не больше 500 знаков. Короче?"))
        return
    except DomainError:  # moved on while the reason was typed: say how
        await state.clear()
        await message.reply(texts.staff_refusal(await uow.bookings.get(booking_id)))
        return
    await state.clear()
    await commit_before_telling(uow)  # the card is redrawn through the outbox, with who decided
    await message.reply(_("Отклонено: исполнитель получит уведомление с причиной."))


def register(router: Router) -> None:
    router.callback_query.register(
        not_staff,
        or_f(StaffBookingCb.filter(), NoShowCb.filter(), NoShowUndoCb.filter()),
        ~IsStaff(),
    )
    router.callback_query.register(
        approve, StaffBookingCb.filter(F.action == BookingDecision.APPROVE)
    )
    router.callback_query.register(
        ask_reason, StaffBookingCb.filter(F.action == BookingDecision.DECLINE)
    )
    router.message.register(cancel_reason, BookingReason.text, Command("cancel"))
    router.message.register(
        reason_given, BookingReason.text, F.text, ~F.text.startswith("/"), IsStaff()
    )

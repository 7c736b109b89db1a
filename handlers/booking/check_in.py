"""The performer checks in at the site: «📍 Отметиться» on their booking card asks for their
location (a live location is best: each move is checked again, and the check-in happens as soon
as it comes within the site's radius); outside the radius, the distance is said."""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import lazy_gettext as __

from domain.booking.bookings import BookingPolicy
from domain.booking.check_in import CheckInRefusal, CheckInRefused, may_check_in, radius_m
from domain.clock import Clock
from domain.errors import NotFound
from domain.services.booking_check_in import check_in, open_check_in
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.booking import check_in_texts as texts
from handlers.booking.callbacks import MineAction, MineCb
from handlers.booking.states import CheckInForm
from handlers.common import cancel_reply_keyboard
from handlers.replies import alert
from handlers.transaction import commit_before_telling


async def start(
    query: CallbackQuery,
    callback_data: MineCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    performer = await uow.performers.by_user(user.id)
    booking = await uow.bookings.get(callback_data.booking_id)
    mine = performer is not None and booking is not None and booking.performer_id == performer.id
    if not mine or booking is None or not may_check_in(booking, clock.now(), booking_policy):
        alert(callback_answer, texts.gone())
        return
    site = await uow.sites.get(booking.site_id)
    if site is None or not isinstance(query.message, Message):
        alert(callback_answer, texts.gone())
        return
    await state.set_state(CheckInForm.location)
    await state.update_data(booking_id=callback_data.booking_id)
    await query.message.answer(
        texts.ask_location(site.name(user.locale), radius_m(site, booking_policy)),
        reply_markup=cancel_reply_keyboard(with_location=True),
    )


async def open_booking(
    message: Message, uow: CityUnitOfWork, user: User, clock: Clock, booking_policy: BookingPolicy
) -> bool | dict[str, int]:
    """A filter: a live location from a performer whose check-in is open (read only for live
    locations outside any form, which are rare); the booking goes to the handler."""
    booking = await open_check_in(uow, user.id, clock.now(), booking_policy)
    return False if booking is None or booking.id is None else {"check_in_booking": booking.id}


async def live_without_button(
    message: Message,
    check_in_booking: int,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
) -> None:
    """A live location shared straight away: the check-in the button would have asked for;
    its later moves come in the form's state."""
    await state.set_state(CheckInForm.location)
    await state.update_data(booking_id=check_in_booking)
    await located(message, state, uow, user, clock, booking_policy)


async def located(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
) -> None:
    """A location, a live one's first fix, or its later moves (edited messages: silent while
    still too far, so that a live location does not chatter at every move)."""
    assert message.location is not None
    booking_id = int((await state.get_data()).get("booking_id", 0))
    point = message.location
    try:
        booking, distance = await check_in(
            uow, clock, booking_policy, user.id, booking_id, point.latitude, point.longitude
        )
    except CheckInRefused as refusal:
        too_far = refusal.refusal is CheckInRefusal.TOO_FAR
        if not too_far:
            await state.clear()
        if not (too_far and message.edit_date is not None):
            await message.answer(texts.refused(refusal))
        return
    except NotFound:
        await state.clear()
        await message.answer(texts.gone(), reply_markup=ReplyKeyboardRemove())
        return
    site = await uow.sites.get(booking.site_id)
    await state.clear()
    await commit_before_telling(uow)
    name = site.name(user.locale) if site is not None else "—"
    await message.answer(texts.checked_in(name, distance), reply_markup=ReplyKeyboardRemove())


async def cancel(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.answer(texts.cancelled(), reply_markup=ReplyKeyboardRemove())


async def not_a_location(message: Message) -> None:
    await message.answer(texts.keeps_waiting())


def register(router: Router) -> None:
    router.callback_query.register(start, MineCb.filter(F.action == MineAction.CHECK_IN))
    router.message.register(located, CheckInForm.location, F.location)
    router.edited_message.register(
        located, CheckInForm.location, F.location, F.chat.type == "private"
    )
    router.message.register(cancel, CheckInForm.location, F.text == __("✖️ Отмена"))
    router.message.register(not_a_location, CheckInForm.location)
    router.message.register(
        live_without_button, StateFilter(None), F.location.live_period, open_booking
    )

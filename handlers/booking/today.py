"""Who is performing today? For anyone in a private chat (ArtCb TODAY or /today): near a shared
location (sites within 3 km, nearest first), in a district, or all over the city."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.i18n import lazy_gettext as __

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.booking_views import nearby, performing_today
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking import today_texts as texts
from handlers.booking.callbacks import TodayCb, TodayScope
from handlers.booking.keyboards import today_picker
from handlers.booking.states import TodayForm
from handlers.common import cancel_reply_keyboard
from handlers.replies import redraw, send


async def today_command(message: Message, districts: DistrictDirectory, user: User) -> None:
    await message.answer(texts.picker_text(), reply_markup=today_picker(districts, user.locale))


async def today_button(query: CallbackQuery, districts: DistrictDirectory, user: User) -> None:
    await send(query, texts.picker_text(), today_picker(districts, user.locale))


async def ask_location(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(TodayForm.location)
    if isinstance(query.message, Message):
        await query.message.answer(
            texts.ask_location(), reply_markup=cancel_reply_keyboard(with_location=True)
        )


async def in_district(
    query: CallbackQuery,
    callback_data: TodayCb,
    uow: CityUnitOfWork,
    clock: Clock,
    districts: DistrictDirectory,
    user: User,
) -> None:
    names = sorted(districts.names())
    district = None
    if callback_data.scope is TodayScope.DISTRICT and 0 <= callback_data.district < len(names):
        district = names[callback_data.district]
    shows = await performing_today(uow, clock, district)
    where = districts.name(district, user.locale) if district else texts.whole_city()
    lines = [texts.show_line(show, user.locale) for show in shows]
    await redraw(query, texts.listing(where, lines), today_picker(districts, user.locale))


async def near_me(
    message: Message, state: FSMContext, uow: CityUnitOfWork, clock: Clock, user: User
) -> None:
    assert message.location is not None
    await state.clear()
    point = message.location
    found = nearby(await performing_today(uow, clock), point.latitude, point.longitude)
    lines = [texts.show_line(show, user.locale, distance) for show, distance in found]
    text = texts.listing(texts.near_you(), lines)
    await message.answer(text, reply_markup=ReplyKeyboardRemove())


async def cancel(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.answer(texts.cancelled(), reply_markup=ReplyKeyboardRemove())


async def not_a_location(message: Message) -> None:
    await message.answer(texts.location_hint())


def create_router() -> Router:
    router = Router(name="booking_today")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(today_command, Command(commands.TODAY.name))
    router.callback_query.register(today_button, ArtCb.filter(F.action == ArtAction.TODAY))
    router.callback_query.register(ask_location, TodayCb.filter(F.scope == TodayScope.NEAR))
    router.callback_query.register(in_district, TodayCb.filter())
    router.message.register(near_me, TodayForm.location, F.location)
    router.message.register(cancel, TodayForm.location, F.text == __("✖️ Отмена"))
    router.message.register(not_a_location, TodayForm.location)
    return router

"""Who is performing today? For anyone in a private chat (ArtCb TODAY or /today): near a shared
location (sites within 3 km, nearest first), in a district, or all over the city."""

from enum import StrEnum
from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, ReplyKeyboardRemove
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __
from aiogram.utils.keyboard import InlineKeyboardBuilder

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.booking_views import Performance, performing_today
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking.texts import clock_time
from handlers.common import cancel_reply_keyboard, distance_text
from handlers.performers.labels import genre_name
from handlers.replies import redraw, send

NEAR_RADIUS_M = 3000.0


class TodayScope(StrEnum):
    NEAR = "n"
    DISTRICT = "d"
    ALL = "a"


class TodayCb(CallbackData, prefix="btd"):
    scope: TodayScope
    district: int = -1  # position in the sorted district names (their Russian keys)


class TodayForm(StatesGroup):
    location = State()  # waiting for the location to look around


def nearby(
    shows: list[Performance], lat: float, lon: float, radius_m: float = NEAR_RADIUS_M
) -> list[tuple[Performance, float]]:
    """Shows at sites within `radius_m` of the point, nearest sites first, then by time."""
    near = []
    for show in shows:
        distance = show.site.distance_m(lat, lon)
        if distance is not None and distance <= radius_m:
            near.append((show, distance))
    return sorted(near, key=lambda pair: (round(pair[1]), pair[0].slot.starts_at))


def show_line(show: Performance, locale: str, distance: float | None = None) -> str:
    line = _("{start}–{end} · {site} · <b>{name}</b>, {genre}").format(
        start=clock_time(show.slot.starts_at),
        end=clock_time(show.slot.ends_at),
        site=escape(show.site.name(locale)),
        name=escape(show.performer.stage_name),
        genre=genre_name(show.performer.genre),
    )
    return line if distance is None else f"{line} · {distance_text(distance)}"


def listing(where: str, lines: list[str]) -> str:
    if not lines:
        return _("🎭 Сегодня пока никто не выступает ({where}). Загляните позже!").format(
            where=where
        )
    return "\n".join([_("🎭 <b>Сегодня выступают</b> ({where}):").format(where=where), *lines])


def picker(districts: DistrictDirectory, locale: str) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=_("📍 Рядом со мной"), callback_data=TodayCb(scope=TodayScope.NEAR))
    for index, name in enumerate(sorted(districts.names())):
        keyboard.button(
            text=districts.name(name, locale),
            callback_data=TodayCb(scope=TodayScope.DISTRICT, district=index),
        )
    keyboard.button(text=_("🏙 Весь город"), callback_data=TodayCb(scope=TodayScope.ALL))
    keyboard.button(text=_("🎭 Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    keyboard.adjust(1, 2)
    return keyboard.as_markup()


def picker_text() -> str:
    return _("🎭 Кто выступает сегодня? Покажу рядом с вами, в районе или во всём городе.")


async def today_command(message: Message, districts: DistrictDirectory, user: User) -> None:
    await message.answer(picker_text(), reply_markup=picker(districts, user.locale))


async def today_button(query: CallbackQuery, districts: DistrictDirectory, user: User) -> None:
    await send(query, picker_text(), picker(districts, user.locale))


async def ask_location(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(TodayForm.location)
    if isinstance(query.message, Message):
        await query.message.answer(
            _("Отправьте геопозицию — покажу выступления в радиусе 3 км."),
            reply_markup=cancel_reply_keyboard(with_location=True),
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
    where = districts.name(district, user.locale) if district else _("весь город")
    lines = [show_line(show, user.locale) for show in shows]
    await redraw(query, listing(where, lines), picker(districts, user.locale))


async def near_me(
    message: Message, state: FSMContext, uow: CityUnitOfWork, clock: Clock, user: User
) -> None:
    assert message.location is not None
    await state.clear()
    point = message.location
    found = nearby(await performing_today(uow, clock), point.latitude, point.longitude)
    lines = [show_line(show, user.locale, distance) for show, distance in found]
    text = listing(_("рядом с вами, до 3 км"), lines)
    await message.answer(text, reply_markup=ReplyKeyboardRemove())


async def cancel(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.answer(_("Отменено."), reply_markup=ReplyKeyboardRemove())


async def not_a_location(message: Message) -> None:
    await message.answer(
        _("Нужна геопозиция: нажмите «📍 Отправить геопозицию» внизу или «✖️ Отмена».")
    )


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

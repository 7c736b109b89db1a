"""The sites that fit the performer's act: a list, or nearest first from a shared point;
then a site's card with its rules."""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __

from domain.booking.bookings import BookingPolicy
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.services.booking_views import fitting_sites
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking import browse_texts, keyboards, texts
from handlers.booking.bookable import bookable_performer
from handlers.booking.callbacks import BrowseAction, BrowseCb, SiteCb
from handlers.booking.states import NearMe
from handlers.common import cancel_reply_keyboard, distance_text
from handlers.replies import alert, redraw


def _labelled(
    sites: list[Site], user: User, districts: DistrictDirectory, point: tuple[float, float] | None
) -> list[tuple[int, str]]:
    labelled = []
    for site in sites:
        assert site.id is not None
        district = districts.name(site.district, user.locale) if site.district else None
        label = texts.site_button(site, user.locale, district)
        metres = site.distance_m(*point) if point is not None else None
        if metres is not None:
            label = f"{site.name(user.locale)} · {distance_text(metres)}"
        labelled.append((site.id, label))
    return labelled


async def site_list(
    uow: CityUnitOfWork,
    performer: Performer,
    user: User,
    districts: DistrictDirectory,
    point: tuple[float, float] | None = None,
) -> tuple[str, keyboards.InlineKeyboardMarkup]:
    fit, hidden = await fitting_sites(uow, performer)
    fit.sort(key=lambda site: site.name(user.locale).casefold())
    text = browse_texts.sites_header(len(fit), hidden, near=point is not None)
    if point is not None:
        # Sites without a map point go last: their distance is unknown, and the text says so.
        def far(site: Site) -> float:
            metres = site.distance_m(*point)
            return float("inf") if metres is None else metres

        fit.sort(key=far)
        if any(site.lat is None or site.lon is None for site in fit):
            text += "\n\n" + browse_texts.no_coordinates()
    markup = keyboards.sites(_labelled(fit, user, districts, point), near=point is not None)
    return text, markup


async def browse(
    query: CallbackQuery,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    performer = await bookable_performer(
        uow, user.id, clock.now(), booking_policy, callback_answer
    )
    if performer is not None:
        await redraw(query, *await site_list(uow, performer, user, districts))


async def ask_location(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(NearMe.location)
    if isinstance(query.message, Message):
        # A reply keyboard cannot be put on an edited message: this one is new.
        markup = cancel_reply_keyboard(with_location=True)
        await query.message.answer(browse_texts.ask_location(), reply_markup=markup)


async def location_shared(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
) -> None:
    assert message.location is not None
    await state.clear()
    point = (message.location.latitude, message.location.longitude)
    performer = await uow.performers.by_user(user.id)
    await message.answer(browse_texts.location_received(), reply_markup=ReplyKeyboardRemove())
    if performer is not None:
        text, markup = await site_list(uow, performer, user, districts, point)
        await message.answer(text, reply_markup=markup)


async def near_cancelled(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
) -> None:
    await state.clear()
    await message.answer(browse_texts.near_cancelled(), reply_markup=ReplyKeyboardRemove())
    performer = await uow.performers.by_user(user.id)
    if performer is not None:
        text, markup = await site_list(uow, performer, user, districts)
        await message.answer(text, reply_markup=markup)


async def location_hint(message: Message) -> None:
    await message.answer(browse_texts.location_hint())


async def site_card(
    query: CallbackQuery,
    callback_data: SiteCb,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    site = await uow.sites.get(callback_data.site_id)
    if site is None or not site.active or site.id is None:
        alert(callback_answer, _("Эта площадка сейчас не принимает брони."))
        return
    district = districts.name(site.district, user.locale) if site.district else None
    text, markup = texts.site_card(site, user.locale, district), keyboards.site_card(site.id)
    if site.photo and isinstance(query.message, Message):
        await query.message.answer_photo(site.photo, caption=text, reply_markup=markup)
        return
    await redraw(query, text, markup)


def register(router: Router) -> None:
    router.callback_query.register(browse, ArtCb.filter(F.action == ArtAction.BROWSE))
    router.callback_query.register(ask_location, BrowseCb.filter(F.action == BrowseAction.NEAR))
    router.message.register(location_shared, StateFilter(NearMe.location), F.location)
    router.message.register(near_cancelled, StateFilter(NearMe.location), F.text == __("✖️ Отмена"))
    router.message.register(location_hint, StateFilter(NearMe.location))
    router.callback_query.register(site_card, SiteCb.filter())

"""The address step: a typed address (a clear street and house is taken as it is; a street
alone is confirmed, a doubtful one picked) or a location (on a known street, or its district)."""

from aiogram import F, Router, html
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import lazy_gettext as __

from domain.address.matcher import AddressMatcher, MatchOutcome
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.geo import DistrictLocator
from domain.services.subscriptions import street_at_point
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.address_choice import RETYPE, AddressCb, address_candidates, question_becomes
from handlers.alerts import address_keyboards, address_texts, texts
from handlers.alerts.add_address import save_place
from handlers.alerts.home import home_screen
from handlers.alerts.states import AddAddress, candidate_to_data, point_to_data
from handlers.replies import alert

ADDRESS_QUERY_MAX = 200


async def cancelled(message: Message, state: FSMContext, uow: CityUnitOfWork, user: User) -> None:
    await state.clear()
    await message.answer(address_texts.address_cancelled(), reply_markup=ReplyKeyboardRemove())
    text, markup = await home_screen(uow, user)
    await message.answer(text, reply_markup=markup)


async def location_shared(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    user: User,
    district_locator: DistrictLocator,
    address_matcher: AddressMatcher,
    districts: DistrictDirectory,
) -> None:
    assert message.location is not None
    lat, lon = message.location.latitude, message.location.longitude
    district = district_locator.locate(lat, lon)
    if district is None:
        await message.answer(address_texts.outside_kazan())
        return
    street = await street_at_point(uow, address_matcher, lat, lon)
    place = point_to_data(lat, lon, district, street)
    await save_place(message, state, uow, clock, user, place, districts)


async def address_typed(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    address_matcher: AddressMatcher,
    districts: DistrictDirectory,
    user: User,
) -> None:
    match = address_matcher.match((message.text or "")[:ADDRESS_QUERY_MAX])
    if match.outcome is MatchOutcome.NOT_FOUND:
        await message.answer(address_texts.address_not_found())
        return
    best = match.candidates[0]
    if (settled := match.settled) is not None:
        # Nothing to doubt, so nothing is asked back (the saved message shows the address
        # as understood, with «🗑 Не тот адрес» under it).
        await save_place(message, state, uow, clock, user, candidate_to_data(settled), districts)
        return
    await state.update_data(candidates=[candidate_to_data(c) for c in match.candidates])
    if match.outcome is MatchOutcome.EXACT:
        district = districts.name(best.district, user.locale) if best.district else None
        text = address_texts.confirm_address(
            best.label(user.locale), district, best.house is not None
        )
        await message.answer(text, reply_markup=address_keyboards.confirm_address())
        return
    labels = [
        (c.label(user.locale), districts.name(c.district, user.locale) if c.district else None)
        for c in match.candidates
    ]
    await message.answer(address_texts.did_you_mean(), reply_markup=address_candidates(labels))


async def address_chosen(
    query: CallbackQuery,
    callback_data: AddressCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    user: User,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    candidates = (await state.get_data()).get("candidates") or []
    if not -1 <= callback_data.index < len(candidates):
        alert(callback_answer, texts.stale())
        return
    if callback_data.index == RETYPE:
        await question_becomes(query.message, address_texts.retype_address())
        return
    place = candidates[callback_data.index]
    # The question becomes the choice: no empty «Вы имели в виду:» is left behind.
    await question_becomes(query.message, f"📍 {html.quote(str(place['text']))}")
    await save_place(query.message, state, uow, clock, user, place, districts)


async def place_other(message: Message) -> None:
    await message.answer(address_texts.place_hint())


def register(router: Router) -> None:
    router.message.register(cancelled, AddAddress.place, F.text == __("✖️ Отмена"))
    router.message.register(location_shared, AddAddress.place, F.location)
    router.message.register(address_typed, AddAddress.place, F.text, ~F.text.startswith("/"))
    router.callback_query.register(address_chosen, AddAddress.place, AddressCb.filter())
    router.message.register(place_other, AddAddress.place)

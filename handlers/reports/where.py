"""Steps 1–2 of the report: the category, then the place (a shared point or a typed address)."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer

from domain.address.matcher import AddressMatcher, MatchOutcome
from domain.geo import DistrictLocator
from domain.requests import Place
from handlers.callbacks import AddressCb, CategoryCb
from handlers.replies import alert, drop_buttons
from handlers.reports import keyboards, texts
from handlers.reports.context import Form
from handlers.reports.navigation import next_after
from handlers.reports.outage_offer import offer_outage
from handlers.reports.states import (
    ReportForm,
    place_from_candidate,
    place_from_data,
    place_to_data,
)
from handlers.texts import place_text

ADDRESS_QUERY_MAX = 200


async def _place_chosen(message: Message, form: Form, place: Place) -> None:
    await form.state.update_data(place=place_to_data(place), candidates=None)
    place_line = texts.place_set(place_text(place), form.district_name(place.district))
    await message.answer(place_line, reply_markup=ReplyKeyboardRemove())
    if not await offer_outage(message, form, "place"):
        await next_after("place", message, form)


def register(router: Router) -> None:
    @router.callback_query(ReportForm.category, CategoryCb.filter())
    async def category_chosen(
        query: CallbackQuery,
        callback_data: CategoryCb,
        form: Form,
        callback_answer: CallbackAnswer,
    ) -> None:
        category = await form.uow.categories.get(callback_data.code)
        if category is None or not isinstance(query.message, Message):
            alert(callback_answer, texts.stale_form())
            return
        await form.state.update_data(category=category.code)
        await query.message.edit_text(texts.category_set(category.name(form.locale)))
        await next_after("category", query.message, form)

    @router.message(ReportForm.place, F.location)
    async def location_shared(
        message: Message, form: Form, district_locator: DistrictLocator
    ) -> None:
        assert message.location is not None
        lat, lon = message.location.latitude, message.location.longitude
        district = district_locator.locate(lat, lon)
        if district is None:
            await message.answer(texts.outside_kazan())
            return
        # The label stays language-neutral: staff and other residents read it too.
        place = Place(label=f"{lat:.5f}, {lon:.5f}", district=district, lat=lat, lon=lon)
        await _place_chosen(message, form, place)

    @router.message(ReportForm.place, F.text, ~F.text.startswith("/"))
    async def address_typed(message: Message, form: Form, address_matcher: AddressMatcher) -> None:
        assert message.text is not None
        match = address_matcher.match(message.text[:ADDRESS_QUERY_MAX])
        if match.outcome is MatchOutcome.NOT_FOUND:
            await message.answer(texts.address_not_found())
            return
        places = [place_to_data(place_from_candidate(c)) for c in match.candidates]
        await form.state.update_data(candidates=places)
        # Shown in the reader's language; the place keeps the Russian label (staff read it).
        labels = [(c.label(form.locale), form.district_name(c.district)) for c in match.candidates]
        await message.answer(
            texts.did_you_mean(), reply_markup=keyboards.address_candidates(labels)
        )

    @router.callback_query(ReportForm.place, AddressCb.filter())
    async def address_chosen(
        query: CallbackQuery, callback_data: AddressCb, form: Form, callback_answer: CallbackAnswer
    ) -> None:
        if not isinstance(query.message, Message):
            return
        candidates = (await form.state.get_data()).get("candidates") or []
        if callback_data.index == -1:
            await drop_buttons(query.message)
            await query.message.answer(texts.retype_address())
            return
        if not 0 <= callback_data.index < len(candidates):
            alert(callback_answer, texts.stale_form())
            return
        place = place_from_data(candidates[callback_data.index])
        assert place is not None
        await drop_buttons(query.message)
        await _place_chosen(query.message, form, place)

    @router.message(ReportForm.place)
    async def place_other(message: Message) -> None:
        await message.answer(texts.place_hint())

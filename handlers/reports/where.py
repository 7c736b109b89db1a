"""Steps 1–2 of the report: the category, then the place (a shared point or a typed address)."""

import contextlib
from html import escape

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer

from domain.address.matcher import AddressMatcher, MatchOutcome
from domain.geo import DistrictLocator
from domain.requests import Place
from handlers.address_choice import (
    RETYPE,
    AddressCb,
    address_candidates,
    question_becomes,
    retire_question,
)
from handlers.my_requests.texts import place_text
from handlers.replies import alert
from handlers.reports import texts
from handlers.reports.callbacks import CategoryCb
from handlers.reports.form import Form
from handlers.reports.navigation import next_after
from handlers.reports.outage_offer import offer_outage
from handlers.reports.states import (
    ReportForm,
    place_from_candidate,
    place_from_data,
    place_to_data,
)

ADDRESS_QUERY_MAX = 200


async def _drop_open_question(message: Message, form: Form) -> None:
    """The buttons of a question still waiting go (each question once: its id is forgotten)."""
    question_id = (await form.state.get_data()).get("question_id")
    if question_id is None or message.bot is None:
        return
    await form.state.update_data(candidates=None, question_id=None)
    with contextlib.suppress(TelegramBadRequest):  # deleted by the person
        await message.bot.edit_message_reply_markup(
            chat_id=message.chat.id, message_id=question_id, reply_markup=None
        )


async def _place_chosen(message: Message, form: Form, place: Place) -> None:
    await _drop_open_question(message, form)  # an address or a point answers it too
    await form.state.update_data(place=place_to_data(place))
    place_line = texts.place_set(place_text(place), form.district_name(place.district))
    await message.answer(place_line, reply_markup=ReplyKeyboardRemove())
    if not await offer_outage(message, form, "place"):
        await next_after("place", message, form)


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


async def location_shared(message: Message, form: Form, district_locator: DistrictLocator) -> None:
    assert message.location is not None
    lat, lon = message.location.latitude, message.location.longitude
    district = district_locator.locate(lat, lon)
    if district is None:
        await message.answer(texts.outside_kazan())
        return
    # The label stays language-neutral: staff and other residents read it too.
    place = Place(label=f"{lat:.5f}, {lon:.5f}", district=district, lat=lat, lon=lon)
    await _place_chosen(message, form, place)


async def address_typed(message: Message, form: Form, address_matcher: AddressMatcher) -> None:
    assert message.text is not None
    match = address_matcher.match(message.text[:ADDRESS_QUERY_MAX])
    if match.outcome is MatchOutcome.NOT_FOUND:
        await message.answer(texts.address_not_found())
        return
    settled = match.settled
    if settled is not None:  # no doubt: the place line says what was taken
        await _place_chosen(message, form, place_from_candidate(settled))
        return
    await _drop_open_question(message, form)  # a new question replaces the old one
    places = [place_to_data(place_from_candidate(c)) for c in match.candidates]
    # Shown in the reader's language; the place keeps the Russian label (staff read it).
    labels = [(c.label(form.locale), form.district_name(c.district)) for c in match.candidates]
    question = await message.answer(texts.did_you_mean(), reply_markup=address_candidates(labels))
    await form.state.update_data(candidates=places, question_id=question.message_id)


async def address_chosen(
    query: CallbackQuery, callback_data: AddressCb, form: Form, callback_answer: CallbackAnswer
) -> None:
    if not isinstance(query.message, Message):
        return
    data = await form.state.get_data()
    candidates = data.get("candidates") or []
    if data.get("question_id") != query.message.message_id or not (
        RETYPE <= callback_data.index < len(candidates)
    ):
        alert(callback_answer, texts.address_question_closed())  # pressed twice, or old
        return
    # Used up at once: a second press of the same question changes nothing.
    await form.state.update_data(candidates=None, question_id=None)
    if callback_data.index == RETYPE:
        await question_becomes(query.message, texts.retype_address())
        return
    place = place_from_data(candidates[callback_data.index])
    assert place is not None
    await retire_question(query.message, f"📍 {escape(place_text(place))}")
    await _place_chosen(query.message, form, place)


async def address_question_closed(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, texts.address_question_closed())  # the form has moved on


async def place_other(message: Message) -> None:
    await message.answer(texts.place_hint())


def register(router: Router) -> None:
    router.callback_query.register(category_chosen, ReportForm.category, CategoryCb.filter())
    router.message.register(location_shared, ReportForm.place, F.location)
    router.message.register(address_typed, ReportForm.place, F.text, ~F.text.startswith("/"))
    router.callback_query.register(address_chosen, ReportForm.place, AddressCb.filter())
    router.callback_query.register(
        address_question_closed, StateFilter(ReportForm), AddressCb.filter()
    )
    router.message.register(place_other, ReportForm.place)

"""/call: an operator files a request for a caller, from the staff chat, in four steps —
category (buttons), address (typed, understood like a resident's), description, the
caller's phone or «-». Every wrong answer is told and the step stays; /cancel drops it.
The request joins the one queue with channel "phone" and no author (domain/services/
phone_requests.py); its card goes to its department's chat like any other."""

from dataclasses import asdict

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n

from domain.address.matcher import AddressMatcher, MatchOutcome
from domain.clock import Clock
from domain.errors import DescriptionTooLong, DescriptionTooShort
from domain.requests import Place
from domain.services.phone_requests import InvalidCallerPhone, caller_phone, file_phone_request
from domain.services.reports import ReportDraft, clean_description, place_of
from domain.unit_of_work import CityUnitOfWork
from handlers.common import stale_button_text
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.replies import alert
from handlers.staff import phone_texts as texts
from handlers.staff.callbacks import PhoneCategoryCb
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling

ADDRESS_QUERY_MAX = 200


class PhoneCall(StatesGroup):
    category = State()
    address = State()
    description = State()
    phone = State()


async def start(message: Message, state: FSMContext, uow: CityUnitOfWork, i18n: I18n) -> None:
    kb = InlineKeyboardBuilder()
    for category in await uow.categories.list_active():
        kb.button(
            text=category.name(i18n.current_locale),
            callback_data=PhoneCategoryCb(code=category.code),
        )
    kb.adjust(2)
    await state.set_state(PhoneCall.category)
    await state.set_data({})
    await message.reply(texts.start(), reply_markup=kb.as_markup())


async def category_chosen(
    query: CallbackQuery,
    callback_data: PhoneCategoryCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    category = await uow.categories.get(callback_data.code)
    if category is None:
        alert(callback_answer, texts.unknown_category())
        return
    await state.update_data(category=category.code)
    await state.set_state(PhoneCall.address)
    if isinstance(query.message, Message):
        await query.message.answer(texts.ask_address(category.name(i18n.current_locale)))


async def address_typed(
    message: Message, state: FSMContext, address_matcher: AddressMatcher
) -> None:
    assert message.text is not None
    match = address_matcher.match(message.text[:ADDRESS_QUERY_MAX])
    if match.outcome is MatchOutcome.NOT_FOUND or match.best is None:
        await message.reply(texts.address_not_found())
        return
    # The operator hears the address and can ask again: a doubt is settled by retyping.
    chosen = match.settled or (match.best if match.outcome is MatchOutcome.EXACT else None)
    if chosen is None:
        await message.reply(texts.address_doubt(match.candidates))
        return
    place = place_of(chosen)
    await state.update_data(place=asdict(place))
    await state.set_state(PhoneCall.description)
    await message.reply(texts.ask_description(place.label))


async def description_typed(message: Message, state: FSMContext) -> None:
    assert message.text is not None
    try:
        description = clean_description(message.text)
    except DescriptionTooShort:
        await message.reply(texts.description_too_short())
        return
    except DescriptionTooLong:
        await message.reply(texts.description_too_long())
        return
    await state.update_data(description=description)
    await state.set_state(PhoneCall.phone)
    await message.reply(texts.ask_phone())


async def phone_typed(
    message: Message, state: FSMContext, uow: CityUnitOfWork, clock: Clock
) -> None:
    assert message.text is not None
    try:
        phone = caller_phone(message.text)
    except InvalidCallerPhone:
        await message.reply(texts.bad_phone())
        return
    data = await state.get_data()
    draft = ReportDraft(data["category"], Place(**data["place"]), data["description"])
    request = await file_phone_request(uow, clock, draft, phone)
    await state.clear()
    await commit_before_telling(uow)
    await message.reply(texts.filed(request.number))


async def stale_category(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A category button of a form that is over, or of someone else's form."""
    alert(callback_answer, stale_button_text())


async def cancel(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.reply(texts.cancelled())


async def pick_with_buttons(message: Message) -> None:
    await message.reply(texts.pick_category())


async def text_only(message: Message) -> None:
    await message.reply(texts.text_only())


def register(router: Router) -> None:
    """Before the staff desk: while the form waits, the operator's messages are its answers."""
    router.message.register(start, Command("call"), IsStaff())
    in_form = StateFilter(PhoneCall)
    router.message.register(cancel, Command("cancel"), in_form)
    router.callback_query.register(category_chosen, PhoneCategoryCb.filter(), PhoneCall.category)
    router.callback_query.register(stale_category, PhoneCategoryCb.filter())
    router.message.register(pick_with_buttons, PhoneCall.category)
    router.message.register(address_typed, PhoneCall.address, F.text)
    router.message.register(description_typed, PhoneCall.description, F.text)
    router.message.register(phone_typed, PhoneCall.phone, F.text)
    router.message.register(text_only, in_form)

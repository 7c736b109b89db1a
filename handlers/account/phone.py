"""Consent to the personal-data text, then the phone through Telegram's contact button."""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import lazy_gettext as __

from domain.account import ConsentRequired, ForeignContact, has_current_consent
from domain.clock import Clock
from domain.errors import InvalidInput
from domain.services.account import forget_phone, give_consent, share_phone
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.account import keyboards, texts
from handlers.account.callbacks import AccountAction, AccountCb
from handlers.account.profile import show_profile
from handlers.account.states import AccountForm
from handlers.replies import redraw, toast
from handlers.transaction import commit_before_telling


async def ask_for_contact(target: Message | CallbackQuery, state: FSMContext) -> None:
    """A new message: a reply keyboard cannot be put on an edited one."""
    await state.set_state(AccountForm.phone)
    message = target.message if isinstance(target, CallbackQuery) else target
    if isinstance(message, Message):
        await message.answer(texts.ask_phone(), reply_markup=keyboards.contact_request())


async def read_consent(query: CallbackQuery, user: User) -> None:
    await redraw(query, texts.consent_text(user), keyboards.consent(user, then_phone=False))


async def phone_button(query: CallbackQuery, state: FSMContext, user: User) -> None:
    if not has_current_consent(user):
        await redraw(query, texts.consent_text(user), keyboards.consent(user, True))
        return
    await ask_for_contact(query, state)


async def agree(
    query: CallbackQuery,
    callback_data: AccountCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await give_consent(uow, clock, user)
    await commit_before_telling(uow)
    toast(callback_answer, texts.consent_saved())
    await show_profile(query, uow, user)
    if callback_data.then_phone:
        await ask_for_contact(query, state)


async def decline(
    query: CallbackQuery, uow: CityUnitOfWork, user: User, callback_answer: CallbackAnswer
) -> None:
    toast(callback_answer, texts.consent_declined())
    await show_profile(query, uow, user)


async def forget(
    query: CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await forget_phone(uow, clock, user.id)
    await commit_before_telling(uow)
    toast(callback_answer, texts.phone_forgotten())
    await show_profile(query, uow, user)


async def contact(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
) -> None:
    """Any state: the contact button is the phone's only way in, whenever it is used."""
    assert message.contact is not None
    shared = message.contact
    try:
        phone = await share_phone(uow, clock, user, shared.user_id, shared.phone_number)
    except ForeignContact:
        await message.answer(texts.foreign_contact())
        return
    except ConsentRequired:
        await state.clear()
        await message.answer(texts.consent_first(), reply_markup=ReplyKeyboardRemove())
        await message.answer(texts.consent_text(user), reply_markup=keyboards.consent(user, True))
        return
    except InvalidInput:
        await message.answer(texts.bad_phone())
        return
    await commit_before_telling(uow)
    await state.clear()
    await message.answer(texts.phone_saved(phone), reply_markup=ReplyKeyboardRemove())
    await show_profile(message, uow, user)


async def cancel(message: Message, state: FSMContext, uow: CityUnitOfWork, user: User) -> None:
    await state.clear()
    await message.answer(texts.phone_not_saved(), reply_markup=ReplyKeyboardRemove())
    await show_profile(message, uow, user)


async def anything_else(message: Message) -> None:
    await message.answer(texts.waiting_for_contact(), reply_markup=keyboards.contact_request())


def register(router: Router) -> None:
    router.callback_query.register(
        read_consent, AccountCb.filter(F.action == AccountAction.CONSENT)
    )
    router.callback_query.register(phone_button, AccountCb.filter(F.action == AccountAction.PHONE))
    router.callback_query.register(agree, AccountCb.filter(F.action == AccountAction.AGREE))
    router.callback_query.register(decline, AccountCb.filter(F.action == AccountAction.DECLINE))
    router.callback_query.register(
        forget, AccountCb.filter(F.action == AccountAction.FORGET_PHONE)
    )
    router.message.register(contact, F.contact)
    router.message.register(cancel, AccountForm.phone, F.text == __("✖️ Отмена"))
    router.message.register(anything_else, StateFilter(AccountForm.phone))

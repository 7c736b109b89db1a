"""Moving between the form's steps: each step's prompt, and "back to the summary" when editing."""

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from domain.ports import UnitOfWork
from domain.users import User
from handlers.keyboards import cancel_reply_keyboard
from handlers.reports import keyboards, texts
from handlers.reports.states import ReportForm, draft_from_data


async def ask_category(chat: Message, state: FSMContext, uow: UnitOfWork, user: User) -> None:
    await state.set_state(ReportForm.category)
    items = await uow.categories.list_active()
    await chat.answer(texts.ask_category(), reply_markup=keyboards.categories(items, user.locale))


async def ask_place(chat: Message, state: FSMContext) -> None:
    await state.set_state(ReportForm.place)
    await chat.answer(texts.ask_place(), reply_markup=cancel_reply_keyboard(with_location=True))


async def ask_photos(chat: Message, state: FSMContext) -> None:
    await state.set_state(ReportForm.photos)
    await state.update_data(photos=[], photo_status_id=None)
    await chat.answer(texts.ask_photos(), reply_markup=keyboards.photos(has_photos=False))


async def ask_description(chat: Message, state: FSMContext) -> None:
    await state.set_state(ReportForm.description)
    await chat.answer(texts.ask_description())


async def show_summary(chat: Message, state: FSMContext, uow: UnitOfWork, user: User) -> None:
    data = await state.get_data()
    draft = draft_from_data(data)
    if draft is None:  # a step is missing: start over rather than submit half a report
        await ask_category(chat, state, uow, user)
        return
    await state.set_state(ReportForm.summary)
    await state.update_data(editing=False, similar_offered=False)
    category = await uow.categories.get(draft.category)
    await chat.answer(
        texts.summary(draft, category, user.locale), reply_markup=keyboards.summary()
    )


async def next_after(
    step: str, chat: Message, state: FSMContext, uow: UnitOfWork, user: User
) -> None:
    """Go on after `step`; a step opened from the summary goes straight back to it."""
    if (await state.get_data()).get("editing"):
        await show_summary(chat, state, uow, user)
    elif step == "category":
        await ask_place(chat, state)
    elif step == "place":
        await ask_photos(chat, state)
    elif step == "photos":
        await ask_description(chat, state)
    else:
        await show_summary(chat, state, uow, user)

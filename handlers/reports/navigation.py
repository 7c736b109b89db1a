"""Moving between the form's steps: each step's prompt, and "back to the summary" when editing."""

from aiogram.types import Message

from domain.categories import Category
from handlers.keyboards import cancel_reply_keyboard
from handlers.reports import keyboards, texts
from handlers.reports.context import Form
from handlers.reports.states import ReportForm, draft_from_data


async def ask_category(chat: Message, form: Form) -> None:
    await form.state.set_state(ReportForm.category)
    items = await form.uow.categories.list_active()
    await chat.answer(texts.ask_category(), reply_markup=keyboards.categories(items, form.locale))


async def start_with_category(chat: Message, form: Form, category: Category) -> None:
    """A new request whose category is already known (from an FAQ answer): on to the place."""
    await form.state.clear()
    await form.state.update_data(category=category.code)
    await chat.answer(texts.category_set(category.name(form.locale)))
    await ask_place(chat, form)


async def ask_place(chat: Message, form: Form) -> None:
    await form.state.set_state(ReportForm.place)
    await chat.answer(texts.ask_place(), reply_markup=cancel_reply_keyboard(with_location=True))


async def ask_photos(chat: Message, form: Form) -> None:
    await form.state.set_state(ReportForm.photos)
    await form.state.update_data(photos=[], photo_status_id=None)
    await chat.answer(texts.ask_photos(), reply_markup=keyboards.photos(has_photos=False))


async def ask_description(chat: Message, form: Form) -> None:
    await form.state.set_state(ReportForm.description)
    await chat.answer(texts.ask_description())


async def show_summary(chat: Message, form: Form) -> None:
    draft = draft_from_data(await form.state.get_data())
    if draft is None:  # a step is missing: start over rather than submit half a report
        await ask_category(chat, form)
        return
    await form.state.set_state(ReportForm.summary)
    await form.state.update_data(editing=False)
    category = await form.uow.categories.get(draft.category)
    district = form.district_name(draft.place.district)
    await chat.answer(
        texts.summary(draft, category, form.locale, district), reply_markup=keyboards.summary()
    )


NEXT_STEP = {"category": ask_place, "place": ask_photos, "photos": ask_description}


async def next_after(step: str, chat: Message, form: Form) -> None:
    """Go on after `step`; a step opened from the summary goes straight back to it."""
    editing = (await form.state.get_data()).get("editing")
    await (show_summary if editing else NEXT_STEP.get(step, show_summary))(chat, form)

"""Moving between the form's steps: each step's prompt, and "back to the summary" when editing."""

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Message

from domain.categories import Category
from domain.services.reports import ReportDraft
from handlers.common import cancel_reply_keyboard
from handlers.reports import keyboards, texts
from handlers.reports.form import Form
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
    """The photo step. Photos sent before it are kept (the counter stands for the prompt);
    opened from the summary ("✏️ Фото") it starts a new set."""
    data = await form.state.get_data()
    photos = [] if data.get("editing") else data.get("photos") or []
    await form.state.set_state(ReportForm.photos)
    if photos:
        text, markup = texts.photos_received(len(photos)), keyboards.photos(has_photos=True)
    else:
        text, markup = texts.ask_photos(), keyboards.photos(has_photos=False)
    sent = await chat.answer(text, reply_markup=markup)
    status_id = sent.message_id if photos else None
    await form.state.update_data(
        photos=photos,
        photo_status_id=status_id,
        photo_buttons=[sent.message_id],
        overflow_told=False,
    )


async def ask_description(chat: Message, form: Form) -> None:
    await form.state.set_state(ReportForm.description)
    await chat.answer(texts.ask_description())


async def show_summary(chat: Message, form: Form) -> None:
    draft = draft_from_data(await form.state.get_data())
    if draft is None:  # a step is missing: start over rather than submit half a report
        await ask_category(chat, form)
        return
    await form.state.set_state(ReportForm.summary)
    sent = await chat.answer(await summary_text(form, draft), reply_markup=keyboards.summary())
    # The summary is redrawn in place when a photo arrives after it (the rest of an album).
    await form.state.update_data(
        editing=False, summary_id=sent.message_id, similar_shown=False, kept_step=None
    )


async def summary_text(form: Form, draft: ReportDraft) -> str:
    category = await form.uow.categories.get(draft.category)
    district = form.district_name(draft.place.district)
    return texts.summary(draft, category, form.locale, district)


async def next_after(step: str, chat: Message, form: Form) -> None:
    """Go on after `step` to the first step still missing; a step opened from the summary
    goes straight back to it. A photo's caption may have given the description already."""
    data = await form.state.get_data()
    if step == "category" and not data.get("editing"):
        await ask_place(chat, form)
    elif data.get("editing") or data.get("description") or step not in ("place", "photos"):
        await show_summary(chat, form)
    elif step == "place":
        await ask_photos(chat, form)
    else:
        await ask_description(chat, form)


async def redraw_summary(chat: Message, form: Form) -> None:
    """The draft changed under its summary (a late photo of an album): the same summary
    message shows it, with its buttons unless similar requests are being offered under it."""
    data = await form.state.get_data()
    draft = draft_from_data(data)
    summary_id = data.get("summary_id")
    if draft is None or summary_id is None or chat.bot is None:
        await show_summary(chat, form)
        return
    markup = None if data.get("similar_shown") else keyboards.summary()
    try:
        await chat.bot.edit_message_text(
            await summary_text(form, draft),
            chat_id=chat.chat.id,
            message_id=summary_id,
            reply_markup=markup,
        )
    except TelegramBadRequest:  # deleted or too old: a fresh summary at the bottom
        await show_summary(chat, form)

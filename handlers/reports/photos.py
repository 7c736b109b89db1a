"""The draft's photos: kept at whatever step they arrive, with their caption as the description.

A person shows the problem first and says where later, or captions the photo instead of
typing a separate description: neither is refused. A caption that cannot be the description
is answered with why, and the photo is kept all the same.
"""

import contextlib
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message

from domain.errors import DescriptionTooLong, DescriptionTooShort
from domain.services.reports import MAX_PHOTOS, clean_description
from handlers.reports import texts
from handlers.reports.form import Form
from handlers.reports.states import ReportForm


async def keep(message: Message, form: Form) -> int | None:
    """Add the photo to the draft: the new count, or None when the draft is full (said once
    per album: an album of 10 sends 10 updates)."""
    assert message.photo is not None
    data = await form.state.get_data()
    photos: list[str] = data.get("photos") or []
    if len(photos) >= MAX_PHOTOS:
        if not data.get("overflow_told"):
            await form.state.update_data(overflow_told=True)
            in_step = await form.state.get_state() == ReportForm.photos.state
            await message.answer(texts.too_many_photos() if in_step else texts.photos_full())
        return None
    photos = [*photos, message.photo[-1].file_id]
    await form.state.update_data(photos=photos)
    return len(photos)


async def description_from(message: Message, form: Form, text: str, caption: bool) -> bool:
    """Take `text` as the draft's description; False, having said why, when it does not fit."""
    try:
        description = clean_description(text)
    except DescriptionTooShort:
        await message.answer(
            texts.caption_too_short() if caption else texts.description_too_short()
        )
        return False
    except DescriptionTooLong:
        await message.answer(texts.description_too_long(len(text)))
        return False
    await form.state.update_data(description=description)
    return True


async def take_caption(message: Message, form: Form) -> bool | None:
    """The photo's caption as the description: None without a caption."""
    if not message.caption or not message.caption.strip():
        return None
    return await description_from(message, form, message.caption, caption=True)


async def show_status(
    message: Message,
    form: Form,
    key: str,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> int:
    """One status message per step, edited as the photos of an album arrive one update at a
    time (each edit has a new count, so it never repeats the message); its id is `key`."""
    status_id = (await form.state.get_data()).get(key)
    if status_id is not None and message.bot is not None:
        try:
            await message.bot.edit_message_text(
                text, chat_id=message.chat.id, message_id=status_id, reply_markup=markup
            )
            return int(status_id)
        except TelegramBadRequest:
            pass  # deleted or too old: send a fresh one
    sent = await message.answer(text, reply_markup=markup)
    await form.state.update_data({key: sent.message_id})
    return sent.message_id


async def close_step(message: Message, form: Form) -> None:
    """The photo step is over (by «Готово», a description or a caption): its «Пропустить» and
    «Готово» buttons go, each once, so none is left to press on a later step."""
    data: dict[str, Any] = await form.state.get_data()
    await form.state.update_data(photo_buttons=[], overflow_told=False)
    if message.bot is None:
        return
    for message_id in data.get("photo_buttons") or []:
        with contextlib.suppress(TelegramBadRequest):  # deleted by the person: nothing to do
            await message.bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=message_id, reply_markup=None
            )

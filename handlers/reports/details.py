"""Steps 3–4 of the report: photos (albums welcome), then the description."""

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from domain.errors import DescriptionTooLong, DescriptionTooShort
from domain.services.reports import MAX_PHOTOS, clean_description
from handlers.callbacks import PhotosCb
from handlers.replies import drop_buttons
from handlers.reports import keyboards, texts
from handlers.reports.context import Form
from handlers.reports.navigation import next_after
from handlers.reports.outage_offer import offer_outage
from handlers.reports.states import ReportForm


async def _update_photo_status(message: Message, form: Form, count: int) -> None:
    """One counter message, edited as photos of an album arrive one update at a time."""
    status_id = (await form.state.get_data()).get("photo_status_id")
    text, markup = texts.photos_received(count), keyboards.photos(has_photos=True)
    if status_id is not None and message.bot is not None:
        try:
            await message.bot.edit_message_text(
                text, chat_id=message.chat.id, message_id=status_id, reply_markup=markup
            )
            return
        except TelegramBadRequest:
            pass  # deleted or too old: send a fresh counter
    sent = await message.answer(text, reply_markup=markup)
    await form.state.update_data(photo_status_id=sent.message_id)


async def accept_description(message: Message, form: Form) -> None:
    assert message.text is not None
    try:
        description = clean_description(message.text)
    except DescriptionTooShort:
        await message.answer(texts.description_too_short())
        return
    except DescriptionTooLong:
        await message.answer(texts.description_too_long(len(message.text)))
        return
    await form.state.update_data(description=description)
    if not await offer_outage(message, form, "description"):
        await next_after("description", message, form)


def register(router: Router) -> None:
    @router.message(ReportForm.photos, F.photo)
    async def photo(message: Message, form: Form) -> None:
        assert message.photo is not None
        data = await form.state.get_data()
        photos: list[str] = data.get("photos", [])
        if len(photos) >= MAX_PHOTOS:
            # An album of 10 sends 10 updates: answer the overflow once, not five times.
            if not data.get("overflow_told"):
                await form.state.update_data(overflow_told=True)
                await message.answer(texts.too_many_photos())
            return
        photos = [*photos, message.photo[-1].file_id]
        await form.state.update_data(photos=photos)
        await _update_photo_status(message, form, len(photos))

    @router.callback_query(ReportForm.photos, PhotosCb.filter())
    async def photos_done(query: CallbackQuery, form: Form) -> None:
        if not isinstance(query.message, Message):
            return
        await drop_buttons(query.message)
        await form.state.update_data(overflow_told=False)
        await next_after("photos", query.message, form)

    @router.message(ReportForm.photos, F.text, ~F.text.startswith("/"))
    async def description_instead_of_photos(message: Message, form: Form) -> None:
        # Typing the description here is a natural shortcut: take it and skip ahead.
        await accept_description(message, form)

    @router.message(ReportForm.photos)
    async def photos_other(message: Message) -> None:
        await message.answer(texts.photos_hint())

    @router.message(ReportForm.description, F.text, ~F.text.startswith("/"))
    async def description(message: Message, form: Form) -> None:
        await accept_description(message, form)

    @router.message(ReportForm.description)
    async def description_other(message: Message) -> None:
        await message.answer(texts.description_hint())

"""Answering a button press: edit the message it came from, or send a new one."""

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer


async def send(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> int | None:
    """A new message in the chat of the pressed button (works for inaccessible old messages);
    returns its id."""
    if isinstance(query.message, Message):
        return (await query.message.answer(text, reply_markup=markup)).message_id
    if query.bot is not None:
        sent = await query.bot.send_message(query.from_user.id, text, reply_markup=markup)
        return sent.message_id
    return None


async def replace(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> int | None:
    """Edit the pressed message in place (screens, not chatter); fall back to a new one.
    Returns the id of the message that shows `text` now."""
    if isinstance(query.message, Message) and query.message.text is not None:
        try:
            await query.message.edit_text(text, reply_markup=markup)
            return query.message.message_id
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return query.message.message_id
    return await send(query, text, markup)


def alert(answer: CallbackAnswer, text: str) -> None:
    """A pop-up the person must dismiss: for refusals (the middleware sends it)."""
    answer.text = text
    answer.show_alert = True


def toast(answer: CallbackAnswer, text: str) -> None:
    """A short notice that fades by itself."""
    answer.text = text
    answer.show_alert = False

"""Answering a button press: edit the message it came from, or send a new one.

An edit that changes nothing is a Bot API error ("message is not modified"), so every edit of
a pressed message first compares what the message shows with what it would show.
"""

import html

from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

ANSWER_LIMIT = 200  # characters of answerCallbackQuery's text


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


async def redraw(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> int | None:
    """Edit the pressed message in place (screens, not chatter); fall back to a new one.
    Returns the id of the message that shows `text` now."""
    if isinstance(query.message, Message) and query.message.text is not None:
        if not shows(query.message, text, markup):
            await query.message.edit_text(text, reply_markup=markup)
        return query.message.message_id
    return await send(query, text, markup)


async def set_buttons(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    """Change only the message's buttons (None: remove them), unless they are these already."""
    if _buttons(message.reply_markup) != _buttons(markup):
        await message.edit_reply_markup(reply_markup=markup)


async def drop_buttons(message: Message) -> None:
    """Remove the message's buttons (a finished step), unless it has none."""
    await set_buttons(message, None)


def shows(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    """Whether the message already shows this HTML text and these buttons (an edit would fail).

    Both texts are compared as HTML with entities decoded, so `&quot;` and `"` are the same.
    """
    current = html.unescape(message.html_text).strip()
    return current == html.unescape(text).strip() and _buttons(message.reply_markup) == _buttons(
        markup
    )


def _buttons(markup: InlineKeyboardMarkup | None) -> list[list[dict[str, object]]]:
    if markup is None:
        return []
    rows = [
        [button.model_dump(exclude_none=True, exclude_defaults=True) for button in row]
        for row in markup.inline_keyboard
    ]
    return [row for row in rows if row]


def alert(answer: CallbackAnswer, text: str) -> None:
    """A pop-up the person must dismiss: for refusals (the middleware sends it)."""
    answer.text = _fit_answer(text)
    answer.show_alert = True


def toast(answer: CallbackAnswer, text: str) -> None:
    """A short notice that fades by itself."""
    answer.text = _fit_answer(text)
    answer.show_alert = False


def _fit_answer(text: str) -> str:
    """Telegram refuses a pop-up over 200 characters (a translation may be longer)."""
    return text if len(text) <= ANSWER_LIMIT else text[: ANSWER_LIMIT - 1].rstrip() + "…"

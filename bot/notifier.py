"""Delivering outbox notifications through aiogram: the dispatcher's `Sender`.

Rendering is separate (`Renderer`): it turns a notification into a message at send time,
in the recipient's language and from the state then. Every Telegram answer is mapped onto
the domain's delivery errors, so scheduler/outbox.py decides retries without aiogram.
"""

from collections import OrderedDict
from dataclasses import replace

from aiogram import Bot, html
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
)
from aiogram.types import BufferedInputFile, InputMediaPhoto, MediaUnion, ReplyParameters

from domain.notifications import (
    Notification,
    PermanentFailure,
    RecipientBlocked,
    RetryAfter,
    TemporaryFailure,
)
from handlers.rendered_message import RenderedMessage, Renderer

NOT_MODIFIED = "message is not modified"
# Telegram's words when the message to edit is no longer there (deleted by hand, or sent by
# an earlier life of the chat): the edit can never succeed, so the message is posted anew.
GONE = ("message to edit not found", "message can't be edited", "MESSAGE_ID_INVALID")
SHOWN_MEMORY = 2000  # messages whose last content is remembered (cards edited in place)


async def render_plain_text(notification: Notification) -> RenderedMessage:
    """The default for tests and tools: payload["text"] as escaped text; payload
    ["edit_message_id"] edits that message instead."""
    edit = notification.payload.get("edit_message_id")
    return RenderedMessage(
        html.quote(str(notification.payload["text"])),
        edit_message_id=int(edit) if edit is not None else None,
    )


class TelegramSender:
    """`Sender` for Telegram. The Bot's parse_mode (HTML) comes from its defaults."""

    def __init__(self, bot: Bot, render: Renderer = render_plain_text) -> None:
        self._bot = bot
        self._render = render
        # What this process last put in a text message of ours, so that a card redrawn to
        # the same content is not edited ("message is not modified" is a Bot API error).
        # Another process may have edited it since; then its "not modified" is taken below.
        self._shown: OrderedDict[tuple[int, int], str] = OrderedDict()

    async def send(self, notification: Notification) -> int:
        message = await self._render(notification)
        chat_id, edit = notification.chat_id, message.edit_message_id
        if edit is not None and self._shown.get((chat_id, edit)) == message.content():
            return edit  # the card already shows this: done
        try:
            sent = await self._deliver_or_repost(chat_id, message)
        except TelegramBadRequest as error:
            raise PermanentFailure(_detail(error)) from error
        except TelegramAPIError as error:
            raise _delivery_error(error) from error
        except TimeoutError as error:  # asyncio.TimeoutError, since Python 3.11
            raise TemporaryFailure("timed out") from error
        if message.photo is None and not message.album:
            self._remember(chat_id, sent, message.content())
        return sent

    def _remember(self, chat_id: int, message_id: int, content: str) -> None:
        self._shown[chat_id, message_id] = content
        self._shown.move_to_end((chat_id, message_id))
        while len(self._shown) > SHOWN_MEMORY:
            self._shown.popitem(last=False)

    async def _deliver_or_repost(self, chat_id: int, message: RenderedMessage) -> int:
        try:
            return await self._deliver(chat_id, message)
        except TelegramBadRequest as error:
            if message.edit_message_id is None:
                raise
            if NOT_MODIFIED in error.message:
                return message.edit_message_id  # the card already shows this: done
            if not any(sign.casefold() in error.message.casefold() for sign in GONE):
                raise
        # Deleted by hand, or from an earlier life of the chat: a card posted anew is better
        # than one that fails for ever.
        return await self._deliver(chat_id, replace(message, edit_message_id=None))

    async def _deliver(self, chat_id: int, message: RenderedMessage) -> int:
        if message.edit_message_id is not None:
            await self._bot.edit_message_text(
                text=message.text,
                chat_id=chat_id,
                message_id=message.edit_message_id,
                reply_markup=message.reply_markup,
            )
            return message.edit_message_id
        if message.album:
            media: list[MediaUnion] = [
                InputMediaPhoto(media=photo, caption=message.text if index == 0 else None)
                for index, photo in enumerate(message.album)
            ]
            group = await self._bot.send_media_group(
                chat_id,
                media,
                message_thread_id=message.thread_id,
                reply_parameters=_reply(message),
            )
            return group[0].message_id
        if message.photo is not None:
            photo = message.photo
            sent = await self._bot.send_photo(
                chat_id,
                BufferedInputFile(photo, "chart.png") if isinstance(photo, bytes) else photo,
                caption=message.text,
                reply_markup=message.reply_markup,
                message_thread_id=message.thread_id,
                reply_parameters=_reply(message),
            )
        else:
            sent = await self._bot.send_message(
                chat_id,
                message.text,
                reply_markup=message.reply_markup,
                message_thread_id=message.thread_id,
                reply_parameters=_reply(message),
            )
        return sent.message_id


def _reply(message: RenderedMessage) -> ReplyParameters | None:
    if message.reply_to is None:
        return None
    return ReplyParameters(message_id=message.reply_to, allow_sending_without_reply=True)


def _delivery_error(error: TelegramAPIError) -> Exception:
    """Telegram's answer (other than 400) as the dispatcher's vocabulary."""
    if isinstance(error, TelegramRetryAfter):
        return RetryAfter(error.retry_after, _detail(error))
    if isinstance(error, TelegramForbiddenError):  # blocked, deactivated, kicked from a group
        return RecipientBlocked(_detail(error))
    if isinstance(error, TelegramMigrateToChat):  # the group became a supergroup: new id
        return PermanentFailure(f"{_detail(error)} (migrate to {error.migrate_to_chat_id})")
    if isinstance(error, TelegramEntityTooLarge):  # a network error by class, yet final
        return PermanentFailure(_detail(error))
    # 5xx (TelegramServerError) and network errors and timeouts (TelegramNetworkError); also
    # 401/404/409, which are the bot's configuration rather than the message's: the row is
    # kept and retried, so that fixing the token loses nothing.
    return TemporaryFailure(_detail(error))


def _detail(error: TelegramAPIError) -> str:
    """What goes into the row's last_error: the kind of answer and Telegram's words."""
    return f"{type(error).__name__}: {error.message}"

"""What every feature's notices.py makes of an outbox row: the message to send (bot/notifier.py
sends it). Notices are rendered at send time, in the reader's language, from the state then;
a renderer reads through a unit of work it opens itself (the factory bot/outbox.py gives it).
"""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from aiogram.types import InlineKeyboardMarkup

from domain.notifications import CardState, Notification
from domain.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """What to send: HTML text (every person's words already escaped), optional buttons,
    an optional photo (a file_id or URL; the text becomes its caption), or the id of a
    message of ours to edit in place instead (a staff card refreshed). A message to edit that
    is gone is sent anew, in `thread_id`, and the new message's id is returned.
    `reply_to` makes a new message a reply to that message of the chat (sent all the same
    when it is gone)."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    photo: str | None = None
    edit_message_id: int | None = None
    album: tuple[str, ...] = ()  # photos sent as one media group (the text is its caption)
    thread_id: int | None = None  # a forum topic of the chat
    reply_to: int | None = None  # a message of the chat this one answers

    def content(self) -> str:
        """Text and buttons as one string: equal contents make an edit Telegram refuses."""
        markup = self.reply_markup.model_dump(exclude_none=True) if self.reply_markup else None
        return json.dumps([self.text, markup], ensure_ascii=False, sort_keys=True, default=str)


# A renderer may raise PermanentFailure when there is nothing left to say (the request is
# gone); any other exception is taken for a bug and retried with backoff.
Renderer = Callable[[Notification], Awaitable[RenderedMessage]]
ChatLocale = Callable[[int], Awaitable[str]]  # a group chat's id → its language now
# (kind, the card's key, the row being rendered) → where that card stands in the row's chat
CardLookup = Callable[[str, str, Notification], Awaitable[CardState]]
CARD_THREAD: int | None = None  # the staff chat's main thread (or General topic)


class NoticeKinds(Protocol):
    """Where a feature's renderers sign up for their kinds of rows (bot/renderers.py's
    NotificationRenderer), and learn the staff chat's language as set there."""

    def register(self, kind: str, render: Renderer) -> None: ...
    async def chat_locale(self, chat_id: int) -> str: ...


def staff_locale(locale: str) -> ChatLocale:
    """Every chat in one language: for renderers used without the notification renderer."""

    async def locale_of(_chat_id: int) -> str:
        return locale

    return locale_of


def card_lookup(uows: UnitOfWorkFactory) -> CardLookup:
    """Where cards stand, read through a unit of work of their own."""

    async def lookup(kind: str, card_key: str, notification: Notification) -> CardState:
        async with uows() as uow:
            return await uow.cards.state(kind, card_key, notification.chat_id)

    return lookup

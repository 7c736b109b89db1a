"""What an outbox notice becomes at send time: the message bot/notifier.py delivers, and
what every feature's notices.py (handlers/<feature>/notices.py) shares to make one: where its
renderers sign up, and the staff chat's language.

Here, not in bot/, so that a feature can build its messages without importing the composition
root.
"""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from aiogram.types import InlineKeyboardMarkup

from domain.notifications import Notification
from domain.services.chat_settings import chat_locale
from domain.unit_of_work import CityUnitOfWork


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """What to send: HTML text (every person's words already escaped), optional buttons,
    an optional photo (a file_id or URL, or the PNG bytes of a chart drawn at render time;
    the text becomes its caption), or the id of a message of ours to edit in place instead
    (a staff card refreshed). A message to edit that is gone is sent anew, in `thread_id`,
    and the new message's id is returned. `reply_to` makes a new message a reply to that
    message of the chat (sent all the same when it is gone)."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    photo: str | bytes | None = None
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


class NoticeKinds(Protocol):
    """Where a feature's renderers sign up for their kinds of rows: bot/renderers.py's
    NotificationRenderer, which the outbox asks for a row's renderer by its kind."""

    def register(self, kind: str, render: Renderer) -> None: ...


async def staff_chat_locale(uow: CityUnitOfWork, chat_id: int) -> str:
    """The language of a group chat (the staff chat) as set there now, read with the rest of
    a render through its unit of work. Not cached: /language may be pressed in another process
    (several bot processes share one database), and one primary-key read costs nothing next to
    Telegram's pace."""
    return await chat_locale(uow.chat_settings, chat_id)

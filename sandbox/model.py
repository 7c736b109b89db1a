"""Plain records of the in-memory world: accounts, chats, callback queries."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def now() -> int:
    """Unix seconds, the only clock Telegram shows."""
    return int(time.time())


class ChatType(StrEnum):
    PRIVATE = "private"
    SUPERGROUP = "supergroup"


@dataclass(slots=True)
class Account:
    """A Telegram user: a person or the bot itself."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    phone: str | None = None
    blocked_bot: bool = False
    started_bot: bool = True  # a bot cannot write first to someone who never wrote to it

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code and not self.is_bot:
            user["language_code"] = self.language_code
        return user


@dataclass(slots=True)
class ChatRecord:
    """A chat with its messages keyed by message_id (dict order is sending order)."""

    id: int
    type: ChatType
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    owner_id: int | None = None
    admin_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)
    bot_is_admin: bool = False
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    deleted: dict[int, dict[str, Any]] = field(default_factory=dict)
    touched: dict[int, int] = field(default_factory=dict)  # bot message id -> world sequence
    topics: dict[int, dict[str, Any]] = field(default_factory=dict)
    menu_button: dict[str, Any] | None = None
    # Reply keyboards are not part of a Message; the chat shows the latest one.
    reply_keyboard: dict[str, Any] | None = None
    reply_markups: dict[int, dict[str, Any]] = field(default_factory=dict)
    last_message_id: int = 0

    @property
    def is_private(self) -> bool:
        return self.type is ChatType.PRIVATE

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def is_member(self, user_id: int) -> bool:
        if self.is_private:
            return user_id == self.id
        return user_id == self.owner_id or user_id in self.admin_ids or user_id in self.member_ids

    def as_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": str(self.type)}
        for name in ("title", "username", "first_name", "last_name"):
            value = getattr(self, name)
            if value:
                chat[name] = value
        if self.is_forum:
            chat["is_forum"] = True
        return chat


@dataclass(frozen=True, slots=True)
class CallbackAnswer:
    query_id: str
    user_id: int
    text: str | None
    show_alert: bool
    url: str | None
    at: int


@dataclass(slots=True)
class CallbackRecord:
    """A callback query a person sent; Telegram lets the bot answer it once, soon."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created_monotonic: float
    answer: CallbackAnswer | None = None


@dataclass(frozen=True, slots=True)
class ChatAction:
    chat_id: int
    action: str
    at: int
    message_thread_id: int | None = None


@dataclass(frozen=True, slots=True)
class InlineAnswer:
    """What the bot answered to an inline query (answerInlineQuery), as checked."""

    query_id: str
    results: list[dict[str, Any]]
    contents: dict[str, dict[str, Any]]  # result id -> the message it posts when chosen
    cache_time: int
    is_personal: bool
    next_offset: str
    at: int


@dataclass(slots=True)
class InlineQueryRecord:
    """A person typed "@bot query" somewhere; the bot may answer it once, soon."""

    id: str
    user_id: int
    query: str
    offset: str
    chat_type: str | None
    created_monotonic: float
    answer: InlineAnswer | None = None

    def result(self, result_id: str) -> dict[str, Any]:
        for result in self.answer.results if self.answer else []:
            if result["id"] == result_id:
                return result
        raise LookupError(f"no inline result {result_id!r} in the answer to {self.query!r}")

"""An in-process Bot API for benchmarks: no HTTP, so both dispatchers pay the same transport.

`FakeTelegram` keeps every chat's messages (as the JSON Telegram would send) and counts the
calls per method; a `Resident` builds the updates a person sends, pressing only buttons the
bot really sent.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import InlineKeyboardMarkup, Message

from bot.lean_results import lean_result

Json = dict[str, Any]


class FakeTelegram(BaseSession):
    """`Bot.session` stand-in; fails loudly on a method it does not know."""

    def __init__(self, bot_id: int, latency_s: float = 0.0) -> None:
        super().__init__()
        self.latency_s = latency_s  # > 0 imitates the network round trip of a real Bot API
        self.calls: Counter[str] = Counter()
        self.chats: dict[int, dict[int, Json]] = {}  # chat id -> message id -> message
        self._ids = itertools.count(1)
        self._bot_user = {"id": bot_id, "is_bot": True, "first_name": "Мой Казань"}
        self._handlers: dict[type[TelegramMethod[Any]], Callable[[Any], Json | bool]] = {
            SendMessage: self._send,
            EditMessageText: self._edit_text,
            EditMessageReplyMarkup: self._edit_markup,
            AnswerCallbackQuery: lambda _: True,
            DeleteMessage: self._delete,
        }

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        self.calls[type(method).__name__] += 1
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        handler = self._handlers.get(type(method))
        if handler is None:
            raise AssertionError(f"the benchmark's Bot API does not know {type(method).__name__}")
        result = handler(method)
        if isinstance(result, bool):
            return result
        # Built as the bot's own session builds Telegram's answer (bot/lean_results.py).
        response = lean_result(bot, method, {"ok": True, "result": result})
        if response is not None:
            return response.result
        return Message.model_validate(result, context={"bot": bot})

    async def close(self) -> None:
        """Nothing to release."""

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        raise AssertionError("the benchmark's Bot API serves no files")
        yield b""  # pragma: no cover - makes this an async generator

    # --- the people's side -------------------------------------------------------------

    def next_message_id(self) -> int:
        return next(self._ids)

    def messages(self, chat_id: int) -> list[Json]:
        return list(self.chats.get(chat_id, {}).values())

    def find_button(self, chat_id: int, data_prefix: str, nth: int = 0) -> tuple[Json, str]:
        """The newest message with a matching button, and that button's callback data."""
        for message in reversed(self.messages(chat_id)):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            found = [b["callback_data"] for row in rows for b in row]
            found = [data for data in found if data.startswith(data_prefix)]
            if found:
                return message, found[nth % len(found)]
        raise LookupError(f"chat {chat_id}: no button {data_prefix!r}")

    def has_button(self, chat_id: int, data_prefix: str) -> bool:
        try:
            self.find_button(chat_id, data_prefix)
        except LookupError:
            return False
        return True

    # --- the bot's side ----------------------------------------------------------------

    def _send(self, method: SendMessage) -> Json:
        chat_id = int(method.chat_id)
        message: Json = {
            "message_id": self.next_message_id(),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": self._bot_user,
            "text": method.text,
        }
        if isinstance(method.reply_markup, InlineKeyboardMarkup):
            message["reply_markup"] = method.reply_markup.model_dump(exclude_none=True)
        self.chats.setdefault(chat_id, {})[message["message_id"]] = message
        return message

    def _stored(self, chat_id: Any, message_id: int | None) -> Json:
        assert chat_id is not None and message_id is not None, "inline messages are not used"
        return self.chats[int(chat_id)][message_id]

    def _edit_text(self, method: EditMessageText) -> Json:
        message = self._stored(method.chat_id, method.message_id)
        message["text"] = method.text
        self._set_markup(message, method.reply_markup)
        return message

    def _edit_markup(self, method: EditMessageReplyMarkup) -> Json:
        message = self._stored(method.chat_id, method.message_id)
        self._set_markup(message, method.reply_markup)
        return message

    def _delete(self, method: DeleteMessage) -> bool:
        self.chats.get(int(method.chat_id), {}).pop(method.message_id, None)
        return True

    @staticmethod
    def _set_markup(message: Json, markup: InlineKeyboardMarkup | None) -> None:
        # Telegram drops the keyboard of an edited message unless the edit sends one.
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup.model_dump(exclude_none=True)


@dataclass
class Resident:
    """A person in a private chat: builds the updates Telegram would send for them."""

    uid: int
    telegram: FakeTelegram

    def _user(self) -> Json:
        return {"id": self.uid, "is_bot": False, "first_name": "Житель", "language_code": "ru"}

    def _message(self, **content: Any) -> Json:
        chat = {"id": self.uid, "type": "private", "first_name": "Житель"}
        head = {"message_id": self.telegram.next_message_id(), "date": int(time.time())}
        return {"message": head | {"chat": chat, "from": self._user(), **content}}

    def text(self, text: str) -> Json:
        if not text.startswith("/"):
            return self._message(text=text)
        entity = {"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}
        return self._message(text=text, entities=[entity])

    def media(self, kind: str) -> Json:
        file = {"file_id": f"{kind}-{self.uid}", "file_unique_id": f"u{self.uid}"}
        if kind == "photo":
            return self._message(photo=[file | {"width": 1280, "height": 960}])
        sticker = {"type": "regular", "width": 512, "height": 512, "is_video": False}
        return self._message(sticker=file | sticker | {"is_animated": False})

    def location(self, lat: float, lon: float) -> Json:
        return self._message(location={"latitude": lat, "longitude": lon})

    def press(self, data_prefix: str, nth: int = 0) -> Json:
        message, data = self.telegram.find_button(self.uid, data_prefix, nth)
        query = {"id": str(self.telegram.next_message_id()), "from": self._user()}
        query |= {"chat_instance": str(self.uid), "message": dict(message), "data": data}
        return {"callback_query": query}

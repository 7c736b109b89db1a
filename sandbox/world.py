"""The in-memory Telegram the stand-in serves: people, chats, messages, updates."""

from __future__ import annotations

import copy
import secrets
import time
from collections import deque
from typing import Any

from sandbox.events import EventBus, EventKind, WorldEvent
from sandbox.files import FileStore
from sandbox.model import (
    Account,
    CallbackAnswer,
    CallbackRecord,
    ChatAction,
    ChatRecord,
    ChatType,
    InlineQueryRecord,
    now,
)
from sandbox.updates import QueuedUpdate, UpdateQueue

FIRST_USER_ID = 700_000_001
FIRST_SUPERGROUP_ID = -1_002_000_000_001
MAX_CALLBACKS = 10_000
MAX_INLINE_QUERIES = 10_000


class World:
    """Everything the fake Telegram knows. Mutated by the server and by the driver."""

    def __init__(
        self,
        *,
        bot_id: int = 123456,
        bot_username: str = "mykazan_sandbox_bot",
        bot_name: str = "Мой Казань",
        privacy_mode: bool = True,
        first_update_id: int = 800_000_001,
        ack_timeout: float = 10.0,
    ) -> None:
        self.bot = Account(id=bot_id, first_name=bot_name, username=bot_username, is_bot=True)
        self.privacy_mode = privacy_mode
        self.ack_timeout = ack_timeout  # default wait of the driver for the bot's confirmation
        self.accounts: dict[int, Account] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.updates = UpdateQueue(first_update_id)
        self.events = EventBus()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.callback_answers: deque[CallbackAnswer] = deque(maxlen=1000)
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.chat_actions: deque[ChatAction] = deque(maxlen=1000)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self._seq = 0
        self._next_user_id = FIRST_USER_ID
        self._next_group_id = FIRST_SUPERGROUP_ID

    # --- people and chats ---------------------------------------------------------------

    def new_user_id(self) -> int:
        user_id = self._next_user_id
        self._next_user_id += 1
        return user_id

    def new_group_id(self) -> int:
        chat_id = self._next_group_id
        self._next_group_id -= 1
        return chat_id

    def add_account(self, account: Account) -> None:
        self.accounts[account.id] = account
        # The web chat lists people; a person added in one tab appears in the others.
        self.events.publish(WorldEvent(EventKind.PERSON_ADDED, account.id, self.next_seq(), now()))

    def account(self, user_id: int) -> Account:
        if user_id == self.bot.id:
            return self.bot
        return self.accounts[user_id]

    def private_chat(self, user_id: int) -> ChatRecord:
        chat = self.chats.get(user_id)
        if chat is None:
            account = self.accounts[user_id]
            chat = ChatRecord(
                id=user_id,
                type=ChatType.PRIVATE,
                first_name=account.first_name,
                last_name=account.last_name,
                username=account.username,
            )
            self.chats[user_id] = chat
        return chat

    def find_chat(self, ref: int | str) -> ChatRecord | None:
        """A chat by id or by "@username", as chat_id parameters name them."""
        if isinstance(ref, str) and ref.startswith("@"):
            name = ref[1:].lower()
            for chat in self.chats.values():
                if (chat.username or "").lower() == name:
                    return chat
            for account in self.accounts.values():
                if (account.username or "").lower() == name:
                    return self.private_chat(account.id)
            return None
        try:
            chat_id = int(ref)
        except ValueError:
            return None
        if chat_id in self.chats:
            return self.chats[chat_id]
        return self.private_chat(chat_id) if chat_id in self.accounts else None

    # --- messages ----------------------------------------------------------------------

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    @property
    def seq(self) -> int:
        return self._seq

    def post(
        self,
        chat: ChatRecord,
        sender: Account,
        content: dict[str, Any],
        *,
        reply_to: dict[str, Any] | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Store a new message and tell listeners; returns its Telegram JSON."""
        message: dict[str, Any] = {
            "message_id": chat.next_message_id(),
            "from": sender.as_user(),
            "chat": chat.as_chat(),
            "date": now(),
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if reply_to is not None:
            nested = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
            message["reply_to_message"] = copy.deepcopy(nested)
        message.update(content)
        chat.messages[message["message_id"]] = message
        kind = EventKind.MESSAGE_SENT if sender.is_bot else EventKind.MESSAGE_RECEIVED
        self._changed(chat, message, kind, bot_message=sender.is_bot)
        return message

    def replace(self, chat: ChatRecord, message: dict[str, Any]) -> dict[str, Any]:
        """Store an edited version of a message (edit_date set here)."""
        message["edit_date"] = max(now(), message["date"])
        chat.messages[message["message_id"]] = message
        self._changed(chat, message, EventKind.MESSAGE_EDITED, bot_message=True)
        return message

    def delete(self, chat: ChatRecord, message_id: int) -> None:
        message = chat.messages.pop(message_id)
        chat.deleted[message_id] = message
        chat.touched.pop(message_id, None)
        self.events.publish(
            WorldEvent(EventKind.MESSAGE_DELETED, chat.id, self.next_seq(), now(), message_id)
        )

    def _changed(
        self, chat: ChatRecord, message: dict[str, Any], kind: EventKind, *, bot_message: bool
    ) -> None:
        seq = self.next_seq()
        if bot_message:
            chat.touched[message["message_id"]] = seq
        self.events.publish(
            WorldEvent(kind, chat.id, seq, now(), message["message_id"], copy.deepcopy(message))
        )

    def bot_receives(self, chat: ChatRecord, message: dict[str, Any]) -> bool:
        """Group privacy mode: without admin rights the bot sees commands and replies only."""
        if chat.is_private or not self.privacy_mode or chat.bot_is_admin:
            return True
        text = message.get("text") or message.get("caption") or ""
        replied = message.get("reply_to_message", {}).get("from", {}).get("id")
        return (
            text.startswith("/")
            or replied == self.bot.id
            or f"@{self.bot.username}".lower() in text.lower()
        )

    # --- callbacks, actions, updates ---------------------------------------------------

    def new_callback(
        self, user: Account, chat: ChatRecord, message_id: int, data: str
    ) -> CallbackRecord:
        query_id = str(secrets.randbits(62))
        record = CallbackRecord(query_id, user.id, chat.id, message_id, data, time.monotonic())
        self.callbacks[query_id] = record
        if len(self.callbacks) > MAX_CALLBACKS:  # answering is only possible for seconds anyway
            del self.callbacks[next(iter(self.callbacks))]
        return record

    def new_inline_query(
        self, user: Account, query: str, offset: str, chat_type: str | None
    ) -> InlineQueryRecord:
        query_id = str(secrets.randbits(62))
        record = InlineQueryRecord(query_id, user.id, query, offset, chat_type, time.monotonic())
        self.inline_queries[query_id] = record
        if len(self.inline_queries) > MAX_INLINE_QUERIES:  # answerable for seconds only
            del self.inline_queries[next(iter(self.inline_queries))]
        return record

    def record_answer(self, answer: CallbackAnswer, chat_id: int) -> None:
        self.callback_answers.append(answer)
        payload = {
            "text": answer.text,
            "show_alert": answer.show_alert,
            "url": answer.url,
            "user_id": answer.user_id,  # only the person who pressed sees the toast
            "query_id": answer.query_id,
        }
        self.events.publish(
            WorldEvent(
                EventKind.CALLBACK_ANSWERED, chat_id, self.next_seq(), answer.at, None, payload
            )
        )

    def record_action(self, action: ChatAction) -> None:
        self.chat_actions.append(action)
        payload = {"action": action.action}
        self.events.publish(
            WorldEvent(
                EventKind.CHAT_ACTION, action.chat_id, self.next_seq(), action.at, None, payload
            )
        )

    def push_update(self, kind: str, payload: dict[str, Any]) -> QueuedUpdate:
        return self.updates.push(kind, copy.deepcopy(payload))

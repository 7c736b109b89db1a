"""Reading a chat as a test does: the bot's replies, waiting for them, acknowledgements."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

from sandbox.model import ChatRecord
from sandbox.updates import QueuedUpdate
from sandbox.views import SentMessage, bot_messages, touched_after
from sandbox.world import World

Predicate = Callable[[SentMessage], bool]


class UpdateDropped(RuntimeError):
    """The update never reached the bot (allowed_updates, drop_pending_updates)."""


class NoReply(AssertionError):
    """The bot has not written what the test expected."""


async def wait_acknowledged(queued: Iterable[QueuedUpdate], what: str, timeout: float) -> None:
    updates = list(queued)
    try:
        async with asyncio.timeout(timeout):
            for update in updates:
                await update.acknowledged.wait()
    except TimeoutError:
        ids = ", ".join(str(u.update_id) for u in updates if not u.acknowledged.is_set())
        raise TimeoutError(
            f"the bot did not acknowledge update {ids} ({what}) within {timeout} s: a polling "
            "bot confirms by calling getUpdates with a higher offset, a webhook by answering 2xx"
        ) from None
    dropped = [str(u.update_id) for u in updates if u.dropped]
    if dropped:
        raise UpdateDropped(
            f"update {', '.join(dropped)} ({what}) was dropped before the bot got it"
        )


class ChatReader:
    """Reading the bot's side of one chat; shared by people and groups."""

    world: World

    _cursors: dict[int, int]

    def _chat(self, chat: Group | None) -> ChatRecord:
        raise NotImplementedError

    def replies(self, chat: Group | None = None) -> list[SentMessage]:
        """Every bot message in the chat, oldest first (deleted ones excluded)."""
        return bot_messages(self.world, self._chat(chat))

    def last_reply(self, chat: Group | None = None) -> SentMessage:
        """The bot message sent or edited last in the chat."""
        record = self._chat(chat)
        touched = touched_after(self.world, record, 0)
        if not touched:
            raise NoReply(f"the bot has not written in chat {record.id}")
        return touched[-1][1]

    async def wait_for_reply(
        self,
        predicate: Predicate | None = None,
        timeout: float = 5.0,
        *,
        chat: Group | None = None,
    ) -> SentMessage:
        """The first bot message sent or edited after the last thing read or done here."""
        record = self._chat(chat)
        async with self.world.events.stream() as events, asyncio.timeout(timeout):
            while True:
                for seq, message in touched_after(self.world, record, self._cursor(record)):
                    if predicate is None or predicate(message):
                        self._cursors[record.id] = seq
                        return message
                await events.get()

    def _cursor(self, chat: ChatRecord) -> int:
        return self._cursors.get(chat.id, 0)


class Group(ChatReader):
    """A supergroup handle: membership and the bot's messages there."""

    def __init__(self, world: World, chat: ChatRecord) -> None:
        self.world = world
        self.chat = chat
        self._cursors = {}

    def __repr__(self) -> str:
        return f"<Group {self.chat.id} {self.chat.title}>"

    @property
    def id(self) -> int:
        return self.chat.id

    def _chat(self, chat: Group | None) -> ChatRecord:
        return self.chat

    def messages(self) -> list[SentMessage]:
        return [SentMessage(self.world, self.chat, mid) for mid in self.chat.messages]

    def delete(self, message: SentMessage) -> None:
        """A member deletes the message by hand: editing it then fails as on Telegram
        ("message to edit not found")."""
        self.world.delete(self.chat, message.message_id)

    @property
    def topics(self) -> dict[int, dict[str, Any]]:
        return dict(self.chat.topics)

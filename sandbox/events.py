"""Observer for world changes, so a web chat (or a test) can follow the conversation."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

logger = logging.getLogger(__name__)


class EventKind(StrEnum):
    MESSAGE_SENT = "message_sent"  # the bot sent a message
    MESSAGE_RECEIVED = "message_received"  # a person sent a message
    MESSAGE_EDITED = "message_edited"
    MESSAGE_DELETED = "message_deleted"
    CALLBACK_ANSWERED = "callback_answered"
    CHAT_ACTION = "chat_action"
    PERSON_ADDED = "person_added"  # chat_id is the new person's id (their private chat)


@dataclass(frozen=True, slots=True)
class WorldEvent:
    kind: EventKind
    chat_id: int
    seq: int
    at: int
    message_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[WorldEvent], Awaitable[None] | None]


class EventBus:
    """Sync or async callbacks plus bounded per-subscriber queues."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._queues: list[asyncio.Queue[WorldEvent]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` for every event; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @contextlib.asynccontextmanager
    async def stream(self, max_queue: int = 1000) -> AsyncIterator[asyncio.Queue[WorldEvent]]:
        """``async with bus.stream() as queue: event = await queue.get()``."""
        queue: asyncio.Queue[WorldEvent] = asyncio.Queue(max_queue)
        self._queues.append(queue)
        try:
            yield queue
        finally:
            self._queues.remove(queue)

    def publish(self, event: WorldEvent) -> None:
        for listener in list(self._listeners):
            try:
                result = listener(event)
            except Exception:
                logger.exception("world event listener failed on %s", event.kind)
                continue
            if inspect.isawaitable(result):
                task = asyncio.ensure_future(result)
                self._tasks.add(task)
                task.add_done_callback(self._finished)
        for queue in self._queues:
            if queue.full():  # a slow reader loses the oldest events, not the newest
                queue.get_nowait()
            queue.put_nowait(event)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("async world event listener failed", exc_info=task.exception())

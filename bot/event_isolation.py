"""One update at a time per conversation, in one process, without a lock kept for every chat.

aiogram's `SimpleEventIsolation` keeps an `asyncio.Lock` per storage key (bot, chat, user,
thread, destiny) in a dict it never prunes ("TODO: Unused locks cleaner is needed"): every
resident who ever wrote adds one for the life of the process, ~1 KB each, which a memory soak
showed as RSS growing without end (issue 16). Here a key's lock lives only while an update of
that conversation holds it or waits for it, so the table is as large as the updates in flight.
"""

from asyncio import Lock
from collections.abc import AsyncGenerator, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey


@dataclass(slots=True)
class _Held:
    lock: Lock = field(default_factory=Lock)
    users: int = 0  # the holder and the waiters


class EvictingEventIsolation(BaseEventIsolation):
    def __init__(self) -> None:
        self._held: dict[Hashable, _Held] = {}

    def __len__(self) -> int:
        """Conversations with an update in hand or waiting: bounded by the updates in flight."""
        return len(self._held)

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = _Held()
        held.users += 1
        try:
            async with held.lock:
                yield
        finally:
            held.users -= 1
            if held.users == 0:  # nobody holds or waits: the next update makes a new one
                del self._held[key]

    async def close(self) -> None:
        self._held.clear()

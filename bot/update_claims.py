"""Claims of updates that changed nothing, written together, off the updates' own path.

An update that changed nothing (a sticker, /help, a stale button) has nothing to commit, yet
its claim is what keeps a replay after a crash from answering twice. Writing that claim in its
own transaction would double such an update's cost, so the claims are collected here and one
writer inserts all that arrived meanwhile with one statement: a group commit. While a claim
waits in memory, this process's own 'seen' check sees it; should the process die in that
instant (milliseconds, like the instant between a reply and a commit), the replay answers again.
"""

import asyncio
import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)
MAX_WAITING = 100_000  # beyond this (the database down for long) the oldest are forgotten


class UpdateClaims:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._factory = session_factory
        self._clock = clock
        self._waiting: dict[int, datetime] = {}
        self._writing: dict[int, datetime] = {}
        self._writer: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._waiting) + len(self._writing)

    def __contains__(self, update_id: int) -> bool:
        return update_id in self._waiting or update_id in self._writing

    def add(self, update_id: int) -> None:
        self._waiting[update_id] = self._clock.now()
        if len(self._waiting) > MAX_WAITING:
            del self._waiting[next(iter(self._waiting))]
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_while_waiting())

    async def drain(self) -> None:
        """Until what was added so far is written (or failed): when the process stops."""
        if self._writer is not None:
            await self._writer
        if self._waiting:
            await self._write_while_waiting()

    async def _write_while_waiting(self) -> None:
        while self._waiting:
            self._writing, self._waiting = self._waiting, {}
            try:
                async with SqlUnitOfWork(self._factory, self._clock) as uow:
                    await uow.updates.claim_all(self._writing)
                    await uow.commit()
            except Exception:
                # Kept for the next try; meanwhile this process's own check still sees them.
                logger.warning(
                    "%d update claims not written yet", len(self._writing), exc_info=True
                )
                self._waiting = self._writing | self._waiting
                self._writing = {}
                return
            self._writing = {}

"""The fan-out worker: turns published changes into outbox rows, batch by batch.

It runs beside the outbox dispatcher in every bot process. On PostgreSQL several workers
share the jobs (a job being written is locked, the others skip it); on SQLite there is one
writer anyway. Woken right after a commit that added a job, otherwise it looks every
`poll_interval` seconds (jobs added by another process or the admin API).
"""

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.services.fanout import BATCH_SIZE, fan_out_batch
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)


class FanoutWorker:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        batch_size: int = BATCH_SIZE,
        poll_interval: float = 2.0,
        outbox_wake: asyncio.Event | None = None,
    ) -> None:
        self._factory = session_factory
        self._clock = clock
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._outbox_wake = outbox_wake

    async def drain_once(self) -> int:
        """Write every open job's rows; returns how many rows were new."""
        written = 0
        while True:
            async with SqlUnitOfWork(self._factory, self._clock) as uow:
                batch = await fan_out_batch(uow, self._clock, self._batch_size)
            if batch is None:
                return written
            written += batch
            if batch and self._outbox_wake is not None:
                self._outbox_wake.set()  # the dispatcher starts on the first batch

    async def run(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        while not stop.is_set():
            wake.clear()
            try:
                written = await self.drain_once()
                if written:
                    logger.info("fan-out wrote %d notifications", written)
            except Exception:
                logger.exception("fan-out pass failed; next try in %s s", self._poll_interval)
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())]
            try:
                await asyncio.wait(
                    waiters, timeout=self._poll_interval, return_when=asyncio.FIRST_COMPLETED
                )
            finally:
                for waiter in waiters:
                    waiter.cancel()

"""Dead dispatchers' claims are taken over within seconds, not after their lease.

A pass leases its rows for `lease` (60 s): long enough for any send, so that a live but slow
dispatcher never has its rows sent twice. A dispatcher killed mid-broadcast used to leave its
claimed rows waiting out that whole lease — for an emergency, a minute of silence.

Each dispatcher process has a worker id; its claims carry the id, and while it runs it beats
(a row in outbox_workers with the time) every `every` seconds. Each beat also looks for
workers whose beat is older than `dead_after`: their pending claims are made due at once and
they are forgotten. A restarted process (or a live peer) therefore takes a dead worker's rows
over about `dead_after` seconds after its last beat. Only the messages in flight at the kill
can go out twice, as before; a worker stalled for longer than `dead_after` (its event loop
blocked) may see some of its rows sent by another — the same bound, once more at most.
"""

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from domain.clock import Clock
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    return uuid.uuid4().hex


class Heartbeat:
    def __init__(
        self,
        uow: Callable[[], SqlUnitOfWork],
        clock: Clock,
        worker: str,
        *,
        every: float = 1.0,
        dead_after: float = 5.0,
    ) -> None:
        if dead_after <= 2 * every:
            raise ValueError("a worker must miss more than two beats to be taken for dead")
        self._uow = uow
        self._clock = clock
        self.worker = worker
        self._every = every
        self._dead_after = timedelta(seconds=dead_after)

    async def run(self, stop: asyncio.Event, wake: asyncio.Event | None = None) -> None:
        """Beat until `stop`; set `wake` when rows were released (they are due now)."""
        while not stop.is_set():
            try:
                if await self.beat() and wake is not None:
                    wake.set()
            except Exception:  # a busy or lost database: the next beat tries again
                logger.warning("outbox heartbeat failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._every)

    async def beat(self) -> int:
        """One beat: alive now, and release the dead's claims. Returns the rows released."""
        now = self._clock.now()
        async with self._uow() as uow:
            await uow.outbox.beat(self.worker, now)
            released = await uow.outbox.release_dead(now, now - self._dead_after, self.worker)
            await uow.commit()
        if released:
            logger.info("took over %d notifications claimed by a dispatcher gone silent", released)
        return released

    async def stop(self) -> None:
        """A clean stop beats no more; its rows were settled by the pass that claimed them."""
        try:
            async with self._uow() as uow:
                await uow.outbox.forget_workers([self.worker])
                await uow.commit()
        except Exception:  # left behind, it is taken for dead and forgotten by a peer
            logger.warning("could not sign the outbox worker off", exc_info=True)

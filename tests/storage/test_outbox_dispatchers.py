"""Several dispatchers draining one outbox: every row sent once, each chat in order.

The messenger is a fake `Sender` (the port's other side); the database is real, so on
PostgreSQL this is the SKIP LOCKED path and on SQLite the single-writer one.
"""

import asyncio
import random
from collections import defaultdict
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import SystemClock
from domain.notifications import Notification, TemporaryFailure
from scheduler.outbox import OutboxDispatcher
from scheduler.pacing import Limits, RateLimiter, RetryPolicy
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork

UNLIMITED = Limits(per_chat_per_second=1000, per_chat_burst=100, overall_per_second=10_000)


class FakeTelegram:
    """Records what it was given in `chats` (shared by the dispatchers' fakes); now and
    then a send fails like a 502."""

    def __init__(self, chats: dict[int, list[str]], seed: int) -> None:
        self.chats = chats
        self.sent = 0
        self._rng = random.Random(seed)

    async def send(self, notification: Notification) -> int:
        await asyncio.sleep(self._rng.uniform(0, 0.003))
        if self._rng.random() < 0.1:
            raise TemporaryFailure("Bad Gateway")
        self.chats[notification.chat_id].append(notification.key)
        self.sent += 1
        return self.sent


async def pending(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with SqlUnitOfWork(session_factory) as uow:
        query = select(func.count()).where(OutboxRow.status == "pending")
        return int(await uow.session.scalar(query) or 0)


async def test_two_dispatchers_send_every_row_once_and_in_order(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = SystemClock()
    expected = {chat: [f"{chat}:{i}" for i in range(4)] for chat in range(1000, 1040)}
    async with SqlUnitOfWork(session_factory) as uow:
        for i in range(4):  # interleaved, as changes to many requests would come in
            for chat, keys in expected.items():
                await uow.outbox.add(
                    Notification(keys[i], chat, "test", {"text": "x"}, clock.now())
                )
        await uow.commit()
    chats: dict[int, list[str]] = defaultdict(list)
    fakes = [FakeTelegram(chats, seed) for seed in (1, 2)]
    stop = asyncio.Event()
    dispatchers = [
        OutboxDispatcher(
            session_factory,
            fake,
            clock,
            RateLimiter(UNLIMITED),
            batch_size=15,
            lease=timedelta(seconds=5),
            send_timeout=1.0,
            poll_interval=0.02,
            retry=RetryPolicy(max_attempts=50, first_delay=0.001, max_delay=0.01),
            rng=random.Random(seed),
        )
        for seed, fake in enumerate(fakes)
    ]
    tasks = [asyncio.create_task(d.run(stop)) for d in dispatchers]
    try:
        async with asyncio.timeout(20):
            while await pending(session_factory):
                await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    assert dict(chats) == expected
    assert all(fake.sent > 0 for fake in fakes)  # both took a share

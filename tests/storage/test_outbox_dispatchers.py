"""Several dispatchers draining one outbox: every row sent once, each chat in order.

The messenger is a fake `Sender` (the port's other side); the database is real, so on
PostgreSQL this is the SKIP LOCKED path and on SQLite the single-writer one.
"""

import asyncio
import os
import random
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.clock import SystemClock
from domain.notifications import Notification, TemporaryFailure
from scheduler.limiter import OverallLimit
from scheduler.outbox import OutboxDispatcher
from scheduler.pacing import Limits, RateLimiter, RetryPolicy
from scheduler.redis_limiter import RedisOverallLimit
from storage.engine import create_engine, create_session_factory
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
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        query = select(func.count()).where(OutboxRow.status == "pending")
        return int(await uow.session.scalar(query) or 0)


async def test_two_dispatchers_send_every_row_once_and_in_order(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    clock = SystemClock()
    expected = {chat: [f"{chat}:{i}" for i in range(4)] for chat in range(1000, 1040)}
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
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


def dispatcher_on(
    session_factory: async_sessionmaker[AsyncSession],
    sender: FakeTelegram,
    seed: int,
    limits: Limits = UNLIMITED,
    overall: OverallLimit | None = None,
) -> OutboxDispatcher:
    return OutboxDispatcher(
        session_factory,
        sender,
        SystemClock(),
        RateLimiter(limits),
        batch_size=15,
        lease=timedelta(seconds=5),
        send_timeout=1.0,
        poll_interval=0.02,
        retry=RetryPolicy(max_attempts=50, first_delay=0.001, max_delay=0.01),
        rng=random.Random(seed),
        overall=overall,
    )


async def add_broadcast(session_factory: async_sessionmaker[AsyncSession], count: int) -> None:
    clock = SystemClock()
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        for chat in range(5000, 5000 + count):
            await uow.outbox.add(Notification(f"alert:{chat}", chat, "test", {}, clock.now()))
        await uow.commit()


async def drain_with(
    dispatchers: Sequence[OutboxDispatcher], session_factory: async_sessionmaker[AsyncSession]
) -> float:
    """Run them all until nothing is pending; the seconds it took."""
    stop, started = asyncio.Event(), time.monotonic()
    tasks = [asyncio.create_task(d.run(stop)) for d in dispatchers]
    try:
        async with asyncio.timeout(30):
            while await pending(session_factory):
                await asyncio.sleep(0.02)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    return time.monotonic() - started


@pytest.fixture
async def three_processes(
    engine: AsyncEngine, db_url: str
) -> AsyncIterator[list[async_sessionmaker[AsyncSession]]]:
    """Three session factories on engines of their own: three processes' connection pools."""
    if engine.dialect.name != "postgresql":
        pytest.skip("on SQLite one dispatcher process works the outbox")
    async with AsyncExitStack() as stack:
        engines = [create_engine(db_url) for _ in range(3)]
        for other in engines:
            stack.push_async_callback(other.dispose)
        yield [create_session_factory(other) for other in engines]


async def test_three_processes_on_postgres_send_every_row_exactly_once(
    session_factory: async_sessionmaker[AsyncSession],
    three_processes: list[async_sessionmaker[AsyncSession]],
) -> None:
    await add_broadcast(session_factory, 600)
    chats: dict[int, list[str]] = defaultdict(list)
    fakes = [FakeTelegram(chats, seed) for seed in range(3)]
    dispatchers = [
        dispatcher_on(factory, fake, seed)
        for seed, (factory, fake) in enumerate(zip(three_processes, fakes, strict=True))
    ]
    await drain_with(dispatchers, session_factory)
    assert {chat: keys for chat, keys in chats.items()} == {
        chat: [f"alert:{chat}"] for chat in range(5000, 5600)
    }
    assert all(fake.sent > 0 for fake in fakes)


@pytest.mark.redis
async def test_processes_sharing_the_overall_limit_through_redis_keep_to_it_together(
    session_factory: async_sessionmaker[AsyncSession],
    three_processes: list[async_sessionmaker[AsyncSession]],
) -> None:
    """100 a second for the bot: three processes together take about 2 s for 200 rows,
    where each on a limit of its own would take 0.7 s."""
    await add_broadcast(session_factory, 200)
    limits = Limits(per_chat_per_second=1000, per_chat_burst=100, overall_per_second=100)
    key = f"test:outbox:overall:{uuid.uuid4().hex}"
    url = os.environ["TEST_REDIS_URL"]
    chats: dict[int, list[str]] = defaultdict(list)
    fakes = [FakeTelegram(chats, seed) for seed in range(3)]
    overalls = [RedisOverallLimit.from_url(url, key, limits) for _ in three_processes]
    dispatchers = [
        dispatcher_on(factory, fake, seed, limits, overall)
        for seed, (factory, fake, overall) in enumerate(
            zip(three_processes, fakes, overalls, strict=True)
        )
    ]
    try:
        elapsed = await drain_with(dispatchers, session_factory)
    finally:  # a given limit belongs to its giver (the application, in the bot)
        for overall in overalls:
            await overall.aclose()
    assert all(len(keys) == 1 for keys in chats.values()) and len(chats) == 200
    assert elapsed >= (200 - limits.overall_burst) / 100 * 0.95

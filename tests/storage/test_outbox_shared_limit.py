"""The overall limit shared through Redis: one line of slots for every process."""

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from scheduler.pacing import Limits
from scheduler.redis_limiter import RedisOverallLimit

pytestmark = pytest.mark.redis

LIMITS = Limits(overall_per_second=30, overall_burst=5)
SLACK = 0.05  # seconds of Redis's clock that pass while a test runs its calls


@pytest.fixture
async def key() -> AsyncIterator[str]:
    """A key of its own per test, removed afterwards."""
    key = f"test:outbox:overall:{uuid.uuid4().hex}"
    yield key
    client = Redis.from_url(os.environ["TEST_REDIS_URL"])
    try:
        await client.delete(key)
    finally:
        await client.aclose()


@pytest.fixture
async def two_processes(key: str) -> AsyncIterator[tuple[RedisOverallLimit, RedisOverallLimit]]:
    """Two limits with their own connections, as two dispatcher processes would have."""
    url = os.environ["TEST_REDIS_URL"]
    first = RedisOverallLimit.from_url(url, key, LIMITS)
    second = RedisOverallLimit.from_url(url, key, LIMITS)
    try:
        yield first, second
    finally:
        await first.aclose()
        await second.aclose()


async def test_two_processes_share_thirty_a_second(
    two_processes: tuple[RedisOverallLimit, RedisOverallLimit],
) -> None:
    first, second = two_processes
    assert await first.room(1.0) == 35  # a burst of 5 plus 30 in the second
    started = time.monotonic()
    waits = await asyncio.gather(
        *(limit.take(max_wait=10.0) for _ in range(33) for limit in (first, second))
    )
    # The last booking's wait is counted from its own moment: on a busy machine the 66 calls
    # take a while, and the wait is that much shorter (the slot itself does not move).
    elapsed = time.monotonic() - started
    booked = sorted(wait for wait in waits if wait is not None)
    assert len(booked) == 66
    assert sum(1 for wait in booked if wait == 0.0) <= 5 + 1  # the burst, not one per process
    last_slot = (66 - 5) / 30  # not half of it
    assert last_slot - elapsed - SLACK <= booked[-1] <= last_slot + SLACK
    assert await second.room(0.5) == 0


async def test_a_slot_too_far_off_is_refused_and_not_booked(
    two_processes: tuple[RedisOverallLimit, RedisOverallLimit],
) -> None:
    first, second = two_processes
    for _ in range(5):
        assert await first.take(max_wait=0.0) == pytest.approx(0.0, abs=SLACK)
    assert await second.take(max_wait=0.0) is None
    wait = await second.take(max_wait=1.0)
    assert wait == pytest.approx(1 / 30, abs=SLACK)  # the refusal booked nothing


async def test_a_429_in_one_process_pauses_the_other(
    two_processes: tuple[RedisOverallLimit, RedisOverallLimit], key: str
) -> None:
    first, second = two_processes
    await first.pause(3.0)
    assert await second.delay() == pytest.approx(3.0, abs=SLACK)
    assert await second.room(1.0) == 0
    assert await second.take(max_wait=1.0) is None
    client = Redis.from_url(os.environ["TEST_REDIS_URL"])
    try:
        assert 3000 < await client.pttl(key) <= 3000 + 167 + 1000  # forgotten once idle
    finally:
        await client.aclose()

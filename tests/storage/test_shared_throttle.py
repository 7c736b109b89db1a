"""The per-person throttle kept in Redis: a flood spread over processes is one flood."""

import os
import uuid
from collections.abc import AsyncIterator

import pytest

from scheduler.redis_limiter import RedisKeyedLimit

pytestmark = pytest.mark.redis
ANNA, BORIS = 1001, 1002


@pytest.fixture
async def two_processes() -> AsyncIterator[tuple[RedisKeyedLimit, RedisKeyedLimit]]:
    """Two throttles with their own connections on one prefix, as two bot processes."""
    url, prefix = os.environ["TEST_REDIS_URL"], f"test:throttle:{uuid.uuid4().hex}"
    # One update a minute after a burst of 3: nothing refills while the test runs.
    first = RedisKeyedLimit.from_url(url, prefix, 1 / 60, 3)
    second = RedisKeyedLimit.from_url(url, prefix, 1 / 60, 3)
    try:
        yield first, second
    finally:
        await first.aclose()
        await second.aclose()


async def test_the_burst_is_shared_between_processes(
    two_processes: tuple[RedisKeyedLimit, RedisKeyedLimit],
) -> None:
    first, second = two_processes
    allowed = [await limit.allow(ANNA) for limit in (first, second, first, second)]
    assert allowed == [True, True, True, False]
    assert not await first.allow(ANNA)  # a refusal books nothing, and nothing more passes
    assert await second.allow(BORIS)  # another person is not slowed

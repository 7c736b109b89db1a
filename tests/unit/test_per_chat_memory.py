"""What a process keeps per chat or person stays bounded however many residents come by (issue
16: a memory soak grew with each new resident): the per-conversation isolation of a process
without Redis (one update at a time per chat) and the throttle's buckets."""

import asyncio
import gc

from aiogram.fsm.storage.base import StorageKey
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.app import create_fsm
from bot.event_isolation import EvictingEventIsolation
from bot.middlewares import FORGET_FULL_EVERY, ThrottleMiddleware
from bot.settings import Settings

BOT_ID = 42


def key(chat_id: int) -> StorageKey:
    return StorageKey(bot_id=BOT_ID, chat_id=chat_id, user_id=chat_id)


def live_locks() -> int:
    gc.collect()
    return sum(isinstance(thing, asyncio.Lock) for thing in gc.get_objects())


async def test_the_isolation_the_bot_builds_keeps_nothing_for_chats_gone_quiet() -> None:
    settings = Settings(_env_file=None, redis_url=None)
    _, isolation = create_fsm(settings, async_sessionmaker())  # no database is touched
    before = live_locks()
    for chat_id in range(1, 2001):  # two thousand residents write once each
        async with isolation.lock(key(chat_id)):
            pass

    assert live_locks() - before < 10


async def test_updates_of_one_chat_take_turns_other_chats_do_not_wait() -> None:
    isolation = EvictingEventIsolation()
    order: list[str] = []
    first_inside, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with isolation.lock(key(1)):
            order.append("first in")
            first_inside.set()
            await release.wait()
            order.append("first out")

    async def second_of_the_same_chat() -> None:
        async with isolation.lock(key(1)):
            order.append("second in")

    holder = asyncio.create_task(first())
    await first_inside.wait()
    waiter = asyncio.create_task(second_of_the_same_chat())
    async with isolation.lock(key(2)):  # another chat goes through meanwhile
        order.append("other chat")
    await asyncio.sleep(0)
    assert len(isolation) == 1  # chat 1's lock: held, and awaited
    release.set()
    await asyncio.gather(holder, waiter)

    assert order == ["first in", "other chat", "first out", "second in"]
    assert len(isolation) == 0


async def test_a_waiter_cancelled_leaves_no_lock_behind() -> None:
    isolation = EvictingEventIsolation()
    inside, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with isolation.lock(key(7)):
            inside.set()
            await release.wait()

    async def waiter() -> None:
        async with isolation.lock(key(7)):
            raise AssertionError("a cancelled waiter never gets in")

    held = asyncio.create_task(holder())
    await inside.wait()
    waiting = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    release.set()
    await held

    assert len(isolation) == 0
    async with isolation.lock(key(7)):  # and the chat is not stuck
        pass


def test_the_throttle_forgets_people_whose_bucket_refilled() -> None:
    throttle = ThrottleMiddleware(rate=5.0, burst=20)
    now = 1000.0
    for user_id in range(1, 10 * FORGET_FULL_EVERY + 1):  # one update each, 100 a second
        assert throttle.allow(user_id, now)
        now += 0.01

    # A bucket one token short refills in 0.2 s: only the last ~20 people are remembered.
    assert len(throttle) < FORGET_FULL_EVERY


def test_the_throttle_still_stops_a_flood_across_a_sweep() -> None:
    throttle = ThrottleMiddleware(rate=1.0, burst=3)
    now = 1000.0
    allowed = [throttle.allow(1, now) for _ in range(5)]
    for user_id in range(2, FORGET_FULL_EVERY + 2):  # a sweep happens meanwhile
        throttle.allow(user_id, now)

    assert allowed == [True, True, True, False, False]
    assert not throttle.allow(1, now)  # the flooder's empty bucket was kept

"""Two processes of the bot keep Telegram's overall pace together, replies and notices alike.

One process answers residents (its replies paced by bot/reply_pacing.py), the other sends a
broadcast from the outbox; both draw from one overall budget in Redis. The stand-in enforces
Telegram's 30 messages a second: together they never meet a 429, and everyone is reached.
"""

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.notifier import TelegramSender
from bot.reply_pacing import TelegramPace
from domain.clock import StartedClock, SystemClock
from domain.notifications import Notification
from sandbox.pacing import Pacing
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig
from scheduler.outbox import OutboxDispatcher
from storage.engine import create_engine, create_session_factory
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import START, RunningBot, copy_template, settings_for, sqlite_url
from tests.e2e.waiting import eventually

pytestmark = pytest.mark.redis
ASKING, TOLD = 40, 120


@pytest.fixture
def redis_url() -> str:
    return os.environ["TEST_REDIS_URL"]


@pytest.fixture
async def paced_stand_in() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(config=StandInConfig(pacing=Pacing(enabled=True))) as stand_in:
        yield stand_in


async def test_replies_and_a_broadcast_from_two_processes_share_thirty_a_second(
    paced_stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, redis_url: str
) -> None:
    stand_in = paced_stand_in
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    clock = StartedClock(START)
    asking = [add_person(stand_in.world, first_name=f"Спрашивает {i}") for i in range(ASKING)]
    told = [add_person(stand_in.world, first_name=f"Узнаёт {i}") for i in range(TOLD)]
    answering = RunningBot(settings_for(stand_in, database, redis_url=redis_url), clock)
    engine = create_engine(sqlite_url(database))
    factory = create_session_factory(engine)
    async with SqlUnitOfWork(factory, SystemClock()) as uow:
        for n, person in enumerate(told):
            await uow.outbox.add(
                Notification(f"b{n}", person.id, "test", {"text": "Отключение воды"}, clock.now())
            )
        await uow.commit()
    api = TelegramAPIServer.from_base(stand_in.base_url)
    broadcasting = Bot(stand_in.token, session=AiohttpSession(api=api))
    pace = TelegramPace.create(broadcasting.id, redis_url)  # the other process's own view
    dispatcher = OutboxDispatcher(
        factory,
        TelegramSender(broadcasting),
        clock,
        pace.limiter,
        overall=pace.overall,
        lease=timedelta(seconds=60),
    )
    stop = asyncio.Event()
    try:
        await answering.start(outbox=False)
        sending = asyncio.create_task(dispatcher.run(stop))
        for person in asking:
            await person.send("/help", wait=False)

        def everyone_heard() -> bool:
            return all(p.replies() for p in asking) and all(p.replies() for p in told)

        await eventually(everyone_heard, timeout=30)
    finally:
        stop.set()
        await answering.stop()
        await sending
        await pace.aclose()
        await broadcasting.session.close()
        await engine.dispose()
    assert [p.account.first_name for p in asking + told if not p.replies()] == []
    floods = [call for call in stand_in.calls if "Too Many" in (call.error or "")]
    assert floods == []

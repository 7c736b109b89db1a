"""Benchmark of the outbox dispatcher against the Bot API stand-in (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_outbox.py [--notifications 2000] [--chats 500]
     [--latency-rounds 20]

Prints (1) throughput for N notifications to M private chats with the stand-in's pacing on
(Telegram's 429s), against the theoretical 30 messages/s, with the 429s met and any message
delivered twice; (2) the latency from the commit of one notification to its delivery, with
the wake-up event and with polling alone.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sandbox.people import add_person

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiogram import Bot  # noqa: E402
from aiogram.client.default import DefaultBotProperties  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from aiogram.enums import ParseMode  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker  # noqa: E402

from bot.notifier import TelegramSender  # noqa: E402
from domain.clock import SystemClock  # noqa: E402
from domain.notifications import Notification  # noqa: E402
from sandbox import BotApiStandIn, Pacing, StandInConfig  # noqa: E402
from sandbox.events import EventKind, WorldEvent  # noqa: E402
from scheduler.outbox import OutboxDispatcher  # noqa: E402
from scheduler.pacing import Limits, RateLimiter  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import OutboxRow  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

CLOCK = SystemClock()


class Stage:
    """The stand-in (pacing on), a migrated SQLite outbox and a Bot pointed at the stand-in."""

    def __init__(
        self, stand_in: BotApiStandIn, factory: async_sessionmaker[AsyncSession], bot: Bot
    ) -> None:
        self.stand_in = stand_in
        self.factory = factory
        self.bot = bot
        self.delivered: dict[str, float] = {}  # text -> monotonic time it arrived
        self.arrivals: Counter[str] = Counter()
        stand_in.world.events.subscribe(self._on_event)

    def _on_event(self, event: WorldEvent) -> None:
        if event.kind is EventKind.MESSAGE_SENT:
            text = str(event.payload.get("text", ""))
            self.delivered.setdefault(text, time.monotonic())
            self.arrivals[text] += 1

    def dispatcher(self, **options: Any) -> OutboxDispatcher:
        sender, limiter = TelegramSender(self.bot), RateLimiter(Limits())
        return OutboxDispatcher(self.factory, sender, CLOCK, limiter, **options)

    async def add(self, notifications: list[Notification]) -> None:
        async with SqlUnitOfWork(self.factory, SystemClock()) as uow:
            for notification in notifications:
                await uow.outbox.add(notification)
            await uow.commit()

    async def pending(self) -> int:
        async with SqlUnitOfWork(self.factory, SystemClock()) as uow:
            query = select(func.count()).where(OutboxRow.status == "pending")
            return int(await uow.session.scalar(query) or 0)

    def too_many_requests(self) -> int:
        return sum(1 for call in self.stand_in.calls if "Too Many" in (call.error or ""))


@asynccontextmanager
async def stage(directory: Path) -> AsyncIterator[Stage]:
    url = f"sqlite+aiosqlite:///{directory / 'bench.sqlite3'}"
    await upgrade(url)
    engine = create_engine(url)
    config = StandInConfig(pacing=Pacing(enabled=True), max_lifetime=None)
    async with BotApiStandIn(config=config) as stand_in:
        session = AiohttpSession(api=TelegramAPIServer.from_base(stand_in.base_url))
        bot = Bot(stand_in.token, session, DefaultBotProperties(parse_mode=ParseMode.HTML))
        try:
            yield Stage(stand_in, create_session_factory(engine), bot)
        finally:
            await bot.session.close()
            await engine.dispose()


def notice(key: str, chat_id: int) -> Notification:
    return Notification(key, chat_id, "bench", {"text": key}, CLOCK.now())


async def throughput(stage: Stage, count: int, chats: int) -> None:
    people = [add_person(stage.stand_in.world, f"Житель {i}") for i in range(chats)]
    rows = [notice(f"n{i}", people[i % chats].id) for i in range(count)]
    await stage.add(rows)
    stop = asyncio.Event()
    started = time.monotonic()
    task = asyncio.create_task(stage.dispatcher().run(stop))
    while await stage.pending():
        await asyncio.sleep(0.1)
    elapsed = time.monotonic() - started
    stop.set()
    await task
    latencies = sorted(stage.delivered[row.key] - started for row in rows)
    twice = sum(n - 1 for n in stage.arrivals.values() if n > 1)
    print(f"== throughput: {count} notifications to {chats} private chats, pacing on ==")
    print(f"  all delivered in {elapsed:.1f} s: {count / elapsed:.1f} messages/s ", end="")
    print(f"(theory 30/s: {count / 30:.1f} s, so {100 * count / 30 / elapsed:.0f}% of it)")
    print(f"  429 answers met: {stage.too_many_requests()}; delivered twice: {twice}")
    q = statistics.quantiles(latencies, n=100)
    print(f"  time to delivery from the start: p50 {q[49]:.1f} s, max {latencies[-1]:.1f} s")


async def latency(stage: Stage, rounds: int, wake: asyncio.Event | None, poll: float) -> None:
    person = add_person(stage.stand_in.world, "Анна")
    stop = asyncio.Event()
    task = asyncio.create_task(stage.dispatcher(poll_interval=poll).run(stop, wake))
    samples = []
    for i in range(rounds):
        # Past the chat's pacing, and at a random point of the polling cycle.
        await asyncio.sleep(1.1 + random.uniform(0, poll))
        key = f"latency-{'wake' if wake else 'poll'}-{i}"
        await stage.add([notice(key, person.id)])
        committed = time.monotonic()
        if wake is not None:
            wake.set()
        while key not in stage.delivered:
            await asyncio.sleep(0.001)
        samples.append((stage.delivered[key] - committed) * 1000)
    stop.set()
    await task
    how = "with the wake-up event" if wake else f"polling every {poll:g} s, no wake-up"
    print(f"  commit -> delivery, {how}: p50 {statistics.median(samples):.1f} ms, ", end="")
    print(f"max {max(samples):.1f} ms over {rounds} notifications")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notifications", type=int, default=2000)
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--latency-rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        async with stage(Path(directory)) as bench:
            await throughput(bench, args.notifications, args.chats)
    with tempfile.TemporaryDirectory() as directory:
        async with stage(Path(directory)) as bench:
            print("== latency: one notification at a time ==")
            await latency(bench, args.latency_rounds, asyncio.Event(), poll=2.0)
            await latency(bench, max(5, args.latency_rounds // 4), None, poll=2.0)


if __name__ == "__main__":
    asyncio.run(main())

"""Open-loop latency of one bot process (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_latency.py [--rates 25,50,100,200,400] [--seconds S]
     [--database-url URL]

Updates arrive at a fixed rate, not in batches: each is fed as its own task at its arrival
time, the way webhook deliveries come in, and one chat's next update only after its previous
one was answered (Telegram keeps a chat's order). Residents walk bench_updates' journey (a
report, /my, a sticker, a stale button...). The latency of an update is from its scheduled
arrival (not from when the loop got round to it, so a saturated process is not flattered) to
the bot's first Bot API call for it. Prints, per offered rate: updates handled per second and
p50/p95/p99/max latency, then the process's peak RSS. The target of issue 16: p99 <= 50 ms at
100 updates/s. The same curve over real HTTP, for 1 and 2 processes (`mykazan run
--processes N` on PostgreSQL and Redis, the stand-in delivering like Telegram), with CPU per
worker and RSS: tests/bench/bench_webhook.py.
"""
# ruff: noqa: E402 (the imports follow the sys.path set-up)

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiogram import Bot
from aiogram.methods import TelegramMethod
from aiogram.types import Update

from bot.app import Application
from bot.middlewares import current_update
from tests.bench._fake_session import FakeTelegram, Json, Resident
from tests.bench.bench_updates import Spot, bench_application, city_spots, journey

UPDATE_IDS = count(1)


class StampingTelegram(FakeTelegram):
    """Notes when the bot first called the Bot API for each update."""

    def __init__(self, bot_id: int) -> None:
        super().__init__(bot_id)
        self.first_call: dict[int, float] = {}

    async def make_request(
        self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None
    ) -> Any:
        in_hand = current_update.get()
        if in_hand is not None:
            self.first_call.setdefault(in_hand.update_id, time.perf_counter())
        return await super().make_request(bot, method, timeout)


class Chat:
    """One resident's journey; a new resident takes over when it ends."""

    def __init__(self, app: Application, uids: Iterator[int], spots: Iterator[Spot]) -> None:
        self._app, self._uids, self._spots = app, uids, spots
        self.busy = False
        self._steps: Iterator[tuple[str, Json]] = iter(())

    def next_payload(self) -> Json:
        step = next(self._steps, None)
        if step is None:
            telegram = self._app.bot.session
            assert isinstance(telegram, FakeTelegram)
            resident = Resident(next(self._uids), telegram)
            self._steps = journey(resident, next(self._spots), Counter())
            step = next(self._steps)
        return step[1]


async def offer(app: Application, rate: float, seconds: float, chats: list[Chat]) -> list[float]:
    """Feed updates at `rate` for `seconds`; latencies in ms, one per update."""
    telegram = app.bot.session
    assert isinstance(telegram, StampingTelegram)
    arrivals: dict[int, float] = {}
    tasks: list[asyncio.Task[None]] = []
    start, n = time.perf_counter(), 0

    async def handle(chat: Chat, update: Update) -> None:
        try:
            await app.dispatcher.feed_update(app.bot, update)
        finally:
            chat.busy = False

    while (due := start + n / rate) < start + seconds:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        chat = next((c for c in chats if not c.busy), None)
        if chat is None:  # every chat waits for an answer: a new one joins
            chat = Chat(app, chats[0]._uids, chats[0]._spots)
            chats.append(chat)
        chat.busy = True
        update_id = next(UPDATE_IDS)
        raw = {"update_id": update_id, **chat.next_payload()}
        arrivals[update_id] = due
        update = Update.model_validate(raw, context={"bot": app.bot})
        tasks.append(asyncio.create_task(handle(chat, update)))
        n += 1
    await asyncio.gather(*tasks)
    missing = [u for u in arrivals if u not in telegram.first_call]
    assert not missing, f"{len(missing)} updates got no answer"
    return [(telegram.first_call[u] - t) * 1000 for u, t in arrivals.items()]


async def run(app: Application, rates: list[float], seconds: float) -> None:
    locator = app.dispatcher.workflow_data["district_locator"]
    uids, spots = count(800_000_000), city_spots(locator, 100_000)
    chats = [Chat(app, uids, spots) for _ in range(20)]
    await offer(app, 50, 2, chats)  # warm-up: caches, the pool, SQLite's pages
    print(f"== open-loop latency, one process, {app.engine.dialect.name} ==")
    print("  offered/s  handled/s    p50 ms    p95 ms    p99 ms    max ms")
    for rate in rates:
        started = time.perf_counter()
        latencies = await offer(app, rate, seconds, chats)
        handled = len(latencies) / (time.perf_counter() - started)
        q = statistics.quantiles(latencies, n=100)
        print(
            f"  {rate:9.0f}  {handled:9.0f}  {q[49]:8.1f}  {q[94]:8.1f}  {q[98]:8.1f}"
            f"  {max(latencies):8.1f}"
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss_mb:.0f} MB")


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.disable(logging.INFO)
    async with bench_application(args.database_url, StampingTelegram) as app:
        await run(app, [float(r) for r in args.rates.split(",")], args.seconds)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="25,50,100,200,400", help="offered updates/s")
    parser.add_argument("--seconds", type=float, default=5.0, help="per rate")
    parser.add_argument("--database-url", default=None, help="an empty database to use")
    asyncio.run(main(parser.parse_args()))

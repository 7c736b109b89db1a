"""Broadcast benchmark: one emergency outage to every resident of a district (not collected
by pytest).

Run: .venv/bin/python tests/bench/bench_broadcast.py [--recipients 10000] [--skip-paced]
     [--skip-naive] [--postgres-url URL]   (default: $TEST_POSTGRES_URL, if set)

1. The pipeline against the stand-in with Telegram's pacing on: residents subscribed to the
   district, the outage published through the use case, the fan-out worker writing the
   outbox rows, the dispatcher (real TelegramSender and renderers) sending them. Prints the
   sustained messages/second, the 429s met and the time from publication to the last one.
2. A naive loop, same recipients, same pacing: aiogram's send_message to every chat as fast
   as it goes (asyncio.gather in chunks), no retries. Its messages/second and 429s.
3. Pacing off, limits raised: the pipeline's own ceiling (messages/second) on SQLite and
   PostgreSQL, the dispatcher in a process of its own (tests/bench/outbox_process.py) and
   the stand-in in this one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiogram import Bot  # noqa: E402
from aiogram.client.default import DefaultBotProperties  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from aiogram.enums import ParseMode  # noqa: E402
from aiogram.exceptions import TelegramRetryAfter  # noqa: E402

from bot.i18n import create_i18n  # noqa: E402
from bot.outbox import create_outbox_dispatcher  # noqa: E402
from bot.settings import PROJECT_ROOT  # noqa: E402
from domain.districts import DistrictDirectory  # noqa: E402
from sandbox import BotApiStandIn, Pacing, StandInConfig  # noqa: E402
from scheduler.fanout import FanoutWorker  # noqa: E402
from storage.bootstrap import migrate_and_load  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402
from tests.bench._broadcast_stage import (  # noqa: E402
    CLOCK,
    Arrivals,
    pending,
    publish_outage,
    residents,
    seed_rows,
    subscribe,
)
from tests.storage.databases import create_postgres_database, drop_postgres_database  # noqa: E402

PACED = StandInConfig(pacing=Pacing(enabled=True), max_lifetime=None)
UNPACED = StandInConfig(max_lifetime=None)
NAIVE_CHUNK = 100


def make_bot(stand_in: BotApiStandIn) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(stand_in.base_url))
    return Bot(stand_in.token, session, DefaultBotProperties(parse_mode=ParseMode.HTML))


async def paced_pipeline(count: int, directory: Path) -> None:
    url = f"sqlite+aiosqlite:///{directory / 'paced.sqlite3'}"
    await migrate_and_load(url, PROJECT_ROOT / "data")
    engine = create_engine(url)
    factory = create_session_factory(engine)
    async with BotApiStandIn(config=PACED) as stand_in:
        people = residents(stand_in, count)
        await subscribe(factory, people)
        arrivals = Arrivals(stand_in)
        bot = make_bot(stand_in)
        async with SqlUnitOfWork(factory, CLOCK) as uow:
            districts = DistrictDirectory(await uow.districts.all())
        i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
        dispatcher = create_outbox_dispatcher(bot, factory, i18n, districts, CLOCK)
        stop = asyncio.Event()
        try:
            started = time.monotonic()
            await publish_outage(factory)
            await FanoutWorker(factory, CLOCK).drain_once()
            fanned_out = time.monotonic() - started
            task = asyncio.create_task(dispatcher.run(stop))
            while await pending(factory):
                await asyncio.sleep(0.2)
            stop.set()
            await task
        finally:
            stop.set()
            await bot.session.close()
            await engine.dispose()
        last = arrivals.times[-1] - started
        twice = sum(n - 1 for n in arrivals.per_chat.values() if n > 1)
        # Sustained: the middle 80 % of the messages, away from start-up and tail.
        low, high = (
            arrivals.times[len(arrivals.times) // 10],
            arrivals.times[-len(arrivals.times) // 10],
        )
        sustained = (len(arrivals.times) * 0.8) / (high - low)
        print(f"== 1. pipeline, Telegram's pacing on: {count} residents, one emergency outage ==")
        print(f"  fan-out wrote the outbox in {fanned_out:.1f} s")
        print(f"  delivered {len(arrivals.per_chat)} of {count}; to someone twice: {twice}")
        print(f"  sustained {sustained:.1f} messages/s (target >= 29); overall ", end="")
        print(f"{count / last:.1f}/s; 429s: {arrivals.too_many_requests()}")
        print(f"  time from publication to the last message: {last:.1f} s ", end="")
        print(f"(theory {count / 30:.1f} s)")


async def naive_loop(count: int) -> None:
    async with BotApiStandIn(config=PACED) as stand_in:
        people = residents(stand_in, count)
        bot = make_bot(stand_in)
        flood = 0

        async def send(chat_id: int) -> bool:
            nonlocal flood
            try:
                await bot.send_message(chat_id, "Авария на водоводе: холодной воды нет")
            except TelegramRetryAfter:
                flood += 1
                return False
            return True

        try:
            started = time.monotonic()
            delivered = 0
            for start in range(0, count, NAIVE_CHUNK):
                chunk = people[start : start + NAIVE_CHUNK]
                delivered += sum(await asyncio.gather(*(send(chat) for chat in chunk)))
            elapsed = time.monotonic() - started
        finally:
            await bot.session.close()
        print(f"== 2. naive loop (aiogram, gather in chunks of {NAIVE_CHUNK}), pacing on ==")
        print(f"  {count} sends in {elapsed:.1f} s: {count / elapsed:.0f} sends/s; ", end="")
        print(f"delivered {delivered} ({delivered / elapsed:.1f}/s), 429s: {flood}")
        print(f"  {count - delivered} residents never told (a naive loop does not retry)")


async def ceiling(count: int, url: str, name: str) -> None:
    await upgrade(url)
    engine = create_engine(url)
    try:
        async with BotApiStandIn(config=UNPACED) as stand_in:
            people = residents(stand_in, count)
            await seed_rows(engine, people)
            arrivals = Arrivals(stand_in)
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                str(ROOT / "tests" / "bench" / "outbox_process.py"),
                *("--database-url", url, "--api-base", stand_in.base_url),
                *("--token", stand_in.token, "--unlimited", "--until-empty"),
                stdout=asyncio.subprocess.PIPE,
            )
            try:
                output, _ = await asyncio.wait_for(process.communicate(), timeout=600)
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()
            result = json.loads(output)
    finally:
        await engine.dispose()
    rate = result["sent"] / result["seconds"]
    sent, seconds = int(result["sent"]), result["seconds"]
    print(f"  {name}: {sent} sent in {seconds:.1f} s: {rate:.0f} messages/s", end="")
    print(f" (delivered {len(arrivals.per_chat)}, {int(result['passes'])} passes)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--skip-paced", action="store_true")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        if not args.skip_paced:
            await paced_pipeline(args.recipients, Path(directory))
        if not args.skip_naive:
            await naive_loop(args.recipients)
        print("== 3. the pipeline's ceiling: pacing off, limits raised ==")
        await ceiling(
            args.recipients, f"sqlite+aiosqlite:///{directory}/ceiling.sqlite3", "SQLite"
        )
    if args.postgres_url:
        os.environ.setdefault("TEST_POSTGRES_URL", args.postgres_url)
        url = await create_postgres_database()
        try:
            await ceiling(args.recipients, url, "PostgreSQL")
        finally:
            await drop_postgres_database(url)


if __name__ == "__main__":
    asyncio.run(main())

"""One outbox dispatcher as an OS process of its own, for the crash test and the benchmarks.

Run: .venv/bin/python tests/bench/outbox_process.py --database-url URL --api-base URL
     [--token T] [--unlimited | --rate 30] [--until-empty] [--concurrency 10] [--lease 60]

It sends with the real TelegramSender (plain-text renderer) through aiogram to the given
Bot API (the stand-in, on 127.0.0.1) until SIGTERM/SIGINT, or with --until-empty until no
row is pending; then it prints one JSON line: {"seconds": time from the first pass to the
end, "passes": ..., "sent": ...}. A SIGKILL is the point of it in the crash test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiogram import Bot  # noqa: E402
from aiogram.client.default import DefaultBotProperties  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from aiogram.enums import ParseMode  # noqa: E402
from aiogram.methods.base import Response  # noqa: E402
from aiogram.types import Message  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker  # noqa: E402

from bot.notifier import TelegramSender  # noqa: E402
from domain.clock import SystemClock  # noqa: E402
from scheduler.outbox import DispatchReport, OutboxDispatcher  # noqa: E402
from scheduler.pacing import Limits, RateLimiter  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import OutboxRow  # noqa: E402

# Far above anything a machine here can push: the pipeline's own ceiling shows.
UNLIMITED = Limits(
    per_chat_per_second=1000, per_chat_burst=100, overall_per_second=100_000, overall_burst=500
)


async def pending(factory: async_sessionmaker[AsyncSession]) -> int:
    async with factory() as session:
        query = select(func.count()).where(OutboxRow.status == "pending")
        return int(await session.scalar(query) or 0)


async def stop_when_empty(factory: async_sessionmaker[AsyncSession], stop: asyncio.Event) -> None:
    while not stop.is_set():
        if await pending(factory) == 0:
            stop.set()
        await asyncio.sleep(0.05)


async def serve(args: argparse.Namespace) -> dict[str, float]:
    engine = create_engine(args.database_url)
    factory = create_session_factory(engine)
    session = AiohttpSession(api=TelegramAPIServer.from_base(args.api_base))
    bot = Bot(args.token, session, DefaultBotProperties(parse_mode=ParseMode.HTML))
    tally = {"passes": 0.0, "sent": 0.0, "flood_waits": 0.0}

    def count(report: DispatchReport) -> None:
        tally["passes"] += 1
        tally["sent"] += report.sent
        tally["flood_waits"] += report.flood_waits

    dispatcher = OutboxDispatcher(
        factory,
        TelegramSender(bot),
        SystemClock(),
        RateLimiter(UNLIMITED if args.unlimited else Limits(overall_per_second=args.rate)),
        batch_size=args.batch_size,
        concurrency=args.concurrency,
        lease=timedelta(seconds=args.lease),
        send_timeout=args.lease / 3,
        poll_interval=0.2,
        on_report=count,
    )
    # pydantic builds aiogram's answer model on first use, seconds of CPU once per process:
    # paid before the clock starts, as a running bot has paid it long before a broadcast.
    warm = Response[Message]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    watcher = asyncio.create_task(stop_when_empty(factory, stop)) if args.until_empty else None
    started = time.monotonic()
    try:
        await dispatcher.run(stop)
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await bot.session.close()
        await engine.dispose()
    del warm
    return {"seconds": time.monotonic() - started, **tally}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--api-base", required=True)
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument("--unlimited", action="store_true", help="limits far above Telegram's")
    parser.add_argument("--rate", type=float, default=30.0, help="overall messages/second")
    parser.add_argument("--until-empty", action="store_true")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--lease", type=float, default=60.0, help="seconds")
    args = parser.parse_args()
    if not args.api_base.startswith("http://127.0.0.1:"):
        parser.error("the dispatcher talks to a stand-in on 127.0.0.1 only")
    result = asyncio.run(serve(args))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()

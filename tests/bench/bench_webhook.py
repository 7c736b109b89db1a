"""Webhook mode over real HTTP: 1 and N bot processes on one address (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_webhook.py [--processes 1,2] [--seconds 6]
     [--chats 40] [--rates 50,100,200,300] [--minutes M] [--soak-rate 50]

The bot runs as it does in production, `mykazan run --processes N` (tests/e2e/processes.py),
its workers sharing a 127.0.0.1 port; the Bot API stand-in runs here and delivers updates
like Telegram (a queue per chat, up to 40 connections). Residents walk bench_updates'
journey (tests/bench/_webhook_load.py). With TEST_POSTGRES_URL and TEST_REDIS_URL set (or
--postgres/--redis) each run gets a fresh PostgreSQL database and Redis; without them only
one process runs, on SQLite. Telegram's 30 messages a second are lifted
(MESSAGES_PER_SECOND=1000) so that the CPU, not the budget, is measured.

Prints, per number of processes: the closed-loop throughput (`--chats` residents, each
sending its next update once answered) with every worker's CPU time and CPU per update, and
this process's (the stand-in's and the residents') CPU, which shares the machine; the
open-loop latency curve (offered rate -> handled/s, p50/p99/max from an update's arrival to
the bot's first Bot API call for it); RSS and PSS per worker. `--minutes M`: a memory soak
of one process at `--soak-rate` (new residents keep coming) for M minutes: RSS every minute
with the entries of the bot's per-chat tables (from its /metrics), then the slope after the
warm-up and a verdict (flat or growing). `--malloc-arenas N` sets MALLOC_ARENA_MAX for the bot.
"""
# ruff: noqa: E402 (the imports follow the sys.path set-up)

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.settings import PROJECT_ROOT
from domain.clock import SystemClock
from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig
from storage.bootstrap import migrate_and_load
from storage.engine import create_engine, create_session_factory
from storage.reference_data import load_district_locator
from storage.uow import SqlUnitOfWork
from tests.bench._webhook_load import Crowd, Stamps
from tests.bench.bench_updates import Spot, city_spots
from tests.e2e.processes import BotProcesses, bot_environment, free_port
from tests.storage.databases import create_postgres_database, drop_postgres_database

TOKEN = "731601:BENCH-WEBHOOK"
FLAT_MB_PER_MIN = 0.2  # below this after the warm-up, the soak's RSS counts as flat


@asynccontextmanager
async def fresh_database(postgres: str | None) -> AsyncIterator[str]:
    """A migrated database with the reference data: PostgreSQL when given, else SQLite."""
    with tempfile.TemporaryDirectory() as tmp:
        if postgres:
            os.environ["TEST_POSTGRES_URL"] = postgres
            url = await create_postgres_database()
        else:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        try:
            await migrate_and_load(url, PROJECT_ROOT / "data")
            yield url
        finally:
            if postgres:
                await drop_postgres_database(url)


async def spots_of(url: str, wanted: int) -> Iterator[Spot]:
    engine = create_engine(url)
    try:
        async with SqlUnitOfWork(create_session_factory(engine), SystemClock()) as uow:
            locator = await load_district_locator(uow.session)
    finally:
        await engine.dispose()
    return city_spots(locator, wanted)


async def closed_loop(crowd: Crowd, chats: int, seconds: float) -> float:
    """`chats` residents always waiting for an answer; returns updates answered a second."""
    answered, start = crowd.answered, time.perf_counter()
    while time.perf_counter() - start < seconds:
        while crowd.sent - crowd.answered < chats:
            await crowd.step(time.perf_counter())
        crowd.changed.clear()
        await crowd.changed.wait()
    rate = (crowd.answered - answered) / (time.perf_counter() - start)
    await drained(crowd, 60)
    return rate


async def drained(crowd: Crowd, timeout: float) -> None:
    unanswered = await crowd.drain(timeout)
    if unanswered:
        webhook = crowd.stand_in.state.webhook.info()
        print(f"  !! {unanswered} updates unanswered after {timeout:.0f} s: {webhook}")
        first = next((n for n, line in enumerate(crowd.log) if " ERROR " in line), None)
        if first is not None:  # the first failure, and its traceback's end: what was raised
            end = first + 1
            while end < len(crowd.log) and not crowd.log[end][:4].isdigit():
                end += 1  # a traceback's lines; the next log line starts with its date
            shown = [crowd.log[first], *crowd.log[max(first + 1, end - 8) : end]]
            print("\n".join(f"  !! {line}" for line in shown))


async def open_loop(crowd: Crowd, rate: float, seconds: float, patience: float = 120) -> float:
    """Updates arrive at `rate`; returns updates answered a second over the whole run."""
    answered, start, n = crowd.answered, time.perf_counter(), 0
    while (due := start + n / rate) < start + seconds:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await crowd.step(due)
        n += 1
    await drained(crowd, patience)
    return (crowd.answered - answered) / (time.perf_counter() - start)


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def measure(bots: BotProcesses, crowd: Crowd, args: argparse.Namespace) -> None:
    n = len(bots.processes)
    await open_loop(crowd, 30, 3)  # warm-up: caches, pools, the first connections
    before = [bot.cpu_seconds() for bot in bots.processes]
    own, answered = cpu_self(), crowd.answered
    rate = await closed_loop(crowd, args.chats, args.seconds)
    used = [bot.cpu_seconds() - b for bot, b in zip(bots.processes, before, strict=True)]
    handled = crowd.answered - answered
    print(f"== webhook, {n} process(es), closed loop, {args.chats} residents in flight ==")
    print(f"  {rate:.0f} updates/s; CPU per update {sum(used) / handled * 1000:.2f} ms")
    for bot, seconds in zip(bots.processes, used, strict=True):
        print(f"  worker {bot.pid}: {seconds:.1f} CPU-s, {seconds / args.seconds:.0%} of a core")
    print(f"  stand-in and residents (this process): {cpu_self() - own:.1f} CPU-s")
    print(f"== webhook, {n} process(es), open loop: arrival -> first Bot API call ==")
    print("  offered/s  handled/s    p50 ms    p99 ms    max ms")
    for offered in args.rates:
        crowd.stamps.latencies_ms.clear()
        handled_rate = await open_loop(crowd, offered, args.seconds)
        q = statistics.quantiles(crowd.stamps.latencies_ms, n=100, method="inclusive")
        print(
            f"  {offered:9.0f}  {handled_rate:9.0f}  {q[49]:8.1f}  {q[98]:8.1f}"
            f"  {max(crowd.stamps.latencies_ms):8.1f}"
        )
    for bot in bots.processes:
        print(f"  worker {bot.pid}: RSS {bot.rss_mb():.0f} MB, PSS {bot.pss_mb():.0f} MB")


async def tables_of(port: int) -> dict[str, int]:
    """The bot's in-memory tables (per chat or person), from its /metrics."""
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        text = await response.text()
    found = re.findall(r'^mykazan_memory_entries\{table="([^"]+)"\} (\S+)$', text, re.M)
    return {table: int(float(value)) for table, value in found}


async def soak(bots: BotProcesses, crowd: Crowd, args: argparse.Namespace, port: int) -> None:
    """RSS of the one bot process every `every` seconds while residents keep coming; the slope
    after the warm-up (its first third: caches, SQLite's page cache, the allocator's arenas)."""
    bot, minutes, rate = bots.processes[0], args.minutes, args.soak_rate
    samples: list[tuple[float, float]] = []
    start, every = time.perf_counter(), min(60.0, max(5.0, minutes * 60 / 10))
    print(f"== memory soak: one process, {rate:.0f} updates/s offered, {minutes:g} min ==")
    print("    min    RSS MB  residents  tables (entries)")
    while True:
        elapsed = time.perf_counter() - start
        samples.append((elapsed / 60, bot.rss_mb()))
        tables = " ".join(f"{k}={v}" for k, v in sorted((await tables_of(port)).items()))
        print(f"  {elapsed / 60:5.1f}  {samples[-1][1]:8.1f}  {crowd.residents:9d}  {tables}")
        if elapsed >= minutes * 60:
            break
        await open_loop(crowd, rate, every, patience=5)  # a failing update: the soak goes on
    settled = samples[len(samples) // 3 :]
    if len(settled) >= 3:
        slope = statistics.linear_regression([t for t, _ in settled], [r for _, r in settled])
        grown = settled[-1][1] - settled[0][1]
        verdict = "flat" if slope.slope < FLAT_MB_PER_MIN else "GROWING"  # shrinking is fine
        print(
            f"  after warm-up ({settled[0][0]:.1f}-{settled[-1][0]:.1f} min): "
            f"{slope.slope:+.2f} MB/min, {grown:+.1f} MB; verdict: {verdict}"
            f" (flat: under {FLAT_MB_PER_MIN} MB/min); {crowd.answered} updates answered"
        )


async def run(n: int, args: argparse.Namespace) -> None:
    async with fresh_database(args.postgres) as url:
        spots = await spots_of(url, 100_000)
        # Telegram waits about a minute for the webhook's answer before it tries again.
        config = StandInConfig(webhook_timeout=60.0)
        async with BotApiStandIn(token=TOKEN, config=config) as stand_in:
            settings = {
                "DATABASE_URL": url,
                "THROTTLE_RATE": "1000000",
                "THROTTLE_BURST": "1000000",
                "MESSAGES_PER_SECOND": "1000",
                "LOG_LEVEL": "INFO",  # the workers say when they listen
            }
            if args.redis and args.postgres:
                settings["REDIS_URL"] = args.redis
            if args.malloc_arenas:  # glibc: fewer arenas, less memory held by idle threads
                settings["MALLOC_ARENA_MAX"] = str(args.malloc_arenas)
            env = bot_environment(stand_in, free_port(), **settings)
            lifetime = 600 + args.minutes * 60
            async with BotProcesses(n, env, max_seconds=lifetime) as bots:
                crowd = Crowd(stand_in, spots, Stamps(stand_in))
                crowd.log = bots.log
                await measure(bots, crowd, args)
                if args.minutes and n == 1:
                    await soak(bots, crowd, args, int(env["WEB_PORT"]))


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for n in args.processes:
        if n > 1 and not (args.postgres and args.redis):
            print(f"== {n} processes: skipped (they need TEST_POSTGRES_URL and TEST_REDIS_URL)")
            continue
        await run(n, args)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--seconds", type=float, default=6.0, help="per measurement")
    parser.add_argument("--chats", type=int, default=40, help="closed loop: in flight")
    parser.add_argument("--rates", default="50,100,200,300", help="open loop: offered/s")
    parser.add_argument("--minutes", type=float, default=0.0, help="memory soak (10 documented)")
    parser.add_argument("--soak-rate", type=float, default=50.0)
    parser.add_argument("--malloc-arenas", type=int, default=0, help="MALLOC_ARENA_MAX")
    parser.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL"))
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL"))
    parsed = parser.parse_args()
    parsed.processes = [int(p) for p in parsed.processes.split(",")]
    parsed.rates = [float(r) for r in parsed.rates.split(",")]
    asyncio.run(main(parsed))

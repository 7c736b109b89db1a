"""Benchmark of update handling through the full dispatcher (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_updates.py [--residents N] [--rounds R] [--batch B]
     [--latency-ms L] [--budget-s S]

Residents file a report each (/start, menu, category, location, photo, description, submit,
/my, the card, plus a sticker, an unknown command and a stale button), fed like production:
batches through `bot.polling.handle_batch`, one update per chat a batch, on a fresh SQLite
file. The same updates then go through a bare aiogram Dispatcher with one echo handler. Both
use one in-process Bot API (tests/bench/_fake_session.py), so the ratio is the cost of our
middlewares, FSM storage, database and handlers. Prints updates/s (median of the rounds), the
ratio, the CPU time per update (the process's, driver threads included: on a shared machine a
steadier measure than the rate), `feed_update` latency (waiting inside the batch included),
SQL statements and driver round trips per kind of update, and proves every report was filed
(exit status 1 if not).
"""
# ruff: noqa: E402 (the imports follow the sys.path set-up)

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from aiogram import Bot, Dispatcher, Router
from aiogram.types import CallbackQuery, Message, Update
from sqlalchemy import event

import handlers.my_requests.callbacks as requests_cb
import handlers.reports.callbacks as reports_cb
from bot.app import Application, create_application
from bot.polling import handle_batch
from bot.runner import freeze_start_up
from bot.settings import PROJECT_ROOT, Settings
from domain.clock import SystemClock
from domain.geo import DistrictLocator
from handlers import menu
from storage.bootstrap import migrate_and_load
from storage.uow import SqlUnitOfWork
from tests.bench._driver_calls import OFF_PATH, DriverCalls
from tests.bench._fake_session import FakeTelegram, Json, Resident

TOKEN = "123456:BENCH"
Spot = tuple[float, float, int]  # lat, lon, which category button to press
DESCRIPTIONS = (
    "Яма на проезжей части, машины объезжают по встречке",
    "Переполнены контейнеры, мусор лежит вокруг площадки",
    "Не горит фонарь у подъезда, вечером совсем темно",
)


def journey(r: Resident, spot: Spot, tally: Counter[str]) -> Iterator[tuple[str, Json]]:
    """One resident's updates, each with its kind; built after the bot answered the last."""
    yield "/start", r.text("/start")
    yield "sticker (no-op)", r.media("sticker")
    yield "menu: report", r.press(menu.MenuCb(action=menu.MenuAction.REPORT).pack())
    category = r.press(f"{reports_cb.CategoryCb.__prefix__}:", nth=spot[2])
    yield "category", category
    yield "location", r.location(spot[0], spot[1])
    yield "photo", r.media("photo")
    yield "photos done", r.press(reports_cb.PhotosCb(action=reports_cb.PhotosAction.DONE).pack())
    yield "description", r.text(f"{DESCRIPTIONS[r.uid % len(DESCRIPTIONS)]}, обращение {r.uid}")
    yield "submit", r.press(reports_cb.SummaryCb(action=reports_cb.SummaryAction.SUBMIT).pack())
    anyway = reports_cb.SummaryCb(action=reports_cb.SummaryAction.SUBMIT_ANYWAY).pack()
    if r.telegram.has_button(r.uid, anyway):  # "similar requests nearby": file our own
        tally["similar offered"] += 1
        yield "submit anyway", r.press(anyway)
    yield "/my", r.text("/my")
    yield (
        "open card",
        r.press(f"{requests_cb.RequestCb.__prefix__}:{requests_cb.RequestAction.OPEN}:"),
    )
    yield "/weather (no-op)", r.text("/weather")
    stale = {"callback_query": category["callback_query"] | {"id": f"stale-{r.uid}"}}
    yield "stale button (no-op)", stale


@dataclass
class RoundResult:
    updates: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the process's, its threads' included (aiosqlite's)
    loop_cpu_seconds: float = 0.0  # the event loop's thread alone
    latencies_ms: list[float] = field(default_factory=list)
    failed: int = 0
    api_calls: int = 0
    sql_statements: int = 0


class TimedDispatcher:
    """Times each `feed_update` as `handle_batch` calls it; stands in for the Dispatcher.
    Tells the driver counters which kind of update the calling task is handling."""

    def __init__(
        self, dispatcher: Dispatcher, result: RoundResult, calls: DriverCalls | None = None
    ) -> None:
        self._dispatcher, self._result, self._calls = dispatcher, result, calls

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        task = asyncio.current_task()
        if self._calls is not None and task is not None:
            kind = KINDS.get(update.update_id, "?")
            self._calls.kind_of_task[task] = kind
            UPDATES_OF_KIND[kind] += 1
        start = time.perf_counter()
        try:
            return await self._dispatcher.feed_update(bot, update, **kwargs)
        finally:
            self._result.latencies_ms.append((time.perf_counter() - start) * 1000)
            if self._calls is not None and task is not None:
                self._calls.kind_of_task.pop(task, None)


KINDS: dict[int, str] = {}  # update id -> kind of update
UPDATES_OF_KIND: Counter[str] = Counter()


async def feed(
    dispatcher: Dispatcher,
    bot: Bot,
    batches: Sequence[list[Update]],
    result: RoundResult,
    calls: DriverCalls | None = None,
) -> None:
    timed = cast(Dispatcher, TimedDispatcher(dispatcher, result, calls))
    telegram = cast(FakeTelegram, bot.session)
    calls_before = telegram.calls.total()
    for batch in batches:
        start, cpu_start, loop_start = time.perf_counter(), time.process_time(), time.thread_time()
        result.failed += len(await handle_batch(timed, bot, batch))
        result.seconds += time.perf_counter() - start
        result.cpu_seconds += time.process_time() - cpu_start
        result.loop_cpu_seconds += time.thread_time() - loop_start
        result.updates += len(batch)
    result.api_calls += telegram.calls.total() - calls_before


async def converse(
    app: Application,
    residents: list[tuple[Resident, Spot]],
    ids: Iterator[int],
    size: int,
    calls: DriverCalls | None,
) -> tuple[RoundResult, list[list[Update]], Counter[str]]:
    """Step k of every journey, then step k+1: a batch never holds two updates of one chat."""
    tally: Counter[str] = Counter()
    journeys, result, batches = [journey(*r, tally) for r in residents], RoundResult(), []
    while journeys:
        step, alive = [], []
        for j in journeys:
            if (kind_and_payload := next(j, None)) is not None:
                kind, payload = kind_and_payload
                raw = {"update_id": next(ids), **payload}
                KINDS[raw["update_id"]] = kind
                step.append(Update.model_validate(raw, context={"bot": app.bot}))
                alive.append(j)
        journeys = alive
        step_batches = [step[i : i + size] for i in range(0, len(step), size)]
        await feed(app.dispatcher, app.bot, step_batches, result, calls)
        batches += step_batches
    return result, batches, tally


def bare_dispatcher() -> Dispatcher:
    """aiogram out of the box (memory FSM, event isolation) with one echo handler."""
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "ok")

    @router.callback_query()
    async def answer(query: CallbackQuery) -> None:
        await query.answer()

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


def city_spots(locator: DistrictLocator, wanted: int) -> Iterator[Spot]:
    """Grid points inside the city ~170 m apart (beyond the 150 m "similar" radius)."""
    found = 0
    for k in range(100 * wanted):
        lat, lon = 55.74 + (k // 40) * 0.0015, 49.05 + (k % 40) * 0.0028
        if locator.locate(lat, lon) is not None:
            yield lat, lon, found % 10
            found += 1


@dataclass
class Measured:
    ours: list[RoundResult] = field(default_factory=list)
    bare: list[RoundResult] = field(default_factory=list)
    residents: list[int] = field(default_factory=list)
    tally: Counter[str] = field(default_factory=Counter)
    calls: DriverCalls = field(default_factory=DriverCalls)


async def measure(app: Application, args: argparse.Namespace, warmup: int) -> Measured:
    """Round 0 warms caches, the pool and SQLite's pages; later rounds are measured."""
    statements = Counter[str]()
    event.listen(app.engine.sync_engine, "after_cursor_execute", lambda *_: statements.update(n=1))
    calls = DriverCalls()
    calls.attach(app.engine)
    locator = app.dispatcher.workflow_data["district_locator"]
    spots = city_spots(locator, warmup + args.rounds * args.residents)
    uids, ids, deadline = count(700_000_000), count(1), time.monotonic() + args.budget_s
    bare, measured = bare_dispatcher(), Measured()
    telegram = cast(FakeTelegram, app.bot.session)
    for n in range(args.rounds + 1):
        size = warmup if n == 0 else args.residents
        residents = [(Resident(next(uids), telegram), next(spots)) for _ in range(size)]
        measured.residents += [r.uid for r, _ in residents]
        sql_before = statements["n"]
        # Per kind of update, what the measured rounds cost (the warm-up is not counted).
        ours, batches, tally = await converse(
            app, residents, ids, args.batch, calls if n > 0 else None
        )
        ours.sql_statements = statements["n"] - sql_before
        bare_result = RoundResult()
        await feed(bare, app.bot, batches, bare_result)
        if n > 0:
            measured.ours.append(ours)
            measured.bare.append(bare_result)
            measured.tally += tally
        if time.monotonic() > deadline and measured.ours:
            break  # bounded on a slow machine: fewer rounds rather than a longer run
    measured.calls = calls
    return measured


def report_kinds(calls: DriverCalls) -> None:
    print("  per kind of update (measured rounds): SQL statements, driver round trips")
    for kind, updates in UPDATES_OF_KIND.items():
        sql, trips = calls.statements[kind] / updates, calls.round_trips[kind] / updates
        print(f"    {kind:24} {sql:5.2f} SQL  {trips:6.2f} round trips  ({updates} updates)")
    total = UPDATES_OF_KIND.total()
    sql, trips = calls.statements[OFF_PATH] / total, calls.round_trips[OFF_PATH] / total
    print(f"    {OFF_PATH:24} {sql:5.2f} SQL  {trips:6.2f} round trips  per update, all kinds")


def report(label: str, rounds: list[RoundResult]) -> float:
    rates = [r.updates / r.seconds for r in rounds]
    latencies = [x for r in rounds for x in r.latencies_ms]
    q = statistics.quantiles(latencies, n=100)
    per_update = sum(r.updates for r in rounds)
    api = sum(r.api_calls for r in rounds) / per_update
    sql = sum(r.sql_statements for r in rounds) / per_update
    print(f"  {label:31} {statistics.median(rates):7.0f} updates/s (median of rounds: ", end="")
    print(", ".join(f"{rate:.0f}" for rate in rates) + ")")
    print(f"  {'':31} feed_update p50 {q[49]:.2f}  p95 {q[94]:.2f}  p99 {q[98]:.2f}  ", end="")
    print(f"max {max(latencies):.2f} ms")
    cpu_ms = 1000 * sum(r.cpu_seconds for r in rounds) / per_update
    loop_ms = 1000 * sum(r.loop_cpu_seconds for r in rounds) / per_update
    print(
        f"  {'':31} CPU {cpu_ms:.2f} ms per update (one core: {1000 / cpu_ms:.0f} updates/s)",
        end="",
    )
    print(f", {loop_ms:.2f} ms of it in the event loop's thread")
    print(f"  {'':31} per update {api:.2f} Bot API calls, {sql:.2f} SQL statements, ", end="")
    print(f"{sum(r.failed for r in rounds)} failed")
    return statistics.median(rates)


async def run(app: Application, args: argparse.Namespace) -> int:
    warmup = max(20, args.residents // 5)
    try:
        measured = await measure(app, args, warmup)
    except LookupError as error:  # a button the bot should have sent is missing
        print(f"OFF SCRIPT: the bot did not answer as a resident expects: {error}")
        return 1
    async with SqlUnitOfWork(app.session_factory, SystemClock()) as uow:
        counts = [await uow.requests.count_by_author(uid) for uid in measured.residents]
    chats = cast(FakeTelegram, app.bot.session).chats.values()
    apologies = sum("пошло не так" in (m.get("text") or "") for c in chats for m in c.values())
    print(f"== update handling: {len(measured.ours)} rounds x {args.residents} residents ==")
    measured_updates = sum(r.updates for r in measured.ours)
    print(f"  {measured_updates} updates measured (the warm-up round is not counted)")
    print(f"  batches of <= {args.batch}, one update per chat; Bot API delay {args.latency_ms} ms")
    backend = app.engine.dialect.name
    ours_, bare_ = measured.ours, measured.bare
    ours = report(f"ours (middlewares, {backend}, FSM)", ours_)
    bare = report("bare aiogram (echo handler)", bare_)
    print(f"  RATIO ours / bare = {ours / bare:.3f} (the bare dispatcher is {bare / ours:.0f}x)")
    cpu = [sum(r.cpu_seconds for r in rs) / sum(r.updates for r in rs) for rs in (ours_, bare_)]
    print(f"  CPU RATIO bare / ours = {cpu[1] / cpu[0]:.3f} (steadier than the rates when shared)")
    report_kinds(measured.calls)
    print(f"  'similar nearby' answered with submit-anyway: {measured.tally['similar offered']}")
    filed, everyone = counts.count(1), len(measured.residents)
    print(f"  reports filed: {filed} of {everyone} residents; apologies sent: {apologies}")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss_mb:.0f} MB")
    failed = sum(r.failed for r in measured.ours + measured.bare)
    return 0 if filed == everyone and not apologies and not failed else 1


@asynccontextmanager
async def bench_application(
    database_url: str | None, telegram: Callable[[int], FakeTelegram]
) -> AsyncIterator[Application]:
    """The real application on a fresh database, talking to an in-process Bot API."""
    with tempfile.TemporaryDirectory() as tmp:
        # Default: a fresh SQLite file. --database-url: an EMPTY database of yours (it is
        # migrated and filled), e.g. postgresql+asyncpg://postgres@127.0.0.1/mykazan_bench.
        url = database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await migrate_and_load(url, PROJECT_ROOT / "data")
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            bot_token=TOKEN,
            database_url=url,
            redis_url=None,
            throttle_rate=1e6,  # residents here tap faster than people: drop nothing
            throttle_burst=1_000_000,
        )
        async with create_application(settings) as app:
            await app.bot.session.close()  # the HTTP session was never used
            app.bot.session = telegram(app.bot.id)
            freeze_start_up()  # as the bot's runner does once everything is built
            yield app


async def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING)
    logging.disable(logging.INFO)  # aiogram logs every update at INFO
    fake = functools.partial(FakeTelegram, latency_s=args.latency_ms / 1000)
    async with bench_application(args.database_url, fake) as app:
        return await run(app, args)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=100, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=100, help="getUpdates returns up to 100")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="imitated Bot API delay")
    parser.add_argument("--budget-s", type=float, default=60.0, help="no new round after this")
    parser.add_argument("--database-url", default=None, help="an empty database to use")
    sys.exit(asyncio.run(main(parser.parse_args())))

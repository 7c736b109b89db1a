"""The plumbing budget: what an update costs the database before and around its handler.

An update that changes nothing (a sticker, /help, an unknown command, a stale button) issues
at most one SQL statement, one driver round trip, on its own path: the first read
(storage/first_read.py), without BEGIN or ROLLBACK around it on PostgreSQL. No callable of
the routers is sent to a thread (bot/inline_callables.py). Its claim
is written afterwards, grouped with others (bot/update_claims.py), and still keeps a replay
from answering twice. Statements are counted with SQLAlchemy's `before_cursor_execute`, on
the task that feeds the update only, so the grouped claim writer is counted apart.
"""

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import Update
from sqlalchemy import event, select

import handlers.reports.callbacks as reports_cb
from bot.app import Application, create_application
from bot.settings import PROJECT_ROOT, Settings
from handlers import menu
from storage.bootstrap import migrate_and_load
from storage.models import ProcessedUpdateRow
from tests.bench._driver_calls import DriverCalls
from tests.bench._fake_session import FakeTelegram, Json, Resident
from tests.e2e.harness import copy_template, sqlite_url
from tests.storage.databases import BACKENDS, create_postgres_database, drop_postgres_database

NO_OP_BUDGET = 1  # statements on the path of an update that changes nothing
# ...and driver round trips: on PostgreSQL no BEGIN nor ROLLBACK around its one read
NO_OP_ROUND_TRIPS = 1
ON_PATH = "on the update's path"


@pytest.fixture(params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, database_template: Path, tmp_path: Path
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(copy_template(database_template, tmp_path / "bot.sqlite3"))
        return
    url = await create_postgres_database()
    try:
        await migrate_and_load(url, PROJECT_ROOT / "data")
        yield url
    finally:
        await drop_postgres_database(url)


class Feeder:
    """Feeds updates to the real dispatcher and counts the SQL each one issues on its path."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.telegram = FakeTelegram(app.bot.id)
        app.bot.session = self.telegram
        self.on_path: Counter[str] = Counter()
        self.thread_hops = 0  # aiogram's asyncio.to_thread for a synchronous callable
        self.off_path: Counter[str] = Counter()
        self._ids = count(1)
        self._feeding: asyncio.Task[Any] | None = None
        event.listen(app.engine.sync_engine, "before_cursor_execute", self._count)
        self.driver = DriverCalls()  # round trips; detached by the fixture
        self.driver.attach(app.engine)

    def count_thread_hops(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = asyncio.to_thread

        async def counted(function: Any, /, *args: Any, **kwargs: Any) -> Any:
            self.thread_hops += 1
            return await original(function, *args, **kwargs)

        monkeypatch.setattr(asyncio, "to_thread", counted)

    def _count(self, *args: Any) -> None:
        statement = str(args[2]).split(maxsplit=1)[0].upper()
        feeding = self._feeding is not None and asyncio.current_task() is self._feeding
        (self.on_path if feeding else self.off_path)[statement] += 1

    async def feed(self, payload: Json, update_id: int | None = None) -> tuple[int, Counter[str]]:
        """The update's statement count on its path, and the statements by kind."""
        raw = {"update_id": update_id or next(self._ids), **payload}
        update = Update.model_validate(raw, context={"bot": self.app.bot})
        self.on_path.clear()
        self.thread_hops = 0
        self.driver.round_trips.clear()
        self._feeding = asyncio.ensure_future(
            self.app.dispatcher.feed_update(self.app.bot, update)
        )
        self.driver.kind_of_task[self._feeding] = ON_PATH
        try:
            await self._feeding
        finally:
            self.driver.kind_of_task.pop(self._feeding, None)
            self._feeding = None
        return update.update_id, Counter(self.on_path)


@pytest.fixture
async def feeder(database_url: str) -> AsyncIterator[Feeder]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        bot_token="123456:BUDGET",
        database_url=database_url,
        redis_url=None,
        staff_chat_id=None,
    )
    async with create_application(settings) as app:
        await app.bot.session.close()  # never used: the fake Bot API answers in process
        feeder = Feeder(app)
        try:
            yield feeder
        finally:
            feeder.driver.detach()


async def _claimed(feeder: Feeder, update_id: int) -> bool:
    async with feeder.app.session_factory() as session:
        found = await session.scalar(
            select(ProcessedUpdateRow.update_id).where(ProcessedUpdateRow.update_id == update_id)
        )
    return found is not None


async def test_an_update_that_changes_nothing_costs_one_statement(
    feeder: Feeder, monkeypatch: pytest.MonkeyPatch
) -> None:
    feeder.count_thread_hops(monkeypatch)
    anna = Resident(700_000_001, feeder.telegram)
    _, first_contact = await feeder.feed(anna.text("/start"))
    assert first_contact["INSERT"] >= 1  # registered: the person and the claim are written
    await feeder.feed(anna.press(menu.MenuCb(action=menu.MenuAction.REPORT).pack()))
    category = anna.press(f"{reports_cb.CategoryCb.__prefix__}:")
    await feeder.feed(category)  # chosen: the form moved on, so this button is stale now
    stale = {"callback_query": category["callback_query"] | {"id": "stale"}}
    no_ops = {
        "sticker": anna.media("sticker"),
        "/help": anna.text("/help"),
        "unknown command": anna.text("/weather"),
        "stale button": stale,
    }
    for kind, payload in no_ops.items():
        calls_before = feeder.telegram.calls.total()
        update_id, statements = await feeder.feed(payload)
        assert feeder.telegram.calls.total() > calls_before, f"{kind}: the bot did not answer"
        assert statements.total() <= NO_OP_BUDGET, f"{kind}: {dict(statements)}"
        assert statements["SELECT"] == statements.total(), f"{kind} wrote on its path"
        trips = feeder.driver.round_trips[ON_PATH]
        assert trips <= NO_OP_ROUND_TRIPS, f"{kind}: {trips} driver round trips"
        assert feeder.thread_hops == 0, f"{kind}: aiogram ran a callable in a thread"
        await feeder.app.claims.drain()
        assert await _claimed(feeder, update_id), f"{kind}: its claim was never written"


async def test_a_replayed_no_op_update_is_not_answered_twice(feeder: Feeder) -> None:
    anna = Resident(700_000_002, feeder.telegram)
    await feeder.feed(anna.text("/start"))
    sticker = anna.media("sticker")
    update_id, _ = await feeder.feed(sticker)
    answered = feeder.telegram.calls.total()
    await feeder.feed(sticker, update_id)  # redelivered while its claim may still wait
    await feeder.app.claims.drain()
    await feeder.feed(sticker, update_id)  # replayed after the claim was written
    assert feeder.telegram.calls.total() == answered

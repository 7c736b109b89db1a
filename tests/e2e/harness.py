"""The real bot (dispatcher, middlewares, database) polling a Bot API stand-in over HTTP."""

import asyncio
import contextlib
import shutil
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import Application, create_application
from bot.outbox import create_outbox_dispatcher
from bot.polling import poll
from bot.settings import PROJECT_ROOT, Settings
from domain.clock import StartedClock, SystemClock
from sandbox.driver import Person
from sandbox.reading import wait_acknowledged
from sandbox.server import BotApiStandIn
from scheduler.outbox import DispatchReport, OutboxDispatcher
from storage.bootstrap import migrate_and_load
from storage.engine import create_engine, create_session_factory
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.e2e.waiting import eventually

# Monday 30 November 2026, 10:00 in Kazan: a working morning, so deadlines are predictable.
START = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
STAFF_CHAT_ID = -1001234567890


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def build_template(path: Path) -> None:
    await migrate_and_load(sqlite_url(path), PROJECT_ROOT / "data")


def settings_for(stand_in: BotApiStandIn, database: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": stand_in.token,
        "telegram_api_base": stand_in.base_url,
        "database_url": sqlite_url(database),
        "staff_chat_id": STAFF_CHAT_ID,
        "redis_url": None,
        "webhook_url": None,
        "default_locale": "ru",
        # Tests tap faster than people; the flood test sets its own limits.
        "throttle_rate": 100.0,
        "throttle_burst": 100,
        # Staff in tests act faster than Telegram's 20 messages a minute in a group allow;
        # the stand-in enforces no pace unless a test turns it on.
        "group_messages_per_minute": 600.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class OutboxPasses:
    """Numbers the dispatcher's passes, so that a test can wait for one that began after a
    given moment and found nothing due: the outbox at rest, everything committed before that
    moment sent."""

    def __init__(self) -> None:
        self.begun = 0
        self.last_idle = 0  # the number of the latest pass that ended having claimed nothing

    def watch(self, dispatcher: OutboxDispatcher) -> None:
        drain_once = dispatcher.drain_once

        async def counted() -> DispatchReport:
            self.begun += 1
            number = self.begun
            report = await drain_once()
            if report.idle:
                self.last_idle = max(self.last_idle, number)
            return report

        dispatcher.drain_once = counted  # type: ignore[method-assign]


class RunningBot:
    """Starts, stops and restarts the bot process (in this event loop) on one database."""

    def __init__(self, settings: Settings, clock: StartedClock) -> None:
        self.settings = settings
        self.clock = clock
        self.app: Application | None = None
        self._stack: AsyncExitStack | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._outbox: asyncio.Task[None] | None = None
        self.outbox_passes = OutboxPasses()

    async def start(self, polling: bool = True, outbox: bool = True) -> None:
        """`outbox=False`: a process that only answers (another one sends the outbox)."""
        self._stack = AsyncExitStack()
        self.app = await self._stack.enter_async_context(
            create_application(self.settings, clock=self.clock)
        )
        self._stop = asyncio.Event()
        dispatcher = create_outbox_dispatcher(
            self.app.bot,
            self.app.session_factory,
            self.app.i18n,
            self.app.districts,
            self.clock,
            pace=self.app.pace,
        )
        self.outbox_passes.watch(dispatcher)
        if outbox:
            self._outbox = asyncio.create_task(dispatcher.run(self._stop, self.app.outbox_wake))
        if polling:
            self._task = asyncio.create_task(
                poll(self.app.dispatcher, self.app.bot, self._stop, poll_timeout=1)
            )

    async def stop(self) -> None:
        self._stop.set()
        await self._stop_outbox()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=10)
            self._task = None
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def _stop_outbox(self, cancel: bool = False) -> None:
        if self._outbox is not None:
            if cancel:
                self._outbox.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._outbox, timeout=10)
            self._outbox = None

    async def kill(self) -> None:
        """A crash: the polling task dies wherever it is; nothing is confirmed on the way out."""
        await self._stop_outbox(cancel=True)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()


# Starts a bot of a given kind (polling, webhook) on a fresh database: see tests/e2e/conftest.
BotStarter = Callable[[type[RunningBot]], AbstractAsyncContextManager[RunningBot]]


def copy_template(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target


async def press_data(stand_in: BotApiStandIn, person: Person, data: str) -> None:
    """Press a button whose callback data the person made up (a forged or replayed press)."""
    message = person.replies()[-1]
    record = stand_in.world.new_callback(person.account, message.chat, message.message_id, data)
    query = {
        "id": record.id,
        "from": person.account.as_user(),
        "message": message.raw,
        "chat_instance": "1",
        "data": data,
    }
    await wait_acknowledged(
        [stand_in.world.push_update("callback_query", query)], "forged press", 5
    )


class WebhookBot(RunningBot):
    """The same bot receiving updates through its webhook endpoint (answered after handling)."""

    secret = "test-webhook-secret"

    async def start(self) -> None:
        from aiohttp import web

        from bot.web import WEBHOOK_PATH, create_web_app

        self._stack = AsyncExitStack()
        self.app = await self._stack.enter_async_context(
            create_application(self.settings, clock=self.clock)
        )
        web_app = create_web_app(self.app.dispatcher, self.app.bot, self.secret)
        runner = web.AppRunner(web_app, shutdown_timeout=1.0)
        await runner.setup()
        self._stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
        await self.app.bot.set_webhook(
            self.url,
            secret_token=self.secret,
            allowed_updates=self.app.dispatcher.resolve_used_update_types(),
        )


async def _due_waiting(session: AsyncSession, now: datetime) -> int:
    """Notifications due by `now` not yet settled (a row is settled only after its send
    returned)."""
    waiting = await session.scalar(
        select(func.count())
        .select_from(OutboxRow)
        .where(OutboxRow.status == "pending", OutboxRow.due_at <= now)
    )
    return int(waiting or 0)


async def outbox_drained(bot: RunningBot, timeout: float = 15.0) -> None:
    """Every notification due by now has left the outbox (sent or given up): whatever was
    going to be said about what happened so far has been said."""
    assert bot.app is not None
    session_factory, clock = bot.app.session_factory, bot.clock

    async def nothing_due() -> bool:
        async with session_factory() as session:
            return not await _due_waiting(session, clock.now())

    await eventually(nothing_due, timeout)


async def alerts_at_rest(database: Path, timeout: float = 15.0) -> None:
    """A whole bot process (bot/runner.py) seen from its database: every published change is
    fanned out and nothing due waits in the outbox. The `outbox_idle` of a process the test
    cannot reach into."""
    engine = create_engine(sqlite_url(database))
    session_factory = create_session_factory(engine)

    async def at_rest() -> bool:
        async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
            if await uow.fanouts.pending_count():
                return False
            return not await _due_waiting(uow.session, datetime.now(UTC))

    try:
        await eventually(at_rest, timeout)
    finally:
        await engine.dispose()


async def outbox_idle(bot: RunningBot, timeout: float = 15.0) -> None:
    """The dispatcher, woken now, made a pass that found nothing due, and nothing due waits:
    whatever was committed before this call has been sent (or given up). For assertions that
    something was *not* sent, without guessing how long to wait."""
    assert bot.app is not None
    passes, since = bot.outbox_passes, bot.outbox_passes.begun
    bot.app.outbox_wake.set()  # rather than the dispatcher's next look, seconds away

    def idle_pass() -> bool:
        return passes.last_idle > since

    await eventually(idle_pass, timeout, interval=0.01)
    await outbox_drained(bot, timeout)  # an idle pass may be one the overall limit held back

"""The real bot (dispatcher, middlewares, database) polling a Bot API stand-in over HTTP."""

import asyncio
import contextlib
import shutil
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from bot.app import Application, create_application
from bot.polling import poll
from bot.settings import PROJECT_ROOT, Settings
from domain.clock import FixedClock
from sandbox.server import BotApiStandIn
from storage.bootstrap import migrate_and_load

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
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class RunningBot:
    """Starts, stops and restarts the bot process (in this event loop) on one database."""

    def __init__(self, settings: Settings, clock: FixedClock) -> None:
        self.settings = settings
        self.clock = clock
        self.app: Application | None = None
        self._stack: AsyncExitStack | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stack = AsyncExitStack()
        self.app = await self._stack.enter_async_context(
            create_application(self.settings, clock=self.clock)
        )
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(
            poll(self.app.dispatcher, self.app.bot, self._stop, poll_timeout=1)
        )

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, timeout=10)
            self._task = None
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def kill(self) -> None:
        """A crash: the polling task dies wherever it is; nothing is confirmed on the way out."""
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


def copy_template(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    return target

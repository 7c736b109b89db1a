"""Sandbox mode: the real bot against the built-in Bot API stand-in, with a page to use it.

No Telegram and no internet: the same dispatcher, database schema, scheduler and web app as
in production (bot/runner.py `run`), pointed at an in-process stand-in on a free loopback
port, on a database of its own with demo data.
"""

import asyncio
import importlib
import logging
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from bot.runner import run
from bot.settings import ConfigError, Settings
from sandbox.cast import STAFF_CHAT_ID, Cast
from sandbox.demo.photos import keep_demo_photos
from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig
from sandbox.world import World

logger = logging.getLogger(__name__)
PAGE_PREFIX = "/sandbox"
PAGE_MODULE = "sandbox.web"
SANDBOX_BOT_ID = 123456  # the stand-in world's bot; only the secret half of the token varies
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - shown as loopback in the page address


async def run_sandbox(settings: Settings, stop: asyncio.Event) -> None:
    """Start the stand-in, seed the sandbox database once, then run the bot until `stop`."""
    check_separate_databases(settings)
    world = World(bot_id=SANDBOX_BOT_ID, first_update_id=first_update_id())
    keep_demo_photos(world.files)  # the demo's requests, seeded or not, name these files
    stand_in = BotApiStandIn(world, _new_token(), config=StandInConfig(max_lifetime=None))
    await stand_in.start("127.0.0.1", 0)
    try:
        cast = Cast.assemble(stand_in.world)
        bot_settings = sandbox_settings(settings, stand_in)
        await _prepare_database(bot_settings)
        address = page_address(bot_settings)
        logger.info("sandbox mode: no Telegram, a local stand-in; open %s", address)
        if stop.is_set():  # Ctrl+C while migrating: nothing to serve
            return
        await run(
            bot_settings,
            stop,
            web_extras=_page_mounter(stand_in, cast),
            on_listening=lambda: _announce(address),
        )
    finally:
        await stand_in.stop()


def check_separate_databases(settings: Settings) -> None:
    """Demo data must never land in the production database."""
    if same_database(settings.sandbox_database_url, settings.database_url):
        raise ConfigError(
            "SANDBOX_DATABASE_URL: must not be the same database as DATABASE_URL "
            "(the sandbox writes demo data); leave it empty for var/sandbox.sqlite3"
        )


def same_database(first: str, second: str) -> bool:
    a, b = make_url(first), make_url(second)
    if a.get_backend_name() == b.get_backend_name() == "sqlite":
        # Two spellings of one file ("var/x.db" and "/abs/var/x.db") are one database.
        return _sqlite_file(a.database) == _sqlite_file(b.database)
    same_server = (a.host, a.port, a.database) == (b.host, b.port, b.database)
    return a.get_backend_name() == b.get_backend_name() and same_server


def _sqlite_file(database: str | None) -> str:
    if not database or database == ":memory:":
        return ":memory:"
    return str(Path(database).resolve())


def sandbox_settings(settings: Settings, stand_in: BotApiStandIn) -> Settings:
    """The bot's settings in the sandbox: the stand-in, its own database, the cast's staff
    chat, long polling and no Redis (one process, nothing to share)."""
    return settings.model_copy(
        update={
            "telegram_api_base": stand_in.base_url,
            "bot_token": SecretStr(stand_in.token),
            "database_url": settings.sandbox_database_url,
            "staff_chat_id": STAFF_CHAT_ID,
            "webhook_url": None,
            "webhook_secret": None,
            "redis_url": None,
            # The request cards link to the public pages on this very server.
            "public_base_url": settings.public_base_url or web_address(settings),
        }
    )


def page_address(settings: Settings) -> str:
    return f"{web_address(settings)}{PAGE_PREFIX}"


def web_address(settings: Settings) -> str:
    """The bot's web server as a browser on this machine reaches it."""
    host = "127.0.0.1" if settings.web_host in WILDCARD_HOSTS else settings.web_host
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{settings.web_port}"


async def _prepare_database(settings: Settings) -> None:
    from sandbox.demo.seeding import seed_demo
    from storage.bootstrap import migrate_if_needed

    await migrate_if_needed(settings.database_url, settings.data_dir)
    seeded = await seed_demo(
        settings.database_url, settings.booking_policy(), settings.default_locale
    )
    logger.info("sandbox demo data: %s", seeded or "already there")


def _page_mounter(stand_in: BotApiStandIn, cast: Cast) -> Callable[[web.Application], None]:
    """sandbox.web.mount when the page is installed; without it the bot still runs (the
    page is built separately, and a half-written package must not stop the bot)."""
    try:
        page = importlib.import_module(PAGE_MODULE)
    except ModuleNotFoundError as error:
        if error.name != PAGE_MODULE:
            raise  # the page is there but broken: that is a bug to see, not to hide
        page = None
    mount: Callable[..., None] | None = getattr(page, "mount", None)
    if mount is None:
        logger.warning(
            "the sandbox page (%s.mount) is not available: serving the bot only", PAGE_MODULE
        )
        return lambda _app: None

    def mounter(app: web.Application) -> None:
        mount(app, stand_in, cast, prefix=PAGE_PREFIX)

    return mounter


READY_BANNER = "My Kazan sandbox is ready. Open this address in a browser (Ctrl+C stops it):"


def _announce(address: str) -> None:
    # The page address on stdout is the program's output (scripts wait for it, one line);
    # logs go to stderr, where a banner ends the start-up so the address below stands out.
    rule = "=" * len(READY_BANNER)
    sys.stderr.write(f"\n{rule}\n{READY_BANNER}\n")
    sys.stderr.flush()
    sys.stdout.write(f"{address}\n")
    sys.stdout.flush()
    sys.stderr.write(f"{rule}\n\n")
    sys.stderr.flush()


def first_update_id(now: float | None = None) -> int:
    """Above every update id an earlier run on the same database gave out: the bot skips an
    id it has handled, so a restarted stand-in counting from one fixed number again would have
    the person's first messages silently dropped. Ids grow with the clock (a thousand per
    second of wall time; a sandbox gives out far fewer)."""
    return int((time.time() if now is None else now) * 1000)


def _new_token() -> str:
    return f"{SANDBOX_BOT_ID}:{secrets.token_urlsafe(24)}"

"""Running the bot: long polling by default, a webhook when WEBHOOK_URL is set."""

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Awaitable, Callable

from aiogram.types import BotCommand
from aiohttp import web

from bot.api.routing import api_context
from bot.app import Application, create_application
from bot.escalation import recipients_for
from bot.memory import release_free_memory_periodically
from bot.open311.context import open311_context
from bot.outbox import create_outbox_dispatcher
from bot.polling import poll
from bot.public.app import public_context
from bot.settings import Settings
from bot.web import WEBHOOK_PATH, create_web_app
from handlers.commands import COMMANDS
from scheduler.fanout import FanoutWorker
from scheduler.setup import create_scheduler

logger = logging.getLogger(__name__)
Main = Callable[[Settings, asyncio.Event], Awaitable[None]]


async def set_commands(app: Application) -> None:
    for locale in app.i18n.available_locales:
        with app.i18n.context(), app.i18n.use_locale(locale):
            commands = [
                BotCommand(command=c.name, description=str(c.description)) for c in COMMANDS
            ]
        await app.bot.set_my_commands(commands, language_code=locale)


async def run_until_signalled(settings: Settings, main: Main | None = None) -> None:
    """The process entry: SIGINT/SIGTERM stop the bot gracefully (the batch in hand finishes).
    `main` is `run` by default; the sandbox (bot/sandbox_mode.py) wraps it."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await (main or run)(settings, stop)


async def run(
    settings: Settings,
    stop: asyncio.Event,
    *,
    web_extras: Callable[[web.Application], None] | None = None,
    on_listening: Callable[[], None] | None = None,
) -> None:
    """The bot. `web_extras` adds routes before the web app starts (the sandbox's page);
    `on_listening` is called once the web server accepts connections and everything else
    has started too, so that what it prints comes after the start-up logs."""
    async with create_application(settings) as app:
        me = await app.bot.get_me()
        logger.info("running as @%s against %s", me.username, settings.telegram_api_base)
        await set_commands(app)
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        public = public_context(app)
        web_app = create_web_app(
            app.dispatcher,
            app.bot,
            secret,
            api=api_context(app),
            metrics=app.metrics,
            public=public,
            open311=open311_context(app),
        )
        if web_extras is not None:
            web_extras(web_app)
        runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=5.0)
        await runner.setup()
        # With WEB_REUSE_PORT several processes listen on one address (README: "Several
        # processes"); each chat's order is kept by Telegram, which sends a chat's next update
        # only after the webhook answered the last (and the answer comes after handling).
        site = web.TCPSite(
            runner,
            settings.web_host,
            settings.web_port,
            reuse_port=settings.web_reuse_port or None,
        )
        await site.start()
        scheduler = create_scheduler(
            app.session_factory,
            app.clock,
            settings.staff_chat_id,
            settings.booking_policy(),
            faq=app.faq,  # edits made in another process reach this one within 30 s
            escalation_recipients=recipients_for(app.bot, settings.staff_chat_id),
        )
        scheduler.start()
        outbox = create_outbox_dispatcher(
            app.bot,
            app.session_factory,
            app.i18n,
            app.districts,
            app.clock,
            on_report=app.metrics.observe_report,
            pace=app.pace,  # with the replies, and through Redis with other processes
        )
        outbox_task = asyncio.create_task(outbox.run(stop, app.outbox_wake))
        # Published outages and events become outbox rows here; it wakes the dispatcher.
        fanout = FanoutWorker(app.session_factory, app.clock, outbox_wake=app.outbox_wake)
        fanout_task = asyncio.create_task(fanout.run(stop, app.fanout_wake))
        # RSS stays flat over a long run only if glibc's free pages go back (bot/memory.py).
        memory_task = asyncio.create_task(release_free_memory_periodically(stop))
        freeze_start_up()
        try:
            if settings.webhook_url:
                await app.bot.set_webhook(
                    settings.webhook_url + WEBHOOK_PATH,
                    secret_token=secret,
                    allowed_updates=app.dispatcher.resolve_used_update_types(),
                )
                logger.info("webhook mode: %s%s", settings.webhook_url, WEBHOOK_PATH)
                _ready(on_listening)
                await stop.wait()
            else:
                await app.bot.delete_webhook(drop_pending_updates=False)
                logger.info("long polling mode")
                _ready(on_listening)
                await poll(app.dispatcher, app.bot, stop)
        finally:
            stop.set()
            await outbox_task
            await fanout_task  # it stops between batches: a batch is one transaction
            await memory_task
            scheduler.shutdown(wait=False)
            await runner.cleanup()


def freeze_start_up() -> None:
    """What start-up built (aiogram's ~700 pydantic models, the routers, the reference data,
    the FAQ index) lives as long as the process. Moved out of the cyclic collector's sight
    (gc.freeze), it is no longer walked by every full collection: under load those were
    250 ms pauses, and p99 at 100 updates/s offered fell from ~220 ms to ~20 ms
    (tests/bench/bench_latency.py). Objects made later are collected as before."""
    gc.collect()
    gc.freeze()


def _ready(on_listening: Callable[[], None] | None) -> None:
    if on_listening is not None:
        on_listening()

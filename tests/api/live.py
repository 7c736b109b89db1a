"""The real web app (admin API and Open311 included) served on 127.0.0.1 from a background
thread, for clients that are not asyncio: schemathesis and a GeoReport v2 client drive it
over HTTP with `requests`.

The thread runs its own event loop with the Bot API stand-in, the application on a migrated
SQLite copy (reference data loaded) and the aiohttp site; `LiveApi` starts it, waits until it
listens and stops it on exit.
"""

import asyncio
import threading
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path

from aiohttp import web

from bot.api.routing import api_context
from bot.app import Application, create_application
from bot.open311.context import open311_context
from bot.web import create_web_app
from domain.clock import FixedClock
from domain.requests import Place
from domain.services.reports import ReportDraft, submit_request
from domain.services.users import ensure_user
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.api.harness import AUTHOR_ID, OPEN311_KEY, TOKEN, WEBHOOK_SECRET
from tests.e2e.harness import START, build_template, copy_template, settings_for

HOST = "127.0.0.1"
START_TIMEOUT = 60.0


async def _serve(database: Path, ready: "asyncio.Future[str]", stop: asyncio.Event) -> None:
    async with AsyncExitStack() as stack:
        stand_in = await stack.enter_async_context(BotApiStandIn())
        settings = settings_for(
            stand_in, database, admin_api_tokens=TOKEN, open311_api_keys=OPEN311_KEY
        )
        clock = FixedClock(START)
        app = await stack.enter_async_context(create_application(settings, clock=clock))
        await _file_requests(app, clock)
        web_app = create_web_app(
            app.dispatcher,
            app.bot,
            WEBHOOK_SECRET,
            api=api_context(app),
            metrics=app.metrics,
            open311=open311_context(app),
        )
        runner = web.AppRunner(web_app)
        await runner.setup()
        stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        port = runner.addresses[0][1]
        ready.set_result(f"http://{HOST}:{port}")
        await stop.wait()


async def _file_requests(app: Application, clock: FixedClock) -> None:
    """A few requests, so that the request endpoints have something to read and move."""
    async with SqlUnitOfWork(app.session_factory, clock, app.settings.staff_chat_id) as uow:
        await ensure_user(uow, clock, AUTHOR_ID, "Анна", None, "ru", "ru")
        for category, label in (("roads", "ул. Баумана, 10"), ("lighting", "ул. Пушкина, 5")):
            draft = ReportDraft(category, Place(label, district="Вахитовский"), "Яма у дома")
            await submit_request(uow, clock, AUTHOR_ID, draft)
        await uow.commit()


@contextmanager
def live_api(workdir: Path, template: Path | None = None) -> Iterator[str]:
    """Serve the app until the block ends; yields its base URL ("http://127.0.0.1:PORT")."""
    database = workdir / "live.sqlite3"
    if template is None:
        asyncio.run(build_template(database))
    else:
        copy_template(template, database)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    ready: asyncio.Future[str] = loop.create_future()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            loop.run_until_complete(_serve(database, ready, stop))
        except BaseException as error:  # surfaced to the caller below
            failure.append(error)
            if not ready.done():
                ready.cancel()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    thread = threading.Thread(target=run, name="live-api", daemon=True)
    thread.start()
    try:
        url = asyncio.run_coroutine_threadsafe(_wait(ready), loop).result(START_TIMEOUT)
    except BaseException:
        thread.join(START_TIMEOUT)
        if failure:
            raise failure[0] from None
        raise
    try:
        yield url
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(START_TIMEOUT)
        if failure:
            raise failure[0]


async def _wait(ready: "asyncio.Future[str]") -> str:
    return await ready


AUTH_HEADER = f"Authorization: Bearer {TOKEN}"

"""``mount``: the sandbox chat page, its assets, files and API on an aiohttp application."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from sandbox.cast import Cast
from sandbox.server import BotApiStandIn
from sandbox.web import api_actions, api_inline, api_photos, api_read, stream
from sandbox.web.context import WEB_SANDBOX, WebSandbox
from sandbox.web.places import DEFAULT_DATA_DIR, load_places

STATIC_DIR = Path(__file__).parent / "static"
_PREFIX = re.compile(r"(/[A-Za-z0-9_.-]+)+")
# Everything the page uses comes from this server; the CSP makes a stray CDN link fail.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def mount(
    app: web.Application,
    stand_in: BotApiStandIn,
    cast: Cast,
    prefix: str = "/sandbox",
    *,
    data_dir: Path = DEFAULT_DATA_DIR,
) -> None:
    """Serve the sandbox chat under ``prefix``: the page, /static, /files and /api."""
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"prefix must look like /sandbox (no trailing slash), not {prefix!r}")
    sandbox = WebSandbox(stand_in, cast, prefix, load_places(data_dir))
    app[WEB_SANDBOX] = sandbox
    app.on_shutdown.append(_closing(sandbox))
    page = _page(prefix)

    async def index(request: web.Request) -> web.Response:
        headers = {"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache"}
        return web.Response(text=page, content_type="text/html", headers=headers)

    api = f"{prefix}/api"
    app.router.add_get(prefix, index)
    app.router.add_get(f"{prefix}/", index)
    app.router.add_static(f"{prefix}/static", STATIC_DIR, append_version=False)
    app.router.add_get(f"{prefix}/files/{{file_id}}", api_read.stored_file)
    app.router.add_get(f"{api}/state", api_read.state)
    app.router.add_get(f"{api}/chats/{{chat_id}}/messages", api_read.messages)
    app.router.add_get(f"{api}/events", stream.events)
    app.router.add_post(f"{api}/send", api_actions.send)
    app.router.add_post(f"{api}/press", api_actions.press)
    app.router.add_post(f"{api}/reply-button", api_actions.reply_button)
    app.router.add_post(f"{api}/location", api_actions.location)
    app.router.add_post(f"{api}/contact", api_actions.contact)
    app.router.add_post(f"{api}/photos", api_photos.photos)
    app.router.add_post(f"{api}/people", api_actions.add_person)
    app.router.add_post(f"{api}/inline", api_inline.ask)
    app.router.add_post(f"{api}/inline/choose", api_inline.choose)


def _page(prefix: str) -> str:
    """The page with its asset paths under ``prefix`` (it may be mounted anywhere)."""
    source = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    return source.replace("__PREFIX__", html.escape(prefix))


def _closing(sandbox: WebSandbox) -> Callable[[web.Application], Awaitable[None]]:
    async def on_shutdown(app: web.Application) -> None:
        # Runs before aiohttp waits for open connections: the event streams end now.
        sandbox.closing.set()

    return on_shutdown

"""The aiohttp web app: Telegram webhook (acknowledged only after handling), health,
Prometheus metrics, the admin API (bot/api) and the public pages (bot/public)."""

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiohttp import web

from bot.api.app import setup_api
from bot.api.routing import ApiContext
from bot.metrics import CONTENT_TYPE, Metrics
from bot.public.app import PublicContext, setup_public
from handlers.errors import TRANSIENT_FAILURES

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _healthz(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def create_web_app(
    dispatcher: Dispatcher,
    bot: Bot,
    secret: str | None,
    *,
    api: ApiContext | None = None,
    metrics: Metrics | None = None,
    public: PublicContext | None = None,
) -> web.Application:
    """The webhook and /healthz always; /metrics, /api/v1 and the public pages (/city,
    /r/KZN-000123) when their parts are given."""

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if secret is not None and not hmac.compare_digest(given, secret):
            # 401: the caller did not prove who it is (the header is its credential).
            return web.json_response({"error": "unauthorized"}, status=401)
        try:
            update = Update.model_validate(await request.json(), context={"bot": bot})
        except ValueError:
            return web.json_response({"error": "bad update"}, status=400)
        try:
            # Answer only after handling: a non-2xx makes Telegram deliver the update again.
            await dispatcher.feed_update(bot, update)
        except TRANSIENT_FAILURES:
            return web.json_response({"error": "unavailable"}, status=503)
        except Exception:
            logger.exception("update %s failed", update.update_id)
            return web.json_response({"error": "failed"}, status=500)
        return web.json_response({})

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(WEBHOOK_PATH, webhook)
    app.router.add_get("/healthz", _healthz)
    if metrics is not None and api is not None:
        app.router.add_get("/metrics", _metrics_endpoint(metrics, api), allow_head=False)
    if api is not None:
        setup_api(app, api)
    if public is not None:
        setup_public(app, public)
    return app


def _metrics_endpoint(
    metrics: Metrics, api: ApiContext
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def scrape(_: web.Request) -> web.Response:
        body = await metrics.exposition(api.session_factory, api.clock)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    return scrape

"""The aiohttp web app: Telegram webhook (acknowledged only after handling) and health."""

import hmac
import logging

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiohttp import web

from domain.errors import ServiceUnavailable

logger = logging.getLogger(__name__)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _healthz(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def create_web_app(dispatcher: Dispatcher, bot: Bot, secret: str | None) -> web.Application:
    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if secret is not None and not hmac.compare_digest(given, secret):
            return web.json_response({"error": "forbidden"}, status=403)
        try:
            update = Update.model_validate(await request.json(), context={"bot": bot})
        except ValueError:
            return web.json_response({"error": "bad update"}, status=400)
        try:
            # Answer only after handling: a non-2xx makes Telegram deliver the update again.
            await dispatcher.feed_update(bot, update)
        except ServiceUnavailable:
            return web.json_response({"error": "unavailable"}, status=503)
        except Exception:
            logger.exception("update %s failed", update.update_id)
            return web.json_response({"error": "failed"}, status=500)
        return web.json_response({})

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(WEBHOOK_PATH, webhook)
    app.router.add_get("/healthz", _healthz)
    return app

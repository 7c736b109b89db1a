"""The Open311 GeoReport v2 endpoint mounted on the bot's web app at /open311/v2/."""

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.open311.context import Open311Context
from bot.open311.filing import post_request
from bot.open311.formats import Format, Open311Error, format_of_path
from bot.open311.openapi import build_document
from bot.open311.queries import get_request, list_requests
from bot.open311.services import discovery, service_definition, services

logger = logging.getLogger(__name__)
ROOT = "/open311/v2"
FMT = "{fmt:json|xml}"
Handler = Callable[[web.Request, Open311Context, Format], Awaitable[web.Response]]
AiohttpHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("GET", f"/discovery.{FMT}", discovery),
    ("GET", f"/services.{FMT}", services),
    ("GET", f"/services/{{service_code:[^/.]+}}.{FMT}", service_definition),
    ("GET", f"/requests.{FMT}", list_requests),
    ("POST", f"/requests.{FMT}", post_request),
    ("GET", f"/requests/{{service_request_id:[^/.]+}}.{FMT}", get_request),
)


def setup_open311(app: web.Application, context: Open311Context) -> None:
    app.middlewares.append(open311_errors)
    for method, path, handler in ROUTES:
        app.router.add_route(method, ROOT + path, _bind(handler, context))
    document = build_document(ROOT)

    async def openapi(_: web.Request) -> web.Response:
        return web.json_response(document)

    app.router.add_get(ROOT + "/openapi.json", openapi)
    if not context.api_keys:
        logger.warning("OPEN311_API_KEYS is not set: Open311 POST requests will answer 403")


def _bind(handler: Handler, context: Open311Context) -> AiohttpHandler:
    async def handle(request: web.Request) -> web.StreamResponse:
        return await handler(request, context, Format(request.match_info["fmt"]))

    return handle


@web.middleware
async def open311_errors(request: web.Request, handler: AiohttpHandler) -> web.StreamResponse:
    """Every failure under /open311/ in the spec's error format (XML for a .xml path)."""
    if not request.path.startswith(ROOT + "/") and request.path != ROOT:
        return await handler(request)
    fmt = format_of_path(request.path)
    try:
        return await handler(request)
    except Open311Error as error:
        return error.response(fmt)
    except web.HTTPException as error:  # no such path (404), method (405), too large (413)
        if error.status < 400:
            raise
        response = Open311Error(error.status, error.reason.lower()).response(fmt)
        if "Allow" in error.headers:
            response.headers["Allow"] = error.headers["Allow"]
        return response
    except Exception:
        logger.exception("open311: %s %s failed", request.method, request.path)
        return Open311Error(500, "internal error; the server log has details").response(fmt)

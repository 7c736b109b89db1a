"""The admin API mounted on the bot's web app: every module's endpoints, the OpenAPI
document built from them, and the error and authentication middlewares."""

import logging
from collections.abc import Awaitable, Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from aiohttp import web

from bot.api import (
    bookings,
    departments,
    events,
    faq,
    incidents,
    outages,
    reports,
    requests,
    sites,
)
from bot.api.middlewares import auth_middleware, error_middleware
from bot.api.openapi import build_document
from bot.api.routing import ApiCall, ApiContext, Endpoint, RouteTable, bind

logger = logging.getLogger(__name__)
meta = RouteTable("meta")
# Each feature module has a `routes` table; add a new module's table here.
TABLES: tuple[RouteTable, ...] = (
    requests.routes,
    reports.routes,
    incidents.routes,
    outages.routes,
    events.routes,
    sites.routes,
    bookings.routes,
    faq.routes,
    departments.routes,
    meta,
)
OPENAPI_DOCUMENT = web.AppKey("openapi_document", dict[str, Any])
API_ENDPOINTS = web.AppKey("api_endpoints", list[Endpoint])


@meta.get("/openapi.json", responses={200: "application/json"}, public=True)
async def openapi_document(call: ApiCall) -> web.StreamResponse:
    """This document (OpenAPI 3.1); needs no token"""
    return web.json_response(call.request.app[OPENAPI_DOCUMENT])


def all_endpoints(tables: Sequence[RouteTable] = TABLES) -> list[Endpoint]:
    return [endpoint for table in tables for endpoint in table.endpoints]


def setup_api(app: web.Application, context: ApiContext) -> None:
    endpoints = all_endpoints()
    # The first middleware is the outermost: errors raised by authentication are shaped too.
    app.middlewares.extend([error_middleware, auth_middleware(context.tokens)])
    for path, methods in _by_path(endpoints).items():
        for endpoint in methods:
            app.router.add_route(endpoint.method, path, bind(endpoint, context))
        app.router.add_route("*", path, _not_allowed(sorted(e.method for e in methods)))
    app[API_ENDPOINTS] = endpoints
    app[OPENAPI_DOCUMENT] = build_document(endpoints, _version())
    if not context.tokens:
        logger.warning("ADMIN_API_TOKENS is not set: every admin API call will answer 401")


def _by_path(endpoints: Sequence[Endpoint]) -> dict[str, list[Endpoint]]:
    """Endpoints by path, fixed paths first: /faq/reload is matched before /faq/{entry_id}
    whatever the method, as OpenAPI says (concrete paths match before templated ones)."""
    paths: dict[str, list[Endpoint]] = {}
    for endpoint in sorted(endpoints, key=lambda e: "{" in e.full_path):
        paths.setdefault(endpoint.full_path, []).append(endpoint)
    return paths


def _not_allowed(methods: list[str]) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Any other method: 405 listing this path's own methods (aiohttp alone would list those
    of every path the URL matches, /faq/{entry_id}'s for /faq/reload)."""

    async def refuse(request: web.Request) -> web.StreamResponse:
        raise web.HTTPMethodNotAllowed(request.method, methods)

    return refuse


def _version() -> str:
    try:
        return version("mykazan")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0.0.0"

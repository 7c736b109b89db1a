"""The admin API mounted on the bot's web app: every module's endpoints, the OpenAPI
document built from them, and the error and authentication middlewares."""

import logging
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from aiohttp import web

from bot.api import bookings, events, faq, incidents, outages, reports, requests, sites
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
    for endpoint in endpoints:
        app.router.add_route(endpoint.method, endpoint.full_path, bind(endpoint, context))
    app[API_ENDPOINTS] = endpoints
    app[OPENAPI_DOCUMENT] = build_document(endpoints, _version())
    if not context.tokens:
        logger.warning("ADMIN_API_TOKENS is not set: every admin API call will answer 401")


def _version() -> str:
    try:
        return version("mykazan")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0.0.0"

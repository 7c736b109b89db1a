"""JSON error answers of the web chat's API."""

from __future__ import annotations

import json

from aiohttp import web


def _body(message: str) -> str:
    return json.dumps({"error": message}, ensure_ascii=False)


def bad_request(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=_body(message), content_type="application/json")


def forbidden(message: str) -> web.HTTPForbidden:
    return web.HTTPForbidden(text=_body(message), content_type="application/json")


def not_found(message: str) -> web.HTTPNotFound:
    return web.HTTPNotFound(text=_body(message), content_type="application/json")


def conflict(message: str) -> web.HTTPConflict:
    return web.HTTPConflict(text=_body(message), content_type="application/json")


def gateway_timeout(message: str) -> web.HTTPGatewayTimeout:
    return web.HTTPGatewayTimeout(text=_body(message), content_type="application/json")

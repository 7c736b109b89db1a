"""Errors and authentication for /api/: every failure answers the one JSON error shape."""

import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from aiohttp.typedefs import Middleware

from bot.api.errors import CODE_OF, ApiError, ErrorCode
from bot.api.routing import PREFIX

logger = logging.getLogger(__name__)
AiohttpHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]
API_ROOT = "/api/"
PUBLIC_PATHS = frozenset({PREFIX + "/openapi.json"})
BEARER = "Bearer "


@web.middleware
async def error_middleware(request: web.Request, handler: AiohttpHandler) -> web.StreamResponse:
    if not request.path.startswith(API_ROOT):
        return await handler(request)
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except web.HTTPException as error:
        # aiohttp's own answers: no such route (404), wrong method (405), body too large...
        if error.status < 400:  # a redirect is not an error
            raise
        return _from_http(error).response()
    except Exception:
        logger.exception("admin API: %s %s failed", request.method, request.path)
        return ApiError(
            ErrorCode.INTERNAL, "internal error; the server log has details"
        ).response()


def _from_http(error: web.HTTPException) -> ApiError:
    fallback = ErrorCode.BAD_REQUEST if error.status < 500 else ErrorCode.INTERNAL
    code = CODE_OF.get(error.status, fallback)
    headers = {"Allow": error.headers["Allow"]} if "Allow" in error.headers else None
    return ApiError(code, error.reason.lower() or error.text or code.value, headers=headers)


def auth_middleware(tokens: Sequence[str]) -> Middleware:
    """`Authorization: Bearer <token>` must be one of `tokens` (compared in constant time)."""
    known = [token.encode() for token in tokens]

    @web.middleware
    async def authenticate(request: web.Request, handler: AiohttpHandler) -> web.StreamResponse:
        if request.path.startswith(API_ROOT) and request.path not in PUBLIC_PATHS:
            _check(request.headers.get("Authorization", ""), known)
        return await handler(request)

    return authenticate


def _check(header: str, known: list[bytes]) -> None:
    if not known:
        raise _unauthorized("the admin API is off: no ADMIN_API_TOKENS are configured")
    if not header.startswith(BEARER):
        raise _unauthorized("send Authorization: Bearer <token>")
    given = header.removeprefix(BEARER).strip().encode()
    # Compare with every token, not stopping at a match: the time says nothing about which.
    matches = [hmac.compare_digest(given, token) for token in known]
    if not any(matches):
        raise _unauthorized("the bearer token is not valid")


def _unauthorized(message: str) -> ApiError:
    return ApiError(
        ErrorCode.UNAUTHORIZED, message, headers={"WWW-Authenticate": 'Bearer realm="mykazan"'}
    )

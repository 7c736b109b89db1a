"""One JSON shape for every API error, and the exception that carries it.

`{"error": {"code": "validation_failed", "message": "...", "details": [{"field": "ends_at",
"problem": "..."}]}}`: `code` is for programs (stable), `message` for people, `details`
names the fields at fault when there are any.
"""

from collections.abc import Mapping, Sequence
from enum import StrEnum

from aiohttp import web
from pydantic import BaseModel, ConfigDict


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"  # a malformed HTTP request that fits no other code
    INVALID_JSON = "invalid_json"
    UNAUTHORIZED = "unauthorized"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    VALIDATION_FAILED = "validation_failed"
    INTERNAL = "internal_error"


STATUS_OF: dict[ErrorCode, int] = {
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.INVALID_JSON: 400,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CONFLICT: 409,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.VALIDATION_FAILED: 422,
    ErrorCode.INTERNAL: 500,
}
# aiohttp's own refusals by status; a 400 from aiohttp is a malformed request, not bad JSON.
CODE_OF = {
    status: code for code, status in STATUS_OF.items() if code is not ErrorCode.INVALID_JSON
}
DESCRIPTIONS = {
    400: "The body is not valid JSON (invalid_json) or the HTTP request is malformed",
    401: "No bearer token, or not one of ADMIN_API_TOKENS",
    404: "No such thing",
    405: "The path exists, the method does not",
    409: "The request is valid but the current state forbids it",
    413: "The body is larger than the API accepts",
    415: "The body must be application/json",
    422: "A field is missing, unknown, of the wrong type or out of range",
    500: "A bug on our side (never an answer to bad input)",
}


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: str
    problem: str


class ErrorInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: ErrorCode
    message: str
    details: list[ErrorDetail] = []


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer of /api/ has this body."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorInfo


class ApiError(Exception):
    """Raised anywhere below a handler; the error middleware turns it into the JSON shape."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        details: Sequence[ErrorDetail] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = dict(headers or {})

    @property
    def status(self) -> int:
        return STATUS_OF[self.code]

    def response(self) -> web.Response:
        body = ErrorBody(
            error=ErrorInfo(code=self.code, message=self.message, details=self.details)
        )
        return web.Response(
            status=self.status,
            body=body.model_dump_json().encode(),
            content_type="application/json",
            headers=self.headers,
        )


def not_found(what: str) -> ApiError:
    return ApiError(ErrorCode.NOT_FOUND, f"{what} not found")


def conflict(message: str) -> ApiError:
    return ApiError(ErrorCode.CONFLICT, message)


def invalid(field: str, problem: str) -> ApiError:
    """A value that parsed but means nothing here (an unknown category, district, street)."""
    return ApiError(
        ErrorCode.VALIDATION_FAILED,
        f"{field}: {problem}",
        [ErrorDetail(field=field, problem=problem)],
    )

"""Turning HTTP input into pydantic models and models into JSON answers.

Bodies are strict: `extra="forbid"` (see `BodyModel`), no type coercion ("1" is not 1), and
datetimes must be timezone-aware ISO 8601 (use `AwareDatetime`). Query strings are text by
nature, so they are parsed leniently ("50" is 50) but unknown parameters are still refused.
Answers serialise datetimes as ISO 8601 in UTC (use `UtcDateTime` in response models).
"""

from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar, get_args, get_origin

from aiohttp import web
from multidict import MultiMapping
from pydantic import BaseModel, ConfigDict, PlainSerializer, ValidationError, WithJsonSchema

from bot.api.errors import ApiError, ErrorCode, ErrorDetail

MAX_BODY_BYTES = 64 * 1024  # far more than any legitimate call; the webhook keeps its 1 MiB
JSON_TYPE = "application/json"
M = TypeVar("M", bound=BaseModel)


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


# A datetime answered as "2026-11-30T07:00:00Z", whatever zone it was held in.
UtcDateTime = Annotated[
    datetime,
    PlainSerializer(_utc_text, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class BodyModel(BaseModel):
    """Base for request bodies: unknown fields refused, no coercion of types."""

    model_config = ConfigDict(extra="forbid", strict=True)


class QueryModel(BaseModel):
    """Base for query parameters: unknown parameters refused; list fields take the parameter
    repeated (`?status=new&status=resolved`) or comma-separated (`?status=new,resolved`)."""

    model_config = ConfigDict(extra="forbid")


class ResponseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


def list_fields(model: type[BaseModel]) -> set[str]:
    return {name for name, field in model.model_fields.items() if _is_list(field.annotation)}


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(get_origin(arg) is list for arg in get_args(annotation))


def parse_query(query: MultiMapping[str], model: type[M]) -> M:
    lists = list_fields(model)
    data: dict[str, Any] = {}
    for name in query:
        values = query.getall(name)
        if name in lists:
            data[name] = [part.strip() for value in values for part in value.split(",") if part]
        elif len(values) > 1:
            raise ApiError(
                ErrorCode.VALIDATION_FAILED,
                f"{name}: given {len(values)} times",
                [ErrorDetail(field=name, problem="give this parameter once")],
            )
        else:
            data[name] = values[0]
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_error(error) from None


async def read_body(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, refused with 413 past `limit` (declared or actually sent)."""
    if request.content_length is not None and request.content_length > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    # The stream is read directly: the app's client_max_size (1 MiB, for the webhook) is
    # too generous here, and chunked bodies have no Content-Length to check up front.
    async for chunk in request.content.iter_any():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int) -> ApiError:
    return ApiError(ErrorCode.PAYLOAD_TOO_LARGE, f"the body must not exceed {limit} bytes")


async def parse_body(request: web.Request, model: type[M]) -> M:
    if request.content_type != JSON_TYPE:
        raise ApiError(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            f"send the body as {JSON_TYPE} (got {request.content_type or 'nothing'})",
        )
    raw = await read_body(request)
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(problem["type"] == "json_invalid" for problem in error.errors()):
            message = error.errors()[0]["msg"]
            raise ApiError(ErrorCode.INVALID_JSON, message) from None
        raise validation_error(error) from None


def validation_error(error: ValidationError) -> ApiError:
    details = [
        ErrorDetail(
            field=".".join(str(part) for part in problem["loc"]) or "body", problem=problem["msg"]
        )
        for problem in error.errors(include_url=False)
    ]
    summary = "; ".join(f"{d.field}: {d.problem}" for d in details)
    return ApiError(ErrorCode.VALIDATION_FAILED, summary, details)


def json_response(model: BaseModel, status: int = 200) -> web.Response:
    return web.Response(
        status=status, body=model.model_dump_json().encode(), content_type=JSON_TYPE
    )

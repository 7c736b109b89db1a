"""Turning HTTP input into pydantic models and models into JSON answers.

The models are the one source of truth: the OpenAPI document is their JSON schema
(bot/api/openapi.py) and every input is validated by them in strict mode, so the server
accepts exactly what the document describes. Bodies: `extra="forbid"` (see `BodyModel`), no
type coercion ("1" is not 1), datetimes RFC 3339 with an offset (use `Timestamp`). Query and
path values are text: each is read as the JSON value its documented schema names (ASCII
digits for an integer, `true`/`false` for a boolean, any other text stays a string), then
validated as strictly as a body; unknown parameters are refused.
Answers serialise datetimes as ISO 8601 in UTC (use `UtcDateTime` in response models).
"""

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, TypeVar, get_args, get_origin

from aiohttp import web
from multidict import MultiMapping
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)
from pydantic.json_schema import JsonDict

from bot.api.errors import ApiError, ErrorCode, ErrorDetail

MAX_BODY_BYTES = 64 * 1024  # far more than any legitimate call; the webhook keeps its 1 MiB
JSON_TYPE = "application/json"
M = TypeVar("M", bound=BaseModel)
# The largest id a database column holds (a signed 64-bit integer): beyond it, not found.
MAX_ID = 2**63 - 1
# RFC 3339's date-time (what "format": "date-time" means): seconds and an offset required.
# pydantic alone also takes "0.5" (a Unix time), "2026-01-01 10:00Z" or "T10:00Z".
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_INTEGER = re.compile(r"-?[0-9]{1,20}")  # ASCII only: "3¹" and "٣" pass str.isdigit
_NUMBER = re.compile(r"-?[0-9]{1,20}(\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?")
_BOOLEANS = {"true": True, "false": False}


def _rfc3339(value: Any) -> Any:
    """Text to a datetime by RFC 3339 alone (anything else is left to the strict check)."""
    if not isinstance(value, str):
        return value
    problem = "use RFC 3339 with an offset, e.g. 2026-11-30T10:00:00+03:00"
    if not _RFC3339.fullmatch(value):
        raise ValueError(problem)
    try:
        moment = datetime.fromisoformat(value.upper())
        moment.astimezone(UTC)  # year 1 or 9999 with an offset has no UTC time
    except (ValueError, OverflowError):
        raise ValueError(f"out of range; {problem}") from None
    return moment


# A timezone-aware moment in, as RFC 3339 text ("2026-11-30T10:00:00+03:00", "...Z").
Timestamp = Annotated[AwareDatetime, BeforeValidator(_rfc3339)]


def refuse_null(value: Any) -> Any:
    """For a `mode="before"` field validator of the fields declared with `kept()`: defaults
    are not validated, so this only sees a null sent on purpose."""
    if value is None:
        raise ValueError("may not be null; leave the field out to keep it")
    return value


def _not_nullable(schema: JsonDict) -> None:
    """Document a field declared with `kept()` as its type without null and no default."""
    options = schema.pop("anyOf")
    assert isinstance(options, list)
    schema.update(next(o for o in options if isinstance(o, dict) and o.get("type") != "null"))
    schema.pop("default", None)


def kept(**constraints: Any) -> Any:
    """A PATCH field that may be left out but never cleared with null (validate it with
    `refuse_null`); `name: Name | None = kept()`."""
    return Field(default=None, json_schema_extra=_not_nullable, **constraints)


# An http(s) URL without spaces or control characters. The characters are listed, not `\S`:
# the document's regex dialect (ECMA 262) and pydantic's disagree on what a space is.
WEB_LINK_PATTERN = r"^https?://[^\x00-\x20\x7f]+$"


# A database id in a query or a path: ASCII digits, within a 64-bit column.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Cursor = Annotated[int, Field(ge=0, le=MAX_ID)]


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

    model_config = ConfigDict(extra="forbid", strict=True)


class PathModel(BaseModel):
    """Base for the `{name}` segments of a path: a value that does not fit names nothing
    (404), except on PUT, where the path names what is being created (422)."""

    model_config = ConfigDict(extra="forbid", strict=True, loc_by_alias=False)


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
    types = _property_types(model)
    data: dict[str, Any] = {}
    for name in query:
        values = query.getall(name)
        kinds = types.get(name, frozenset())
        if name in lists:
            # An empty value is an empty item, refused like any other wrong one.
            parts = [part.strip() for value in values for part in value.split(",")]
            data[name] = [_typed(part, kinds) for part in parts]
        elif len(values) > 1:
            raise ApiError(
                ErrorCode.VALIDATION_FAILED,
                f"{name}: given {len(values)} times",
                [ErrorDetail(field=name, problem="give this parameter once")],
            )
        else:
            data[name] = _typed(values[0], kinds)
    return validate_text(data, model)


def parse_path(match_info: MultiMapping[str] | dict[str, str], model: type[M], put: bool) -> M:
    types = _property_types(model)
    data = {
        name: _typed(value, types.get(name, frozenset())) for name, value in match_info.items()
    }
    try:
        return validate_text(data, model)
    except ApiError:
        if put:
            raise
        shown = ", ".join(repr(value) for value in match_info.values())
        raise ApiError(ErrorCode.NOT_FOUND, f"{shown} not found") from None


def validate_text(data: Any, model: type[M]) -> M:
    """Validate values read from text as a JSON body of them is (strict types)."""
    try:
        return model.model_validate_json(json.dumps(data))
    except ValidationError as error:
        raise validation_error(error) from None


def _typed(text: str, kinds: frozenset[str]) -> Any:
    """The JSON value a text stands for, given the JSON types its schema allows."""
    if "integer" in kinds and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in kinds and _NUMBER.fullmatch(text):
        return float(text) if ("." in text or "e" in text.lower()) else int(text)
    if "boolean" in kinds and text in _BOOLEANS:
        return _BOOLEANS[text]
    return text


@cache
def _property_types(model: type[BaseModel]) -> dict[str, frozenset[str]]:
    """Field name (as sent) -> the JSON types of its schema (of its items, for a list)."""
    schema = model.model_json_schema()
    definitions = schema.get("$defs", {})
    return {
        name: frozenset(_types(prop, definitions))
        for name, prop in schema.get("properties", {}).items()
    }


def _types(schema: dict[str, Any], definitions: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        return _types(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions)
    found: set[str] = set()
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _types(option, definitions)
    if schema.get("type") == "array":
        return found | _types(schema.get("items", {}), definitions)
    kind = schema.get("type")
    if isinstance(kind, str):
        found.add(kind)
    elif "enum" in schema or "const" in schema:
        found.add("string")
    return found


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
        data = json.loads(raw, parse_float=_json_number, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise ApiError(ErrorCode.INVALID_JSON, f"the body is not JSON: {error}") from None
    return validate_text(data, model)


def _json_number(text: str) -> int | float:
    """A JSON number with a fraction or exponent; 5.0 is still the integer 5 (as JSON Schema
    counts it), so an integer field takes it."""
    value = Decimal(text)
    if value == value.to_integral_value() and abs(value) < 10**20:
        return int(value)
    return float(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


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

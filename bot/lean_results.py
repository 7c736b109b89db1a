"""The Bot API's answers to sends and edits, built without pydantic's full validation.

aiogram validates every answer into its full model: for a sent message with a keyboard that
is ~0.15 ms of CPU (a Message has 127 fields, and each nested object, every button included,
runs two Python hooks), about a tenth of an update's work (issue 16). The bot reads back only
the id of what it sent (the photo status, the summary, the notifier's message ids), so the
message is built here directly, as pydantic's `model_construct` would, at a fraction of that:
- every plain field Telegram sent (id, text, dates, ...) holds what validation would give
  (`date` as an aware datetime), and every field Telegram left out holds its default (None);
- a nested object of one model (`chat`, `from`, `reply_markup`) is built the same way;
- a list (entities, photo sizes, the keyboard's rows) is not built at all: reading it raises
  AttributeError, loudly, instead of giving a wrong value. A caller that needs one asks
  for the method's full validation by leaving it out of `LEAN_RESULTS`.
Anything else — an error (ok=false: 429 with retry_after, 400, 403, a group migrated), an
answer of an unexpected shape, a method not listed — goes through aiogram's own
`check_response`, so its exceptions are exactly aiogram's.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from http import HTTPStatus
from types import UnionType
from typing import Any, Union, get_args, get_origin

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Message, TelegramObject

# Answers that are a Message (sends, forwards), a Message or True (edits: True for inline
# messages), or a list of them (albums). Their callers read `message_id` alone.
LEAN_RESULTS: frozenset[Any] = frozenset({Message, Message | bool, list[Message]})

_RESPONSE = Response[Any]
Build = Callable[[Any, Bot], Any]  # a JSON value -> the field's value (raises _NotLean)


class _NotLean(Exception):
    """The answer is not of the shape expected: the full validation is to judge it."""


def lean_result(bot: Bot, method: TelegramMethod[Any], answer: Any) -> Response[Any] | None:
    """The successful answer `{"ok": true, "result": ...}` to a method of `LEAN_RESULTS`,
    built cheaply; None for anything else (to be validated fully)."""
    returning = method.__returning__
    if not _is_lean(type(method)) or not isinstance(answer, dict) or answer.get("ok") is not True:
        return None
    result = answer.get("result")
    try:
        if isinstance(result, list) and returning == list[Message]:
            built: Any = [lean_object(Message, item, bot) for item in result]
        elif result is True and returning == Message | bool:
            built = True
        else:
            built = lean_object(Message, result, bot)
    except _NotLean:
        return None
    return _RESPONSE.model_construct(ok=True, result=built)


@cache
def _is_lean(method: type[TelegramMethod[Any]]) -> bool:
    return method.__returning__ in LEAN_RESULTS  # a union's hash is not cached: this is


def lean_object(model: type[TelegramObject], data: Any, bot: Bot) -> TelegramObject:
    if not isinstance(data, dict):
        raise _NotLean
    fields, defaults, required = _shape(model)
    values = dict(defaults)
    extra: dict[str, Any] = {}
    given: set[str] = set()
    unbuilt: set[str] = set()
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            extra[key] = value  # like validation (extra="allow"): kept as sent, and set
            given.add(key)
            continue
        name, build = field
        given.add(name)
        if build is not None:
            values[name] = build(value, bot)
        elif isinstance(value, dict | list):
            values.pop(name, None)  # not built: reading it raises instead of a wrong None
            unbuilt.add(name)
        else:
            values[name] = value
    if not required <= values.keys() | unbuilt:
        raise _NotLean
    built = model.__new__(model)
    object.__setattr__(built, "__dict__", values)
    object.__setattr__(built, "__pydantic_fields_set__", given)
    object.__setattr__(built, "__pydantic_extra__", extra)
    object.__setattr__(built, "__pydantic_private__", {"_bot": bot})
    return built


@cache
def _shape(
    model: type[TelegramObject],
) -> tuple[dict[str, tuple[str, Build | None]], dict[str, Any], frozenset[str]]:
    """Per JSON key: the field's name and how its value is built (None: kept as sent);
    the defaults of the optional fields; the names of the required ones."""
    fields: dict[str, tuple[str, Build | None]] = {}
    defaults: dict[str, Any] = {}
    required = set()
    for name, info in model.model_fields.items():
        fields[info.alias or name] = (name, _builder(info.annotation))
        if info.is_required():
            required.add(name)
        else:
            defaults[name] = info.get_default(call_default_factory=True)
    return fields, defaults, frozenset(required)


def _builder(annotation: Any) -> Build | None:
    """A date, a plain value checked for its type, or one nested model (optional or not);
    None for anything else (kept as sent if a plain value, left out if not)."""
    kinds = [a for a in _alternatives(annotation) if a is not type(None)]
    if kinds == [datetime]:
        return _date
    if len(kinds) == 1 and kinds[0] in _PLAIN:
        return _PLAIN[kinds[0]]
    if len(kinds) == 1 and isinstance(kinds[0], type) and issubclass(kinds[0], TelegramObject):
        model = kinds[0]
        return lambda value, bot: None if value is None else lean_object(model, value, bot)
    return None


def _alternatives(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, UnionType):
        return get_args(annotation)
    return (annotation,)


def _plain(*kinds: type) -> Build:
    def check(value: Any, _bot: Bot) -> Any:
        if value is not None and type(value) not in kinds:
            raise _NotLean  # validation is to coerce it or refuse it
        return value

    return check


# Validation gives these back as sent (a float field turns an int into a float: equal).
_PLAIN: dict[Any, Build] = {
    int: _plain(int),
    str: _plain(str),
    bool: _plain(bool),
    float: _plain(float, int),
}


def _date(value: Any, _bot: Bot) -> datetime | None:
    if value is None:
        return None
    if type(value) is not int:
        raise _NotLean
    return datetime.fromtimestamp(value, UTC)


class LeanSession(AiohttpSession):
    """aiogram's HTTP session, with the answers to sends and edits built by `lean_result`."""

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        if _is_lean(type(method)) and HTTPStatus.OK <= status_code <= HTTPStatus.IM_USED:
            try:
                answer = self.json_loads(content)
            except ValueError:
                answer = None  # aiogram's own check raises its ClientDecodeError
            if (response := lean_result(bot, method, answer)) is not None:
                return response
        return super().check_response(bot, method, status_code, content)

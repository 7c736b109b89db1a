"""answerInlineQuery: the results a person sees under "@bot query", checked as Telegram does."""

from __future__ import annotations

import copy
import time
from typing import Any

from sandbox import errors
from sandbox.content import check_markup, formatted, with_text
from sandbox.errors import bad_request
from sandbox.model import InlineAnswer, InlineQueryRecord, now
from sandbox.state import Call, Handler

MAX_RESULTS = 50
ID_LIMIT = 64  # bytes, for result ids and next_offset alike
DEFAULT_CACHE_TIME = 300


def _open_query(call: Call) -> InlineQueryRecord:
    record = call.world.inline_queries.get(call.get("inline_query_id"))
    late = record is not None and (
        time.monotonic() - record.created_monotonic > call.config.inline_answer_timeout
    )
    if record is None or record.answer is not None or late:
        raise bad_request(errors.QUERY_TOO_OLD)
    return record


def _message_content(call: Call, result: dict[str, Any]) -> dict[str, Any]:
    """The message a chosen result posts; only text content is supported by the sandbox."""
    source = result["input_message_content"]
    if "message_text" not in source:
        raise bad_request(
            f"result {result['id']!r}: only text message content is supported [sandbox]"
        )
    text, entities = formatted(
        source["message_text"],
        source.get("parse_mode"),
        source.get("entities"),
        strict_ampersand=call.config.strict_html_ampersand,
    )
    content: dict[str, Any] = {}
    with_text(content, "text", text, entities)
    if result.get("reply_markup"):
        content["reply_markup"] = check_markup(result["reply_markup"])
    return content


def _checked(call: Call, results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    if len(results) > MAX_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    contents: dict[str, dict[str, Any]] = {}
    for result in results:
        result_id = result["id"]
        if not 1 <= len(result_id.encode()) <= ID_LIMIT:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in contents:
            raise bad_request("RESULT_ID_DUPLICATE")
        if result["type"] == "article" and not result["title"].strip():
            raise bad_request("RESULT_TITLE_EMPTY")
        contents[result_id] = _message_content(call, result)
    return contents


async def answer_inline_query(call: Call) -> bool:
    record = _open_query(call)
    results = copy.deepcopy(call.get("results"))
    contents = _checked(call, results)
    next_offset = call.get("next_offset") or ""
    if len(next_offset.encode()) > ID_LIMIT:
        raise bad_request("NEXT_OFFSET_INVALID")
    record.answer = InlineAnswer(
        query_id=record.id,
        results=results,
        contents=contents,
        cache_time=int(call.get("cache_time", DEFAULT_CACHE_TIME)),
        is_personal=bool(call.get("is_personal", False)),
        next_offset=next_offset,
        at=now(),
    )
    return True


HANDLERS: dict[str, Handler] = {"answerInlineQuery": answer_inline_query}

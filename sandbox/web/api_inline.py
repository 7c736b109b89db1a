"""Inline mode from the page: "@bot query" lists the bot's results, a chosen one is posted.

Asking waits (boundedly) for the bot, as the Telegram app does while it shows the results;
posting the chosen result does not: the page learns what the bot did from the stream.
"""

from __future__ import annotations

import copy
from typing import Any

from aiohttp import web

from sandbox.driver import Person, UpdateDropped
from sandbox.model import ChatRecord, InlineQueryRecord
from sandbox.web.api_actions import json_body
from sandbox.web.context import WEB_SANDBOX, WebSandbox
from sandbox.web.errors import bad_request, conflict, forbidden, gateway_timeout, not_found
from sandbox.web.serialize import message_json

QUERY_LIMIT = 256  # characters, as Telegram cuts an inline query
OFFSET_LIMIT = 64  # bytes, as answerInlineQuery's next_offset


async def ask(request: web.Request) -> web.Response:
    """{person_id, chat_id, query, offset?} → {query_ref, results: [{id, title, description}],
    next_offset}; the results are empty when the bot answered nothing."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    chat, _ = sandbox.chat_for(person, body.get("chat_id"))
    query = _text(body.get("query"), "query", max_chars=QUERY_LIMIT)
    offset = _text(body.get("offset", ""), "offset", max_bytes=OFFSET_LIMIT)
    try:
        record = await person.inline_query(
            query, offset=offset, chat_type=_chat_type(chat), timeout=sandbox.inline_wait
        )
    except TimeoutError:
        raise gateway_timeout(f"the bot did not answer within {sandbox.inline_wait} s") from None
    except UpdateDropped:
        raise conflict("the bot does not receive inline queries") from None
    answer = record.answer
    results = [_result_json(result) for result in answer.results] if answer else []
    next_offset = answer.next_offset if answer else ""
    return web.json_response(
        {"query_ref": record.id, "results": results, "next_offset": next_offset}
    )


async def choose(request: web.Request) -> web.Response:
    """{person_id, chat_id, query_ref, result_id} → {message}: her message "via @bot"."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    _, group = sandbox.chat_for(person, body.get("chat_id"))
    record = _asked_by(sandbox, person, body.get("query_ref"))
    result_id = body.get("result_id")
    if record.answer is None:
        raise conflict(f"the bot did not answer inline query {record.id}")
    if not isinstance(result_id, str) or result_id not in record.answer.contents:
        raise bad_request(f"no result {result_id!r} in the answer to inline query {record.id}")
    content = copy.deepcopy(record.answer.contents[result_id])
    content["via_bot"] = sandbox.world.bot.as_user()
    sent = await person.submit(content, chat=group, wait=False)
    return web.json_response({"message": message_json(sandbox, sent.chat, sent.raw)})


def _text(value: object, name: str, *, max_chars: int = 0, max_bytes: int = 0) -> str:
    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string")
    if max_chars and len(value) > max_chars:
        raise bad_request(f"{name} must have at most {max_chars} characters")
    if max_bytes and len(value.encode()) > max_bytes:
        raise bad_request(f"{name} must have at most {max_bytes} bytes")
    return value


def _chat_type(chat: ChatRecord) -> str:
    """What Telegram tells the bot about the chat the query was typed in."""
    return "sender" if chat.is_private else str(chat.type)  # "sender": her chat with the bot


def _asked_by(sandbox: WebSandbox, person: Person, query_ref: object) -> InlineQueryRecord:
    record = sandbox.world.inline_queries.get(str(query_ref))
    if record is None:
        raise not_found(f"no inline query {query_ref!r}")
    if record.user_id != person.id:
        raise forbidden(f"inline query {record.id} was typed by someone else")
    return record


def _result_json(result: dict[str, Any]) -> dict[str, Any]:
    """What the list above the composer shows: articles have a title, other kinds their id."""
    return {
        "id": result["id"],
        "type": result.get("type"),
        "title": result.get("title") or result["id"],
        "description": result.get("description"),
    }

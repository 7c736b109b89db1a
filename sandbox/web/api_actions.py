"""Acting as a person: send, press, share, upload, add someone.

Nothing here waits for the bot to handle the update (``wait=False``): the page learns
what the bot did from the event stream. Only a button press waits, briefly, because its
answer (a toast or an alert) belongs to the press itself.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import web

from sandbox.cast import Role
from sandbox.driver import KAZAN_CENTER
from sandbox.model import CallbackRecord
from sandbox.views import SentMessage
from sandbox.web.context import WEB_SANDBOX, WebSandbox
from sandbox.web.errors import bad_request, conflict, not_found
from sandbox.web.serialize import message_json, person_json, reply_keyboard_json

TEXT_LIMIT = 4096
NAME_LIMIT = 64


async def json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise bad_request("the body must be JSON") from None
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object")
    return body


def optional_int(value: object, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        raise bad_request(f"{name} must be a whole number") from None


def _sent(sandbox: WebSandbox, sent: SentMessage) -> dict[str, Any]:
    return message_json(sandbox, sent.chat, sent.raw)


async def send(request: web.Request) -> web.Response:
    """{person_id, chat_id, text, reply_to?}: text or a /command, maybe as a reply."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    chat, group = sandbox.chat_for(person, body.get("chat_id"))
    text = str(body.get("text") or "").strip()
    if not text or len(text) > TEXT_LIMIT:
        raise bad_request(f"text must have 1 to {TEXT_LIMIT} characters")
    reply_to = optional_int(body.get("reply_to"), "reply_to")
    if reply_to is not None and reply_to not in chat.messages:
        raise bad_request(f"no message {reply_to} to reply to")
    sent = await person.send(text, chat=group, reply_to=reply_to, wait=False)
    return web.json_response({"message": _sent(sandbox, sent)})


async def press(request: web.Request) -> web.Response:
    """{person_id, chat_id, message_id, callback_data} → the bot's answer, if in time."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    chat, _ = sandbox.chat_for(person, body.get("chat_id"))
    message_id = optional_int(body.get("message_id"), "message_id") or 0
    if message_id not in chat.messages:
        raise not_found(f"no message {message_id} in chat {chat.id}")
    message = SentMessage(sandbox.world, chat, message_id)
    data = body.get("callback_data")
    button = next(
        (b for row in message.inline_keyboard for b in row if b.get("callback_data") == data),
        None,
    )
    if button is None:  # Telegram only sends data of buttons that exist
        raise bad_request(f"message {message_id} has no button with callback data {data!r}")
    async with sandbox.world.events.stream() as events:
        record = person.press_button(message, button)
        await _answered(record, events, sandbox.answer_wait)
    answer = record.answer
    shown = None
    if answer is not None:
        shown = {"text": answer.text, "show_alert": answer.show_alert, "url": answer.url}
    return web.json_response({"query_id": record.id, "answer": shown})


async def _answered(record: CallbackRecord, events: asyncio.Queue[Any], wait: float) -> None:
    """Until the bot answers the query or ``wait`` seconds pass; any event may be the answer."""
    deadline = time.monotonic() + wait
    while record.answer is None and (left := deadline - time.monotonic()) > 0:
        try:
            await asyncio.wait_for(events.get(), left)
        except TimeoutError:
            return


async def reply_button(request: web.Request) -> web.Response:
    """{person_id, chat_id, text, latitude?, longitude?}: a reply-keyboard button."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    chat, group = sandbox.chat_for(person, body.get("chat_id"))
    location = KAZAN_CENTER
    if body.get("latitude") is not None:
        location = _point(body)
    try:
        sent = await person.press_reply(
            str(body.get("text", "")), chat=group, location=location, wait=False
        )
    except LookupError as error:
        raise conflict(str(error)) from None
    return web.json_response(
        {"message": _sent(sandbox, sent), "reply_keyboard": reply_keyboard_json(chat)}
    )


async def location(request: web.Request) -> web.Response:
    """{person_id, chat_id, latitude, longitude}."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    _, group = sandbox.chat_for(person, body.get("chat_id"))
    sent = await person.share_location(*_point(body), chat=group, wait=False)
    return web.json_response({"message": _sent(sandbox, sent)})


def _point(body: dict[str, Any]) -> tuple[float, float]:
    try:
        lat, lon = float(body["latitude"]), float(body["longitude"])
    except (KeyError, TypeError, ValueError):
        raise bad_request("latitude and longitude must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise bad_request("latitude must be within ±90 and longitude within ±180")
    return lat, lon


async def contact(request: web.Request) -> web.Response:
    """{person_id, chat_id, phone?}: her own contact unless another phone is given."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    person = sandbox.person(body.get("person_id"))
    _, group = sandbox.chat_for(person, body.get("chat_id"))
    phone = body.get("phone")
    sent = await person.send_contact(str(phone) if phone else None, chat=group, wait=False)
    return web.json_response({"message": _sent(sandbox, sent)})


async def add_person(request: web.Request) -> web.Response:
    """{name, role}: a new person of the cast; staff join the staff chat."""
    sandbox, body = request.app[WEB_SANDBOX], await json_body(request)
    name = str(body.get("name") or "").strip()
    if not name or len(name) > NAME_LIMIT:
        raise bad_request(f"name must have 1 to {NAME_LIMIT} characters")
    try:
        role = Role(str(body.get("role")))
    except ValueError:
        raise bad_request(f"role must be one of {[str(r) for r in Role]}") from None
    person = sandbox.cast.add(name, role)
    return web.json_response({"person": person_json(sandbox, person)}, status=201)

"""GET .../api/events: the world's events as Server-Sent Events, for every open page.

The stream ends when the client goes away (a write fails), when the web app shuts down
(``WebSandbox.closing``) or when the stand-in stops, so ``mykazan run`` never waits
for an open browser tab.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from aiohttp import web

from sandbox.events import EventKind, WorldEvent
from sandbox.web.context import WEB_SANDBOX, WebSandbox
from sandbox.web.serialize import message_json, person_json, reply_keyboard_json

logger = logging.getLogger(__name__)

_MESSAGE_KINDS = (EventKind.MESSAGE_SENT, EventKind.MESSAGE_RECEIVED, EventKind.MESSAGE_EDITED)
RETRY_MS = 2000  # how soon a browser reconnects after the stream ended


async def events(request: web.Request) -> web.StreamResponse:
    sandbox = request.app[WEB_SANDBOX]
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # a proxy must not hold events back
        }
    )
    await response.prepare(request)
    translator = _Translator(sandbox)
    closing = asyncio.ensure_future(sandbox.closing.wait())
    try:
        async with sandbox.world.events.stream() as queue:
            await response.write(_frame("ready", {"seq": sandbox.world.seq}, f"retry: {RETRY_MS}"))
            while not _stopped(sandbox, request):
                event = await _next(queue, closing, sandbox.heartbeat)
                if event is not None:
                    for name, data in translator.translate(event):
                        await response.write(_frame(name, data, f"id: {event.seq}"))
                elif not sandbox.closing.is_set():
                    await response.write(b": heartbeat\n\n")
        await response.write_eof()
    except ConnectionResetError:
        logger.debug("an event stream reader went away")  # the page reconnects on its own
    finally:
        closing.cancel()
    return response


def _stopped(sandbox: WebSandbox, request: web.Request) -> bool:
    transport = request.transport
    return (
        sandbox.closing.is_set()
        or sandbox.stand_in.state.closing
        or transport is None
        or transport.is_closing()
    )


async def _next(
    queue: asyncio.Queue[WorldEvent], closing: asyncio.Future[Any], heartbeat: float
) -> WorldEvent | None:
    """The next event; None after ``heartbeat`` seconds of quiet or once shutdown began."""
    getter = asyncio.ensure_future(queue.get())
    try:
        await asyncio.wait({getter, closing}, timeout=heartbeat, return_when="FIRST_COMPLETED")
    finally:
        getter.cancel()
    if getter.done() and not getter.cancelled():
        return getter.result()
    return None


def _frame(name: str, data: dict[str, Any], extra: str) -> bytes:
    body = json.dumps(data, ensure_ascii=False)
    return f"{extra}\nevent: {name}\ndata: {body}\n\n".encode()


class _Translator:
    """World events as the page's events; also notices reply keyboards that changed."""

    def __init__(self, sandbox: WebSandbox) -> None:
        self.sandbox = sandbox
        self.keyboards = {
            chat_id: reply_keyboard_json(chat) for chat_id, chat in sandbox.world.chats.items()
        }

    def translate(self, event: WorldEvent) -> list[tuple[str, dict[str, Any]]]:
        world = self.sandbox.world
        chat = world.chats.get(event.chat_id)
        if event.kind is EventKind.PERSON_ADDED:
            if event.chat_id not in self.sandbox.cast.roles:
                return []  # someone a test added without a role: not on the page
            person = self.sandbox.cast.person(event.chat_id)
            return [("person_added", {"person": person_json(self.sandbox, person)})]
        if chat is None:
            return []
        base: dict[str, Any] = {"chat_id": chat.id}
        if event.kind in _MESSAGE_KINDS:
            message = message_json(self.sandbox, chat, event.payload)
            found = [(str(event.kind), {**base, "message": message})]
            return found + self._keyboard(chat.id)
        if event.kind is EventKind.MESSAGE_DELETED:
            return [(str(event.kind), {**base, "message_id": event.message_id})]
        return [(str(event.kind), {**base, **event.payload})]

    def _keyboard(self, chat_id: int) -> list[tuple[str, dict[str, Any]]]:
        # The reply keyboard is set just after the message is stored, in the same step of
        # the event loop, so by the time this stream reads the event the chat shows it.
        current = reply_keyboard_json(self.sandbox.world.chats[chat_id])
        if self.keyboards.get(chat_id) == current:
            return []
        self.keyboards[chat_id] = current
        return [("reply_keyboard", {"chat_id": chat_id, "reply_keyboard": current})]

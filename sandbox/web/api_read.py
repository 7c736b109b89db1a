"""Reading: who is in the sandbox, a chat's messages and its reply keyboard, stored files."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from sandbox.web.context import WEB_SANDBOX, WebSandbox
from sandbox.web.errors import not_found
from sandbox.web.serialize import chat_json, message_json, reply_keyboard_json, state_json

# Only these are shown inline; anything else a bot or a person stored is a download,
# so an uploaded HTML or SVG file cannot run scripts on the page's origin.
_INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "audio/ogg"})


def _web(request: web.Request) -> WebSandbox:
    return request.app[WEB_SANDBOX]


async def state(request: web.Request) -> web.Response:
    return web.json_response(state_json(_web(request)))


async def messages(request: web.Request) -> web.Response:
    """GET .../api/chats/{chat_id}/messages?viewer=<person id>: the chat as she sees it."""
    sandbox = _web(request)
    person = sandbox.person(request.query.get("viewer", ""))
    chat, _ = sandbox.chat_for(person, request.match_info["chat_id"])
    return web.json_response(
        {
            "chat": chat_json(sandbox, chat),
            "messages": [message_json(sandbox, chat, m) for m in chat.messages.values()],
            "reply_keyboard": reply_keyboard_json(chat),
        }
    )


async def stored_file(request: web.Request) -> web.Response:
    stored = _web(request).world.files.get(request.match_info["file_id"])
    if stored is None:
        raise not_found("no such file")
    content_type = stored.mime_type or _sniffed(stored.data)
    headers = {
        "Cache-Control": "private, max-age=3600",  # a file id never changes its bytes
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
    }
    if content_type not in _INLINE_TYPES:
        name = quote(stored.file_name or stored.file_path.rpartition("/")[2])
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return web.Response(body=stored.data, content_type=content_type, headers=headers)


def _sniffed(data: bytes) -> str:
    """Photos are stored without a MIME type; the page needs one to show them."""
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    return "application/octet-stream"

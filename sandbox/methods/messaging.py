"""sendMessage, sendPhoto, sendDocument, sendLocation, sendMediaGroup, copy/forward."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from sandbox.content import (
    check_markup,
    formatted,
    photo_sizes,
    reply_target,
    stored_file,
    target_chat,
    thread_of,
    with_text,
)
from sandbox.errors import bad_request
from sandbox.model import ChatRecord
from sandbox.params import resolve_attachment
from sandbox.state import Call, Handler

_MEDIA_KEYS = ("photo", "document", "location", "contact", "sticker", "voice")


def _caption(call: Call, source: dict[str, Any], content: dict[str, Any]) -> None:
    text, entities = formatted(
        source.get("caption"),
        source.get("parse_mode", call.get("parse_mode")),
        source.get("caption_entities"),
        caption=True,
        strict_ampersand=call.config.strict_html_ampersand,
    )
    with_text(content, "caption", text, entities)


def post(
    call: Call,
    chat: ChatRecord,
    content: dict[str, Any],
    *,
    markup: bool = True,
    paced: bool = True,
) -> dict[str, Any]:
    """Common tail of every send: markup, thread, reply, pacing, storing."""
    reply_markup = check_markup(call.get("reply_markup")) if markup else None
    thread_id = thread_of(chat, call.params)
    reply_to = reply_target(chat, call.params)
    if paced:
        call.state.pacer.check(chat.id, is_group=not chat.is_private)
    if reply_markup and "inline_keyboard" in reply_markup:
        content["reply_markup"] = reply_markup
    if call.get("protect_content"):
        content["has_protected_content"] = True
    message = call.world.post(
        chat, call.world.bot, content, reply_to=reply_to, thread_id=thread_id
    )
    if reply_markup and "inline_keyboard" not in reply_markup:
        chat.reply_markups[message["message_id"]] = reply_markup
        if "keyboard" in reply_markup:
            chat.reply_keyboard = reply_markup
        elif reply_markup.get("remove_keyboard"):
            chat.reply_keyboard = None
    return message


async def send_message(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"))
    text, entities = formatted(
        call.get("text"),
        call.get("parse_mode"),
        call.get("entities"),
        strict_ampersand=call.config.strict_html_ampersand,
    )
    content: dict[str, Any] = {}
    with_text(content, "text", text, entities)
    if call.get("link_preview_options"):
        content["link_preview_options"] = call.get("link_preview_options")
    return post(call, chat, content)


async def send_photo(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"))
    content: dict[str, Any] = {}
    _caption(call, call.params, content)
    photo = resolve_attachment(call.get("photo"), call.uploads)
    content["photo"] = photo_sizes(call.world, photo)
    if call.get("has_spoiler"):
        content["has_media_spoiler"] = True
    return post(call, chat, content)


def _document(call: Call, value: Any) -> dict[str, Any]:
    stored = stored_file(call.world, resolve_attachment(value, call.uploads), kind="documents")
    document: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }
    if stored.file_name:
        document["file_name"] = stored.file_name
    if stored.mime_type:
        document["mime_type"] = stored.mime_type
    return document


async def send_document(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"))
    content: dict[str, Any] = {}
    _caption(call, call.params, content)
    content["document"] = _document(call, call.get("document"))
    return post(call, chat, content)


async def send_location(call: Call) -> dict[str, Any]:
    chat = target_chat(call.world, call.get("chat_id"))
    latitude, longitude = float(call.get("latitude")), float(call.get("longitude"))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong latitude or longitude [sandbox check]")
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    for name in ("horizontal_accuracy", "live_period", "heading", "proximity_alert_radius"):
        if call.get(name) is not None:
            location[name] = call.get(name)
    return post(call, chat, {"location": location})


async def send_media_group(call: Call) -> list[dict[str, Any]]:
    chat = target_chat(call.world, call.get("chat_id"))
    media = call.get("media")
    if not 2 <= len(media) <= 10:
        raise bad_request("media group must include 2-10 items [sandbox check]")
    kinds = {item["type"] for item in media}
    if not kinds <= {"photo", "document"}:
        raise bad_request(f"the sandbox sends photo and document media only, not {sorted(kinds)}")
    if len(kinds) > 1:
        raise bad_request("document can't be mixed with other media types [sandbox check]")
    contents = []
    for item in media:  # check every item before sending any, like Telegram
        content: dict[str, Any] = {}
        _caption(call, item, content)
        value = resolve_attachment(item["media"], call.uploads)
        if item["type"] == "photo":
            content["photo"] = photo_sizes(call.world, value)
        else:
            content["document"] = _document(call, value)
        contents.append(content)
    group_id = str(secrets.randbits(60))
    messages = []
    for index, content in enumerate(contents):
        content["media_group_id"] = group_id
        step = call if index == 0 else Call(call.state, _without_reply(call.params), call.uploads)
        # One request, one pacing slot: Telegram counts the album as a single send.
        messages.append(post(step, chat, content, markup=False, paced=index == 0))
    return messages


def _without_reply(params: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v for k, v in params.items() if k not in ("reply_parameters", "reply_to_message_id")
    }


def _source(call: Call) -> dict[str, Any]:
    source_chat = target_chat(call.world, call.get("from_chat_id"), sending=False)
    message = source_chat.messages.get(call.get("message_id"))
    if message is None:
        raise bad_request("message to copy not found")
    return message


async def copy_message(call: Call) -> dict[str, Any]:
    original = _source(call)
    chat = target_chat(call.world, call.get("chat_id"))
    content = {
        k: copy.deepcopy(original[k]) for k in (*_MEDIA_KEYS, "text", "entities") if k in original
    }
    if not content:
        raise bad_request("the message can't be copied")
    if any(k in original for k in _MEDIA_KEYS):
        content.update({k: original[k] for k in ("caption", "caption_entities") if k in original})
        if call.get("caption") is not None:
            _caption(call, call.params, content)
    message = post(call, chat, content)
    return {"message_id": message["message_id"]}


async def forward_message(call: Call) -> dict[str, Any]:
    original = _source(call)
    chat = target_chat(call.world, call.get("chat_id"))
    keep = (*_MEDIA_KEYS, "text", "entities", "caption", "caption_entities")
    content = {k: copy.deepcopy(original[k]) for k in keep if k in original}
    content["forward_origin"] = {
        "type": "user",
        "date": original["date"],
        "sender_user": original["from"],
    }
    return post(call, chat, content, markup=False)


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendLocation": send_location,
    "sendMediaGroup": send_media_group,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
}

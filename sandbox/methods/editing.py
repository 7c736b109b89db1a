"""editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage."""

from __future__ import annotations

import copy
from typing import Any

from sandbox import errors
from sandbox.content import check_markup, formatted, inline_markup, target_chat, with_text
from sandbox.errors import bad_request
from sandbox.methods.messaging import _MEDIA_KEYS
from sandbox.model import ChatRecord
from sandbox.state import Call, Handler


def _editable(call: Call) -> tuple[ChatRecord, dict[str, Any]]:
    if call.get("inline_message_id") is not None:
        raise bad_request("MESSAGE_ID_INVALID (inline messages are not in the sandbox)")
    if call.get("chat_id") is None or call.get("message_id") is None:
        raise bad_request("chat_id and message_id are required without inline_message_id")
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    if chat.is_private and call.world.accounts[chat.id].blocked_bot:
        raise errors.forbidden(errors.BOT_BLOCKED)
    message = chat.messages.get(call.get("message_id"))
    if message is None:
        raise bad_request(errors.MESSAGE_TO_EDIT_NOT_FOUND)
    if message["from"]["id"] != call.world.bot.id:
        raise bad_request("message can't be edited")
    return chat, message


def _apply(
    call: Call, chat: ChatRecord, message: dict[str, Any], changed: dict[str, Any]
) -> dict[str, Any]:
    """Store the edit unless nothing changes (Telegram's "message is not modified")."""
    markup = inline_markup(check_markup(call.get("reply_markup")))
    edited = copy.deepcopy(message)
    edited.pop("edit_date", None)
    for key, value in changed.items():
        if value:
            edited[key] = value
        else:
            edited.pop(key, None)
    # An edit without reply_markup removes the inline keyboard, as on Telegram.
    if markup:
        edited["reply_markup"] = markup
    else:
        edited.pop("reply_markup", None)
    before = {k: v for k, v in message.items() if k != "edit_date"}
    if edited == before:
        raise bad_request(errors.NOT_MODIFIED)
    return call.world.replace(chat, edited)


async def edit_message_text(call: Call) -> dict[str, Any]:
    chat, message = _editable(call)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted(
        call.get("text"),
        call.get("parse_mode"),
        call.get("entities"),
        strict_ampersand=call.config.strict_html_ampersand,
    )
    changed: dict[str, Any] = {}
    with_text(changed, "text", text, entities)
    changed.setdefault("entities", None)
    if call.get("link_preview_options") is not None:
        changed["link_preview_options"] = call.get("link_preview_options")
    return _apply(call, chat, message, changed)


async def edit_message_caption(call: Call) -> dict[str, Any]:
    chat, message = _editable(call)
    if not any(key in message for key in _MEDIA_KEYS):
        raise bad_request("there is no caption in the message to edit")
    text, entities = formatted(
        call.get("caption"),
        call.get("parse_mode"),
        call.get("caption_entities"),
        caption=True,
        strict_ampersand=call.config.strict_html_ampersand,
    )
    changed: dict[str, Any] = {"caption": None, "caption_entities": None}
    with_text(changed, "caption", text, entities)
    changed.setdefault("caption", None)
    changed.setdefault("caption_entities", None)
    return _apply(call, chat, message, changed)


async def edit_message_reply_markup(call: Call) -> dict[str, Any]:
    chat, message = _editable(call)
    return _apply(call, chat, message, {})


async def delete_message(call: Call) -> bool:
    chat = target_chat(call.world, call.get("chat_id"), sending=False)
    message = chat.messages.get(call.get("message_id"))
    if message is None:
        raise bad_request(errors.MESSAGE_TO_DELETE_NOT_FOUND)
    own = message.get("from", {}).get("id") == call.world.bot.id
    if not (own or chat.is_private or chat.bot_is_admin):
        raise bad_request("message can't be deleted")
    call.world.delete(chat, message["message_id"])
    return True


HANDLERS: dict[str, Handler] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}

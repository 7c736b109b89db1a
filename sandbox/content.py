"""Checks shared by the sending and editing methods: text, markup, chat, reply, files."""

from __future__ import annotations

import logging
import re
from typing import Any

from sandbox import errors
from sandbox.errors import bad_request, forbidden
from sandbox.files import StoredFile, Upload, tiny_jpeg
from sandbox.html_text import EntityParseError, parse_html, utf16_len
from sandbox.model import ChatRecord
from sandbox.world import World

logger = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
KEYBOARD_BUTTONS_LIMIT = 100  # an inline keyboard's buttons in all
CALLBACK_ANSWER_LIMIT = 200  # answerCallbackQuery's text
INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL = re.compile(r"(https?|tg)://\S+", re.IGNORECASE)


def formatted(
    text: str | None,
    parse_mode: str | None,
    entities: list[dict[str, Any]] | None,
    *,
    caption: bool = False,
    strict_ampersand: bool = True,
) -> tuple[str, list[dict[str, Any]]]:
    """Parse a text or caption, trim it as Telegram does and enforce the length limit."""
    text = text or ""
    if parse_mode and not entities:
        if parse_mode.lower() != "html":
            raise bad_request(f"unsupported parse_mode {parse_mode!r} (the sandbox speaks HTML)")
        try:
            text, entities = parse_html(text, strict_ampersand=strict_ampersand)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from error
    text, entities = _trim(text, list(entities or []))
    if not text and not caption:
        raise bad_request(errors.TEXT_EMPTY)
    limit = CAPTION_LIMIT if caption else TEXT_LIMIT
    if utf16_len(text) > limit:
        raise bad_request(errors.CAPTION_TOO_LONG if caption else errors.MESSAGE_TOO_LONG)
    return text, entities


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram drops leading and trailing whitespace and shifts the entities with it."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def with_text(
    content: dict[str, Any], key: str, text: str, entities: list[dict[str, Any]]
) -> None:
    """Set text/caption and its entities in a message dict (omitting empty ones)."""
    entity_key = "entities" if key == "text" else "caption_entities"
    content.pop(key, None)
    content.pop(entity_key, None)
    if text:
        content[key] = text
    if entities:
        content[entity_key] = entities


def check_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Telegram's checks the spec cannot express (one action, data size, URLs)."""
    if not markup or "inline_keyboard" not in markup:
        return markup
    if sum(len(row) for row in markup["inline_keyboard"]) > KEYBOARD_BUTTONS_LIMIT:
        raise bad_request(errors.MARKUP_TOO_LONG)
    for row in markup["inline_keyboard"]:
        for button in row:
            actions = [name for name in INLINE_ACTIONS if name in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the "
                    "inline keyboard"
                )
            if len(actions) > 1:
                raise bad_request(
                    f"can't parse inline keyboard button: exactly one action is allowed, "
                    f"got {', '.join(actions)} on {button.get('text')!r} [sandbox check]"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
                raise bad_request(errors.BUTTON_DATA_INVALID)
            if "url" in button and not _URL.fullmatch(button["url"]):
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def inline_markup(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """Only inline keyboards stay attached to a message; reply keyboards live in the chat."""
    return markup if markup and "inline_keyboard" in markup else None


def target_chat(world: World, ref: Any, *, sending: bool = True) -> ChatRecord:
    chat = world.find_chat(ref) if ref is not None else None
    if chat is None:
        raise bad_request(errors.CHAT_NOT_FOUND)
    if sending and chat.is_private:
        person = world.accounts[chat.id]
        if person.blocked_bot:
            raise forbidden(errors.BOT_BLOCKED)
        if not person.started_bot:
            raise forbidden(errors.CANT_INITIATE)
    return chat


def reply_target(chat: ChatRecord, params: dict[str, Any]) -> dict[str, Any] | None:
    reply = params.get("reply_parameters") or {}
    message_id = reply.get("message_id", params.get("reply_to_message_id"))
    if message_id is None:
        return None
    if reply.get("chat_id") not in (None, chat.id):
        raise bad_request("replies to other chats are not supported by the sandbox")
    message = chat.messages.get(int(message_id))
    if message is None:
        lenient = reply.get(
            "allow_sending_without_reply", params.get("allow_sending_without_reply")
        )
        if lenient:
            return None
        raise bad_request("message to be replied not found")
    return message


def thread_of(chat: ChatRecord, params: dict[str, Any]) -> int | None:
    thread_id = params.get("message_thread_id")
    if thread_id is None:
        return None
    if not chat.is_forum or thread_id not in chat.topics:
        raise bad_request("message thread not found")
    return int(thread_id)


def stored_file(
    world: World, value: Any, *, kind: str, file_name: str | None = None
) -> StoredFile:
    """An upload, a known file_id, or a URL (never fetched: a placeholder stands in)."""
    if isinstance(value, Upload):
        return world.files.add(
            value.data,
            kind=kind,
            file_name=file_name or value.filename,
            mime_type=value.content_type,
        )
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        logger.info("not fetching %s; storing a placeholder", value)
        data = tiny_jpeg(320, 240) if kind == "photos" else b"sandbox placeholder\n"
        name = file_name or value.rstrip("/").rpartition("/")[2] or "file"
        return world.files.add(data, kind=kind, file_name=name, source_url=value)
    known = world.files.get(str(value))
    if known is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return known


def photo_sizes(world: World, value: Any) -> list[dict[str, Any]]:
    """PhotoSize list for an upload, a URL or the file_id of any size of a known photo."""
    if isinstance(value, Upload):
        return world.files.photo(value.data)
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return world.files.photo(tiny_jpeg(320, 240), source_url=value)
    sizes = world.files.photo_set(str(value))
    if sizes is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return sizes

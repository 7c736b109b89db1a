"""The JSON the page reads: messages, reply keyboards, people and their chats.

Messages are described the same way for every viewer (the page decides left or right
from ``from.id``), so one event stream can serve every tab.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sandbox.driver import Person
from sandbox.model import ChatRecord
from sandbox.web.context import WebSandbox
from sandbox.web.safe_html import message_html

CITY_TIME = ZoneInfo("Europe/Moscow")  # Kazan's time
_URL_BUTTON_SCHEMES = ("http://", "https://")
_MEDIA_KINDS = ("photo", "location", "contact", "document", "sticker", "voice")


def message_json(web: WebSandbox, chat: ChatRecord, message: dict[str, Any]) -> dict[str, Any]:
    sender = message.get("from", {})
    text = message.get("text", message.get("caption"))
    entities = message.get("entities" if "text" in message else "caption_entities")
    return {
        "id": message["message_id"],
        "chat_id": chat.id,
        "from": {
            "id": sender.get("id"),
            "name": _name(sender),
            "is_bot": bool(sender.get("is_bot")),
        },
        "date": message["date"],
        "time": datetime.fromtimestamp(message["date"], CITY_TIME).strftime("%H:%M"),
        "html": message_html(text, entities),
        "photo": _photo(web, message),
        "media_group_id": message.get("media_group_id"),
        "location": _location(message.get("location")),
        "contact": _contact(message.get("contact")),
        "document": _document(web, message.get("document")),
        "sticker": {"emoji": message["sticker"].get("emoji")} if "sticker" in message else None,
        "voice": _voice(web, message.get("voice")),
        "reply_to": _reply_to(message.get("reply_to_message")),
        "inline_keyboard": inline_keyboard_json(message),
        "edited": "edit_date" in message,
        "via_bot": message.get("via_bot", {}).get("username"),  # a shared inline result
    }


def _name(user: dict[str, Any]) -> str:
    return " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)


def _photo(web: WebSandbox, message: dict[str, Any]) -> dict[str, Any] | None:
    sizes = message.get("photo")
    if not sizes:
        return None
    largest = sizes[-1]
    return {
        "url": web.file_url(largest["file_id"]),
        "width": largest["width"],
        "height": largest["height"],
        "spoiler": bool(message.get("has_media_spoiler")),
    }


def _location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if location is None:
        return None
    lat, lon = location["latitude"], location["longitude"]
    # A link, not tiles: the page loads nothing from other hosts.
    url = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return {"lat": lat, "lon": lon, "url": url}


def _contact(contact: dict[str, Any] | None) -> dict[str, Any] | None:
    if contact is None:
        return None
    return {
        "phone": contact.get("phone_number"),
        "name": _name(contact),
        "user_id": contact.get("user_id"),
    }


def _document(web: WebSandbox, document: dict[str, Any] | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {
        "name": document.get("file_name") or "file",
        "url": web.file_url(document["file_id"]),
        "mime_type": document.get("mime_type"),
        "size": document.get("file_size"),
    }


def _voice(web: WebSandbox, voice: dict[str, Any] | None) -> dict[str, Any] | None:
    if voice is None:
        return None
    return {"duration": voice.get("duration"), "url": web.file_url(voice["file_id"])}


def _reply_to(replied: dict[str, Any] | None) -> dict[str, Any] | None:
    if replied is None:
        return None
    kind = next((k for k in _MEDIA_KINDS if k in replied), "text")
    return {
        "id": replied["message_id"],
        "from": _name(replied.get("from", {})),
        "text": replied.get("text", replied.get("caption")),
        "kind": kind,
    }


def inline_keyboard_json(message: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Rows of {text, callback_data} or {text, url}; other kinds are shown but inactive."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    shown: list[list[dict[str, Any]]] = []
    for row in rows:
        buttons: list[dict[str, Any]] = []
        for button in row:
            url = str(button.get("url", ""))
            if "callback_data" in button:
                buttons.append({"text": button["text"], "callback_data": button["callback_data"]})
            elif url.lower().startswith(_URL_BUTTON_SCHEMES):
                buttons.append({"text": button["text"], "url": url})
            else:
                buttons.append({"text": button["text"], "unsupported": True})
        shown.append(buttons)
    return shown


def reply_keyboard_json(chat: ChatRecord) -> dict[str, Any] | None:
    markup = chat.reply_keyboard
    if markup is None:
        return None
    rows = [
        [
            {
                "text": b if isinstance(b, str) else b["text"],
                "request_location": isinstance(b, dict) and bool(b.get("request_location")),
                "request_contact": isinstance(b, dict) and bool(b.get("request_contact")),
            }
            for b in row
        ]
        for row in markup["keyboard"]
    ]
    return {
        "rows": rows,
        "one_time": bool(markup.get("one_time_keyboard")),
        "placeholder": markup.get("input_field_placeholder"),
    }


def chat_json(web: WebSandbox, chat: ChatRecord) -> dict[str, Any]:
    if chat.is_private:
        return {"id": chat.id, "title": web.world.bot.first_name, "kind": "private"}
    kind = "staff" if chat.id == web.cast.staff_chat.id else "group"
    return {"id": chat.id, "title": chat.title or str(chat.id), "kind": kind}


def person_json(web: WebSandbox, person: Person) -> dict[str, Any]:
    account = person.account
    return {
        "id": person.id,
        "name": account.full_name,
        "role": str(web.role(person.id)),
        "language_code": account.language_code,
        "phone": account.phone,
        "chats": [chat_json(web, chat) for chat in web.chats_of(person)],
    }


def state_json(web: WebSandbox) -> dict[str, Any]:
    people = [web.cast.person(uid) for uid in web.cast.roles if uid in web.world.accounts]
    bot = web.world.bot
    return {
        "bot": {"id": bot.id, "name": bot.first_name, "username": bot.username},
        "people": [person_json(web, person) for person in people],
        "places": [place.as_json() for place in web.places],
    }

"""Message content a person sends, shaped like the Telegram JSON the bot receives."""

from __future__ import annotations

import re
from typing import Any

from sandbox.files import tiny_jpeg
from sandbox.html_text import utf16_len
from sandbox.model import Account
from sandbox.world import World

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?")
# Placeholder bytes: enough for a download to have content, not real media.
_WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00"
    b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)
_OGG = b"OggS\x00\x02" + bytes(20)


def text_content(text: str) -> dict[str, Any]:
    """Text with the bot_command entity Telegram adds for a leading /command."""
    content: dict[str, Any] = {"text": text}
    match = _COMMAND.match(text)
    if match:
        content["entities"] = [
            {"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}
        ]
    return content


def location_content(latitude: float, longitude: float) -> dict[str, Any]:
    return {"location": {"latitude": latitude, "longitude": longitude}}


def photo_content(world: World, caption: str | None, image: bytes | None) -> dict[str, Any]:
    content: dict[str, Any] = {"photo": world.files.photo(image or tiny_jpeg(1280, 960))}
    if caption:
        content["caption"] = caption
    return content


def sticker_content(world: World, emoji: str) -> dict[str, Any]:
    stored = world.files.add(_WEBP, kind="stickers", mime_type="image/webp")
    return {
        "sticker": {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.data),
        }
    }


def voice_content(world: World, duration: int) -> dict[str, Any]:
    stored = world.files.add(_OGG, kind="voice", mime_type="audio/ogg")
    return {
        "voice": {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(stored.data),
        }
    }


def document_content(world: World, data: bytes, file_name: str, mime_type: str) -> dict[str, Any]:
    stored = world.files.add(data, kind="documents", file_name=file_name, mime_type=mime_type)
    return {
        "document": {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data),
        }
    }


def contact_content(account: Account, phone: str | None) -> dict[str, Any]:
    """Her own contact (from a request_contact button) unless another phone is given."""
    contact: dict[str, Any] = {
        "phone_number": phone or account.phone or "",
        "first_name": account.first_name,
    }
    if account.last_name:
        contact["last_name"] = account.last_name
    if phone is None or phone == account.phone:
        contact["user_id"] = account.id
    return {"contact": contact}

"""Photo uploads from the page: one photo, or several at once sent as an album."""

from __future__ import annotations

from aiohttp import BodyPartReader, web

from sandbox.errors import ApiError
from sandbox.files import image_size
from sandbox.web.api_actions import optional_int
from sandbox.web.context import WEB_SANDBOX
from sandbox.web.errors import bad_request, forbidden
from sandbox.web.serialize import message_json

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # Telegram's limit for a photo
MAX_ALBUM = 10
CAPTION_LIMIT = 1024
FIELD_BYTES = 16 * 1024


async def photos(request: web.Request) -> web.Response:
    """multipart: person_id, chat_id, caption?, reply_to?, and one or more ``photo`` files."""
    sandbox = request.app[WEB_SANDBOX]
    fields, images = await _read_form(request)
    person = sandbox.person(fields.get("person_id", ""))
    chat, group = sandbox.chat_for(person, fields.get("chat_id", ""))
    caption = fields.get("caption", "").strip() or None
    if caption is not None and len(caption) > CAPTION_LIMIT:
        raise bad_request(f"a caption has at most {CAPTION_LIMIT} characters")
    reply_to = optional_int(fields.get("reply_to"), "reply_to")
    if reply_to is not None and reply_to not in chat.messages:
        raise bad_request(f"no message {reply_to} to reply to")
    try:
        if len(images) == 1:
            sent = [
                await person.send_photo(
                    caption, chat=group, image=images[0], reply_to=reply_to, wait=False
                )
            ]
        else:
            sent = await person.send_album(
                len(images), caption, chat=group, images=images, wait=False
            )
    except ApiError as error:  # a size the stand-in refuses, as Telegram would
        raise (forbidden if error.code == 403 else bad_request)(error.description) from None
    return web.json_response({"messages": [message_json(sandbox, chat, m.raw) for m in sent]})


async def _read_form(request: web.Request) -> tuple[dict[str, str], list[bytes]]:
    """Fields and photo bytes, checked before anything is posted (an album is all or nothing)."""
    fields: dict[str, str] = {}
    images: list[bytes] = []
    if not request.content_type.startswith("multipart/"):
        raise bad_request("photos come as multipart/form-data")
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.name != "photo":
            fields[part.name] = (await _limited(part, FIELD_BYTES)).decode("utf-8", "replace")
            continue
        data = await _limited(part, MAX_PHOTO_BYTES)
        if image_size(data) is None:
            raise bad_request(f"{part.filename or 'a file'} is not a JPEG or PNG image")
        images.append(data)
        if len(images) > MAX_ALBUM:
            raise bad_request(f"an album has at most {MAX_ALBUM} photos")
    if not images:
        raise bad_request("no photo in the form (field name: photo)")
    return fields, images


async def _limited(part: BodyPartReader, limit: int) -> bytes:
    """The part's bytes, refusing early (the web app's client_max_size does not apply)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk():
        size += len(chunk)
        if size > limit:
            raise bad_request(f"{part.name} has more than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)

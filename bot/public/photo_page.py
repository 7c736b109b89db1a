"""/r/KZN-000123/photo/<n>.jpg: photo n of a request, only if staff made it public.

Not public, not there, or not a request number: 404, the same answer for each (a visitor
learns nothing of the photos that are not public). Telegram not answering: 503 with a short
text and Retry-After; the request's page itself never waits for a photo (it only links them).
"""

from collections.abc import Awaitable, Callable, Mapping

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.public.photos import PhotoUnavailable, TelegramPhotos
from bot.public.query import read_locale
from domain.requests import format_number, parse_number
from storage.repositories.request_photos import public_file_id

# Staff may hide a photo again: browsers and proxies keep it a few minutes at most.
PHOTO_CACHED = "public, max-age=300"
RETRY_AFTER = "60"
MAX_NUMBER = 2**31 - 1
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def photo_handler(
    session_factory: async_sessionmaker[AsyncSession], i18n: I18n, photos: TelegramPhotos | None
) -> Handler:
    async def public_photo(request: web.Request) -> web.StreamResponse:
        with i18n.context(), i18n.use_locale(read_locale(request.query, i18n)):
            return await _answer(request, session_factory, photos)

    return public_photo


async def _answer(
    request: web.Request,
    session_factory: async_sessionmaker[AsyncSession],
    photos: TelegramPhotos | None,
) -> web.Response:
    file_id = await _public_file(session_factory, request.match_info)
    if file_id is None:
        return _text(_("Такого фото нет."), 404, "public, max-age=10")
    try:
        if photos is None:  # a web app built without the bot (no Bot API to ask)
            raise PhotoUnavailable("no bot")
        photo = await photos.get(file_id)
    except PhotoUnavailable:
        answer = _text(_("Фото сейчас недоступно. Попробуйте позже."), 503, "no-store")
        answer.headers["Retry-After"] = RETRY_AFTER
        return answer
    headers = {
        "Cache-Control": PHOTO_CACHED,
        "ETag": photo.etag,
        "X-Content-Type-Options": "nosniff",
    }
    if photo.etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(body=photo.data, content_type=photo.content_type, headers=headers)


async def _public_file(
    session_factory: async_sessionmaker[AsyncSession], match: Mapping[str, str]
) -> str | None:
    given, photo_text = match["number"], match["photo"]
    request_id = parse_number(given) if len(given) <= 20 else None
    if request_id is None or request_id > MAX_NUMBER or given != format_number(request_id):
        return None
    photo = int(photo_text)  # the route takes 1 to 2 digits
    if photo < 1:
        return None
    async with session_factory() as session:
        return await public_file_id(session, request_id, photo)


def _text(text: str, status: int, cache: str) -> web.Response:
    return web.Response(
        text=text,
        status=status,
        content_type="text/plain",
        charset="utf-8",
        headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"},
    )

"""The photos staff made public, fetched from the Bot API for the public request page.

The page links to /r/KZN-000123/photo/<n>.jpg; the web app looks the photo up (only a photo
marked publishable is found), then gets it from Telegram the way aiogram downloads files:
getFile, then the file's download URL under the configured API base (TELEGRAM_API_BASE),
through the bot's own HTTP session. Neither the file id nor the bot token (part of that URL)
is ever in what a visitor receives, nor in a log line. The bytes are kept in a bounded cache
in memory (least recently used out first): a viewed photo costs Telegram one download.
"""

import asyncio
import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiohttp import ClientError

logger = logging.getLogger(__name__)
MAX_PHOTO_BYTES = 10 * 1024 * 1024  # a Telegram photo is well under 1 MB; more is not one
FETCH_TIMEOUT = 15.0  # seconds for getFile and the download together
# What a photo may be, by its first bytes; anything else is never served from this origin.
SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


class PhotoUnavailable(Exception):
    """Telegram did not give the file now (down, slow, the file gone): try again later."""


@dataclass(frozen=True, slots=True)
class Photo:
    data: bytes
    content_type: str
    etag: str  # of the bytes: a browser that has them is answered 304


def photo_of(data: bytes) -> Photo | None:
    content_type = next((kind for sig, kind in SIGNATURES if data.startswith(sig)), None)
    if content_type is None:
        return None
    return Photo(data, content_type, '"' + hashlib.sha256(data).hexdigest()[:32] + '"')


class PhotoCache:
    """At most `max_bytes` of photos, the least recently served dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._photos: OrderedDict[str, Photo] = OrderedDict()

    def get(self, key: str) -> Photo | None:
        photo = self._photos.get(key)
        if photo is not None:
            self._photos.move_to_end(key)
        return photo

    def put(self, key: str, photo: Photo) -> None:
        if len(photo.data) > self.max_bytes or key in self._photos:
            return
        self._photos[key] = photo
        self.size += len(photo.data)
        while self.size > self.max_bytes:
            _key, dropped = self._photos.popitem(last=False)
            self.size -= len(dropped.data)

    def __len__(self) -> int:
        return len(self._photos)


class TelegramPhotos:
    """A photo's bytes by its Telegram file id, from the cache or the Bot API."""

    def __init__(self, bot: Bot, cache: PhotoCache, timeout: float = FETCH_TIMEOUT) -> None:
        self._bot = bot
        self._cache = cache
        self._timeout = timeout

    async def get(self, file_id: str) -> Photo:
        cached = self._cache.get(file_id)
        if cached is not None:
            return cached
        photo = await self._download(file_id)
        self._cache.put(file_id, photo)
        return photo

    async def _download(self, file_id: str) -> Photo:
        try:
            async with asyncio.timeout(self._timeout):
                file = await self._bot.get_file(file_id)
                if file.file_path is None or (file.file_size or 0) > MAX_PHOTO_BYTES:
                    raise PhotoUnavailable("no file to download, or too big for a photo")
                stream = await self._bot.download_file(file.file_path)
        except (TelegramAPIError, ClientError, TimeoutError) as error:
            # The error's text may carry the download URL, and the URL the bot's token.
            logger.warning("a public photo could not be fetched: %s", type(error).__name__)
            raise PhotoUnavailable(type(error).__name__) from None
        assert stream is not None  # a stream is returned when no destination is given
        photo = photo_of(stream.read(MAX_PHOTO_BYTES + 1))
        if photo is None:
            raise PhotoUnavailable("not an image")
        return photo

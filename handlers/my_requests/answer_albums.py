"""The rest of an album goes where its first photo went.

Telegram delivers an album as one message per photo. The first photo of an album sent as a
comment, an answer to staff's question or a reply to a request's notice is added to that
request (and confirmed) by follow_up or resident_answers; by then the comment prompt is
closed and the request may no longer wait for an answer, so the later photos would find no
home and be answered as stray pictures. Here they join the first one's request, quietly:
its confirmation speaks for the album.
"""

from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.follow_up import add_photo
from domain.unit_of_work import CityUnitOfWork
from domain.users import User


class AlbumDestinations:
    """Which request each recent album of the person went to (FSM storage, a destiny of its
    own: no form is opened, and the next message is free)."""

    DESTINY = "album_destinations"
    KEPT = 5  # albums arrive within a second or two: the last few are plenty

    def __init__(self, state: FSMContext) -> None:
        self._storage = state.storage
        key = state.key
        self._key = StorageKey(key.bot_id, key.chat_id, key.user_id, destiny=self.DESTINY)

    async def remember(self, message: Message, request_id: int) -> None:
        """After the album's first photo went to `request_id` (nothing for a single photo)."""
        if not message.media_group_id:
            return
        albums = await self._storage.get_data(self._key)
        albums[message.media_group_id] = request_id
        await self._storage.set_data(self._key, dict(list(albums.items())[-self.KEPT :]))

    async def request_of(self, media_group_id: str) -> int | None:
        found = (await self._storage.get_data(self._key)).get(media_group_id)
        return int(found) if found is not None else None


class LaterAlbumPhoto(Filter):
    async def __call__(self, message: Message, state: FSMContext) -> bool | dict[str, Any]:
        if not message.photo or not message.media_group_id:
            return False
        request_id = await AlbumDestinations(state).request_of(message.media_group_id)
        return {"album_request_id": request_id} if request_id is not None else False


async def later_photo(
    message: Message,
    album_request_id: int,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
) -> None:
    assert message.photo is not None  # LaterAlbumPhoto
    photo = message.photo[-1].file_id
    try:
        await add_photo(uow, clock, user.id, album_request_id, photo, message.caption)
    except InvalidInput:
        await message.reply(_("Это фото не добавлено: в заявке уже наибольшее число фото."))
        return
    except DomainError:  # closed meanwhile (staff were quick)
        await message.reply(_("Это фото не добавлено: заявка уже закрыта."))
        return
    # Nothing is said about an added photo of an album (the first photo's reply counts for
    # all): the middleware's commit is enough.


def create_router() -> Router:
    router = Router(name="answer_albums")
    router.message.filter(F.chat.type == "private", StateFilter(None))
    router.message.register(later_photo, LaterAlbumPhoto())
    return router

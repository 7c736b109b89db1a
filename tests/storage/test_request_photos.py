"""Staff's publishable mark on a request's photos, and what the public pages read of it:
only marked photos, by number, never a photo that is not marked."""

from dataclasses import replace

from domain.photos import RequestPhoto
from storage.repositories.public_page import SqlPublicPage
from storage.repositories.request_photos import public_file_id
from storage.uow import SqlUnitOfWork
from tests.storage.test_requests import BAUMANA, make_request, street_id

__all__ = ["street_id"]  # the fixture, used by name


async def filed(uow: SqlUnitOfWork, street: int, photos: tuple[str, ...]) -> int:
    async with uow:
        saved = await uow.requests.add(
            make_request(place=replace(BAUMANA, street_id=street), photos=photos)
        )
        await uow.commit()
    assert saved.id is not None
    return saved.id


async def test_photos_start_unmarked_and_the_mark_is_kept(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    request_id = await filed(uow, street_id, ("file-a", "file-b", "file-c"))
    async with uow:
        assert await uow.requests.photos(request_id) == [
            RequestPhoto(0, "file-a"),
            RequestPhoto(1, "file-b"),
            RequestPhoto(2, "file-c"),
        ]
        await uow.requests.mark_photo(request_id, 1, True)
        await uow.requests.mark_photo(request_id, 2, True)
        await uow.commit()
    async with uow:
        await uow.requests.mark_photo(request_id, 2, False)  # taken back
        await uow.commit()
    async with uow:
        marks = [(p.number, p.public) for p in await uow.requests.photos(request_id)]
        first = await uow.requests.first_public_photos([request_id])
    assert marks == [(1, False), (2, True), (3, False)]
    assert first == {request_id: 2}


async def test_the_public_page_reads_only_marked_photos(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    request_id = await filed(uow, street_id, ("file-a", "file-b"))
    other = await filed(uow, street_id, ("file-c",))
    async with uow:
        await uow.requests.mark_photo(request_id, 1, True)
        await uow.commit()
    async with uow:
        shown = await SqlPublicPage(uow.session).request(request_id)
        assert shown is not None and shown.photos == (2,)
        assert await public_file_id(uow.session, request_id, 2) == "file-b"
        assert await public_file_id(uow.session, request_id, 1) is None  # not marked
        assert await public_file_id(uow.session, request_id, 3) is None  # no such photo
        assert await public_file_id(uow.session, other, 1) is None
        assert await uow.requests.first_public_photos([request_id, other]) == {request_id: 2}
        assert await uow.requests.first_public_photos([]) == {}


async def test_a_photo_taken_back_and_replaced_is_not_public(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    """The author's undo removes the newest photo; the next one takes its number unmarked."""
    request_id = await filed(uow, street_id, ("file-a",))
    async with uow:
        await uow.requests.add_photo(request_id, "file-b")
        await uow.requests.mark_photo(request_id, 1, True)
        await uow.requests.remove_last_photo(request_id)
        await uow.requests.add_photo(request_id, "file-other")
        await uow.commit()
    async with uow:
        assert [p.public for p in await uow.requests.photos(request_id)] == [False, False]
        assert await public_file_id(uow.session, request_id, 2) is None

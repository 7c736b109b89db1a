"""The author's consent to show their description (issue 17), as stored: false for a new
request, changed alone (a save of a stale copy does not undo it), and the public page reads
the words only while it holds."""

from dataclasses import replace

from storage.repositories.public_page import SqlPublicPage
from storage.uow import SqlUnitOfWork
from tests.storage.test_requests import BAUMANA, make_request, street_id

__all__ = ["street_id"]  # the fixture, used by name


async def test_consent_is_kept_apart_and_read_by_the_public_page(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    async with uow:
        filed = await uow.requests.add(make_request(place=replace(BAUMANA, street_id=street_id)))
        other = await uow.requests.add(make_request(place=replace(BAUMANA, street_id=street_id)))
        await uow.commit()
    assert filed.id is not None and other.id is not None
    async with uow:
        read = await uow.requests.get(filed.id)
        assert read is not None and not read.description_public
        page = await SqlPublicPage(uow.session).request(filed.id)
        assert page is not None and page.description is None
        await uow.requests.set_description_public(filed.id, True)
        await uow.requests.save(replace(read, rating=None))  # a copy read before: consent false
        await uow.commit()
    async with uow:
        read = await uow.requests.get(filed.id)
        assert read is not None and read.description_public
        page = await SqlPublicPage(uow.session).request(filed.id)
        assert page is not None and page.description == "Глубокая яма у остановки"
        neighbour = await SqlPublicPage(uow.session).request(other.id)
        assert neighbour is not None and neighbour.description is None
        assert [
            r.description_public
            for r in await uow.requests.list_by_author(filed.author_id or 0, 0, 5)
        ].count(True) == 1
        await uow.requests.set_description_public(filed.id, False)  # taken back
        await uow.commit()
    async with uow:
        page = await SqlPublicPage(uow.session).request(filed.id)
        assert page is not None and page.description is None

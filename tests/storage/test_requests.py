from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select

from domain.errors import NotFound
from domain.history import EventKind, RequestEvent
from domain.ports import BoundingBox
from domain.requests import Actor, Place, Request, RequestStatus, move
from storage.models import RequestPhotoRow, StreetRow, UserRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories, make_user

AUTHOR, NEIGHBOUR = 1001, 1002
BAUMANA = Place("ул. Баумана, 19", district="Вахитовский", house="19", lat=55.7887, lon=49.1221)


def make_request(**changes: object) -> Request:
    request = Request(
        id=None,
        author_id=AUTHOR,
        category="roads",
        description="Глубокая яма у остановки",
        place=BAUMANA,
        status=RequestStatus.NEW,
        created_at=NOW,
        deadline_at=NOW + timedelta(days=14),
        first_response_due_at=NOW + timedelta(hours=24),
        updated_at=NOW,
    )
    return replace(request, **changes)  # type: ignore[arg-type]


@pytest.fixture
async def street_id(uow: SqlUnitOfWork) -> int:
    """Two people and two categories, and a street to file requests at."""
    async with uow:
        await uow.users.add(make_user(AUTHOR))
        await uow.users.add(make_user(NEIGHBOUR, first_name="Ильдар"))
        await add_categories(uow.session, ROADS, LIGHTING)
        new_id = await uow.session.scalar(
            insert(StreetRow).values(name="Баумана", type="улица").returning(StreetRow.id)
        )
        await uow.commit()
    assert new_id is not None
    return new_id


async def test_add_assigns_an_id_and_get_loads_photos(uow: SqlUnitOfWork, street_id: int) -> None:
    draft = make_request(
        place=replace(BAUMANA, street_id=street_id), photos=("photo-b", "photo-a", "photo-c")
    )
    async with uow:
        saved = await uow.requests.add(draft)
        await uow.commit()
    assert saved.id is not None
    assert saved == replace(draft, id=saved.id)
    async with uow:
        loaded = await uow.requests.get(saved.id)
        positions = list(await uow.session.scalars(select(RequestPhotoRow.position)))
    assert loaded == saved
    assert loaded.photos == ("photo-b", "photo-a", "photo-c")  # the order sent
    assert sorted(positions) == [0, 1, 2]


async def test_add_refuses_a_stored_request(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        with pytest.raises(ValueError, match="already stored"):
            await uow.requests.add(make_request(id=7))


async def test_get_unknown_is_none(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        assert await uow.requests.get(999) is None


async def test_ids_grow_for_public_numbers(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        first = await uow.requests.add(make_request())
        second = await uow.requests.add(make_request())
    assert first.id is not None and second.id is not None
    assert second.id > first.id
    assert first.number.startswith("KZN-")


async def test_save(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        saved = await uow.requests.add(make_request())
        later = NOW + timedelta(hours=5)
        working = move(saved, RequestStatus.IN_PROGRESS, Actor.STAFF, later)
        resolved = move(working, RequestStatus.RESOLVED, Actor.STAFF, later + timedelta(days=1))
        await uow.requests.save(working)
        assert await uow.requests.get(saved.id or 0) == working  # not a stale cached row
        await uow.requests.save(resolved)
        await uow.commit()
    async with uow:
        loaded = await uow.requests.get(saved.id or 0)
    assert loaded == resolved
    assert loaded.resolved_at == later + timedelta(days=1)


async def test_update_status_of_unknown_request(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        with pytest.raises(NotFound):
            await uow.requests.save(make_request(id=404))


async def test_list_and_count_by_author_newest_first(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        for day in range(7):
            await uow.requests.add(make_request(created_at=NOW + timedelta(days=day)))
        await uow.requests.add(make_request(author_id=NEIGHBOUR))
        first_page = await uow.requests.list_by_author(AUTHOR, 0, 5)
        second_page = await uow.requests.list_by_author(AUTHOR, 5, 5)
        assert await uow.requests.count_by_author(AUTHOR) == 7
        assert await uow.requests.count_by_author(NEIGHBOUR) == 1
        assert await uow.requests.count_by_author(5) == 0
    days = [(r.created_at - NOW).days for r in first_page + second_page]
    assert days == [6, 5, 4, 3, 2, 1, 0]
    assert {r.author_id for r in first_page + second_page} == {AUTHOR}


async def test_open_at_address(uow: SqlUnitOfWork, street_id: int) -> None:
    here = replace(BAUMANA, street_id=street_id, house="19")
    async with uow:
        open_one = await uow.requests.add(make_request(place=here))
        await uow.requests.add(make_request(place=here, status=RequestStatus.RESOLVED))
        await uow.requests.add(make_request(place=here, category="lighting"))
        await uow.requests.add(make_request(place=replace(here, house="21")))
        in_progress = await uow.requests.add(
            make_request(
                place=here, status=RequestStatus.IN_PROGRESS, created_at=NOW + timedelta(1)
            )
        )
        found = await uow.requests.open_at_address("roads", street_id, "19")
    assert [r.id for r in found] == [in_progress.id, open_one.id]


async def test_open_in_box(uow: SqlUnitOfWork, street_id: int) -> None:
    box = BoundingBox(south=55.78, west=49.11, north=55.79, east=49.13)
    async with uow:
        inside = await uow.requests.add(make_request())
        await uow.requests.add(make_request(status=RequestStatus.WITHDRAWN))
        await uow.requests.add(make_request(category="lighting"))
        await uow.requests.add(make_request(place=replace(BAUMANA, lat=55.80)))
        await uow.requests.add(make_request(place=replace(BAUMANA, lon=49.20)))
        await uow.requests.add(make_request(place=Place("без координат")))
        found = await uow.requests.open_in_box("roads", box)
    assert [r.id for r in found] == [inside.id]


async def test_events_come_back_in_order(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        saved = await uow.requests.add(make_request())
        request_id = saved.id or 0
        created = RequestEvent(
            request_id, NOW, EventKind.CREATED, Actor.AUTHOR, AUTHOR, to_status=RequestStatus.NEW
        )
        answer = RequestEvent(
            request_id,
            NOW + timedelta(hours=2),
            EventKind.STATUS_CHANGED,
            Actor.STAFF,
            None,
            RequestStatus.NEW,
            RequestStatus.IN_PROGRESS,
            "Передано подрядчику",
        )
        same_time = RequestEvent(
            request_id, NOW + timedelta(hours=2), EventKind.COMMENT, Actor.SYSTEM
        )
        ids = [await uow.requests.add_event(e) for e in (answer, created, same_time)]
        await uow.commit()
    assert ids == sorted(ids)
    async with uow:
        history = await uow.requests.history(request_id)
        assert await uow.requests.history(request_id + 1) == []
    assert [e.id for e in history] == [ids[1], ids[0], ids[2]]
    assert [replace(e, id=None) for e in history] == [created, answer, same_time]


async def test_followers_are_unique(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        saved = await uow.requests.add(make_request())
        request_id = saved.id or 0
        assert not await uow.requests.is_follower(request_id, NEIGHBOUR)
        assert await uow.requests.add_follower(request_id, NEIGHBOUR, NOW)
        assert not await uow.requests.add_follower(request_id, NEIGHBOUR, NOW + timedelta(1))
        assert await uow.requests.is_follower(request_id, NEIGHBOUR)
        assert not await uow.requests.is_follower(request_id, AUTHOR)
        assert await uow.requests.add_follower(request_id, AUTHOR, NOW + timedelta(2))
        assert await uow.requests.followers(request_id) == [NEIGHBOUR, AUTHOR]
        await uow.commit()  # a refused duplicate leaves the transaction usable
    async with uow:
        assert await uow.requests.is_follower(request_id, NEIGHBOUR)


async def test_forgetting_a_person_anonymises_their_requests(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    async with uow:
        saved = await uow.requests.add(make_request(place=replace(BAUMANA, street_id=street_id)))
        request_id = saved.id or 0
        await uow.requests.add_follower(request_id, NEIGHBOUR, NOW)
        await uow.session.execute(delete(UserRow).where(UserRow.id.in_([AUTHOR, NEIGHBOUR])))
        await uow.session.execute(delete(StreetRow))
        await uow.commit()
    async with uow:
        loaded = await uow.requests.get(request_id)
        assert await uow.requests.followers(request_id) == []
    assert loaded is not None
    assert (loaded.author_id, loaded.place.street_id) == (None, None)
    assert loaded.place.label == BAUMANA.label


async def test_follow_up_fields_and_added_photos_round_trip(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    async with uow:
        original = await uow.requests.add(make_request())
        request = await uow.requests.add(make_request(photos=("p0",)))
        assert request.id is not None and original.id is not None
        changed = replace(
            move(request, RequestStatus.IN_PROGRESS, Actor.STAFF, NOW + timedelta(hours=1)),
            assignee_id=NEIGHBOUR,
            first_response_at=NOW + timedelta(hours=1),
            rating=4,
            duplicate_of=original.id,
        )
        await uow.requests.save(changed)
        await uow.requests.add_photo(request.id, "p1")
        await uow.requests.add_photo(original.id, "q0")
        await uow.commit()
    async with uow:
        loaded = await uow.requests.get(request.id)
        assert loaded == replace(changed, photos=("p0", "p1"))
        assert (await uow.requests.get(original.id)).photos == ("q0",)  # type: ignore[union-attr]


async def test_rating_outside_one_to_five_is_refused_by_the_database(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    async with uow:
        request = await uow.requests.add(make_request())
        with pytest.raises(Exception, match="(?i)check|constraint"):
            await uow.requests.save(replace(request, rating=6))

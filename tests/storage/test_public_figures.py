"""The public figures kept with each request: right after every kind of change, equal to a
fresh count, and the page's reads show nothing personal."""

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.history import EventKind, RequestEvent
from domain.public_figures import median_minutes
from domain.public_page import PublicFilter, city_figures
from domain.requests import Actor, Request, RequestStatus, move
from storage.models import PublicCountRow, ResponseTimeRow, StreetRow
from storage.public_recount import recount_public_figures
from storage.repositories.public_page import SqlPublicPage
from storage.uow import SqlUnitOfWork
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories, make_user
from tests.storage.test_requests import AUTHOR, BAUMANA, make_request

KIROVSKY = replace(BAUMANA, label="ул. Луговая, 5", district="Кировский", house="5")
Counts = dict[tuple[str, str, str], tuple[int, int]]


@pytest.fixture
async def street_id(uow: SqlUnitOfWork) -> int:
    async with uow:
        await uow.users.add(make_user(AUTHOR))
        await add_categories(uow.session, ROADS, LIGHTING)
        new_id = await uow.session.scalar(
            insert(StreetRow).values(name="Баумана", type="улица").returning(StreetRow.id)
        )
        await uow.commit()
    assert new_id is not None
    return new_id


async def kept(uow: SqlUnitOfWork) -> tuple[Counts, dict[int, int]]:
    """(district, category, status) -> (requests, on time), and the response buckets."""
    rows = await uow.session.scalars(select(PublicCountRow).where(PublicCountRow.requests > 0))
    counts = {(r.district, r.category, r.status): (r.requests, r.on_time) for r in rows}
    buckets = await SqlPublicPage(uow.session).response_buckets()
    return counts, buckets


async def add(uow: SqlUnitOfWork, **changes: object) -> Request:
    return await uow.requests.add(make_request(**changes))


async def step(uow: SqlUnitOfWork, request: Request, to: RequestStatus, hours: float) -> Request:
    moved = move(request, to, Actor.STAFF, NOW + timedelta(hours=hours))
    await uow.requests.save(moved)
    return moved


async def test_counts_follow_creation_and_every_change(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        pothole = await add(uow)
        lamp = await add(uow, category="lighting", place=KIROVSKY)
        assert await kept(uow) == (
            {
                ("Вахитовский", "roads", "new"): (1, 0),
                ("Кировский", "lighting", "new"): (1, 0),
            },
            {},
        )
        pothole = await step(uow, pothole, RequestStatus.IN_PROGRESS, 0.5)  # 30 min
        pothole = await step(uow, pothole, RequestStatus.RESOLVED, 48)  # before the deadline
        lamp = await step(uow, lamp, RequestStatus.IN_PROGRESS, 3.25)  # 195 min -> 190
        assert await kept(uow) == (
            {
                ("Вахитовский", "roads", "resolved"): (1, 1),
                ("Кировский", "lighting", "in_progress"): (1, 0),
            },
            {30: 1, 190: 1},
        )
        # Reopened: out of «resolved» and of the on-time figure; its first response stays.
        pothole = move(
            pothole, RequestStatus.NEW, Actor.AUTHOR, NOW + timedelta(days=3), actor_user_id=AUTHOR
        )
        await uow.requests.save(pothole)
        pothole = await step(uow, pothole, RequestStatus.RESOLVED, 24 * 20)  # late now
        copy = await add(uow, place=KIROVSKY)
        copy = await step(uow, copy, RequestStatus.DUPLICATE, 26)  # 26 h -> 1560 min
        gone = await add(uow)
        gone = move(gone, RequestStatus.WITHDRAWN, Actor.AUTHOR, NOW, actor_user_id=AUTHOR)
        await uow.requests.save(gone)
        assert await kept(uow) == (
            {
                ("Вахитовский", "roads", "resolved"): (1, 0),
                ("Вахитовский", "roads", "withdrawn"): (1, 0),
                ("Кировский", "lighting", "in_progress"): (1, 0),
                ("Кировский", "roads", "duplicate"): (1, 0),
            },
            {30: 1, 190: 1, 1560: 1},
        )
        await uow.commit()


async def test_kept_figures_equal_a_fresh_count(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        for index in range(12):
            request = await add(uow, category=("roads", "lighting")[index % 2])
            if index % 3:
                request = await step(uow, request, RequestStatus.IN_PROGRESS, index * 1.7)
            if index % 4 == 1:
                request = await step(uow, request, RequestStatus.RESOLVED, index * 40)
            if index % 5 == 2:
                await step(uow, request, RequestStatus.REJECTED, 500)
        incremental = await kept(uow)
        await recount_public_figures(uow.session)
        assert await kept(uow) == incremental
        assert sum(n for n, _ in incremental[0].values()) == 12
        await uow.commit()


async def test_rolled_back_change_leaves_no_count(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        await add(uow)  # never committed
    async with uow:
        assert await kept(uow) == ({}, {})
        assert await uow.session.scalar(select(ResponseTimeRow.minutes)) is None


async def test_city_figures_and_the_newest_requests(uow: SqlUnitOfWork, street_id: int) -> None:
    async with uow:
        first = await add(uow, place=replace(BAUMANA, street_id=street_id))
        await step(uow, first, RequestStatus.IN_PROGRESS, 2)
        second = await add(uow, category="lighting", place=KIROVSKY)
        third = await add(uow, category="lighting", place=replace(BAUMANA, street_id=street_id))
        await uow.commit()
    async with uow:
        page = SqlPublicPage(uow.session)
        figures = city_figures(await page.counts(), PublicFilter(category="lighting"), None)
        assert figures.by_district == {"Вахитовский": 1, "Кировский": 1}
        assert figures.by_category == {"lighting": 2, "roads": 1}
        assert figures.total == 2
        assert median_minutes(await page.response_buckets()) == 120
        newest = await page.newest(PublicFilter(district="Вахитовский"), limit=10)
        assert [r.id for r in newest] == [third.id, first.id]
        assert newest[0].street == "улица Баумана"  # the street, never the house
        in_work = await page.newest(PublicFilter(status="in_progress"), limit=10)
        assert [r.id for r in in_work] == [first.id]
        opened = await page.newest(PublicFilter(status="open"), limit=1, before=third.id)
        assert [r.id for r in opened] == [second.id]


async def test_public_request_keeps_only_the_official_history(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    async with uow:
        request = await add(uow)
        assert request.id is not None
        events = [
            (EventKind.CREATED, Actor.AUTHOR, "Глубокая яма, звоните 89170000000"),
            (EventKind.COMMENT, Actor.AUTHOR, "Я Альсу, дом 19"),
            (EventKind.QUESTION, Actor.STAFF, "Альсу, какой подъезд?"),
            (EventKind.ANSWER, Actor.STAFF, "Яму заделают до пятницы"),
        ]
        for kind, actor, text in events:
            await uow.requests.add_event(
                RequestEvent(request.id, NOW, kind, actor, AUTHOR, text=text)
            )
        await uow.commit()
    async with uow:
        shown = await SqlPublicPage(uow.session).request(request.id)
        assert await SqlPublicPage(uow.session).request(request.id + 1000) is None
    assert shown is not None
    assert [(e.kind, e.text, e.actor_user_id) for e in shown.history] == [
        (EventKind.CREATED, None, None),
        (EventKind.QUESTION, None, None),
        (EventKind.ANSWER, "Яму заделают до пятницы", None),
    ]
    assert shown.street is None  # filed with no street id: the district only


async def test_drifted_figures_never_fail_a_change(
    uow: SqlUnitOfWork, street_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    """A bulk write around the repository leaves the figures behind: the next change of a
    request still succeeds (logged), and a recount puts the figures right."""
    async with uow:
        request = await add(uow)
        await uow.session.execute(delete(PublicCountRow))
        moved = await step(uow, request, RequestStatus.IN_PROGRESS, 1)
        assert (await uow.requests.get(moved.id or 0)) == moved
        assert "public figures out of step" in caplog.text
        await recount_public_figures(uow.session)
        assert (await kept(uow))[0] == {("Вахитовский", "roads", "in_progress"): (1, 0)}
        await uow.commit()


async def test_concurrent_changes_of_one_request_stay_counted_right(
    uow: SqlUnitOfWork,
    street_id: int,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FixedClock,
) -> None:
    """Two staff members act on the same new request at once, each from what they loaded:
    the second waits for the first (the row is locked) and takes back what is really stored."""
    if session_factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing concurrent to check")
    async with uow:
        request = await add(uow)
        await uow.commit()
    first_saved = asyncio.Event()

    async def act(to: RequestStatus, hours: float, first: bool) -> None:
        async with SqlUnitOfWork(session_factory, clock) as mine:
            if not first:
                await first_saved.wait()
            await step(mine, request, to, hours)  # both from the stale «new»
            if first:
                first_saved.set()
                await asyncio.sleep(0.2)  # hold the lock while the other one waits
            await mine.commit()

    await asyncio.gather(
        act(RequestStatus.IN_PROGRESS, 1, True), act(RequestStatus.REJECTED, 2, False)
    )
    async with uow:
        counts, buckets = await kept(uow)
        assert counts == {("Вахитовский", "roads", "rejected"): (1, 0)}
        assert buckets == {120: 1}  # the later first response: the one stored last
        await recount_public_figures(uow.session)
        assert await kept(uow) == (counts, buckets)
        await uow.commit()


async def test_a_request_passed_to_another_department_moves_its_figures(
    uow: SqlUnitOfWork, street_id: int
) -> None:
    """A reassignment changes only the department (requests.department through save): the
    resolved and on-time figures follow it, equal to a fresh count."""
    async with uow:
        request = await add(uow, department="roads_dept")
        await uow.requests.save(replace(request, department="city_desk"))
        await step(uow, replace(request, department="city_desk"), RequestStatus.RESOLVED, 5)
        rows = await uow.session.execute(
            select(
                PublicCountRow.department, PublicCountRow.requests, PublicCountRow.on_time
            ).where(PublicCountRow.requests > 0)
        )
        kept_rows = sorted(rows.tuples().all())
        await recount_public_figures(uow.session)
        fresh = await uow.session.execute(
            select(
                PublicCountRow.department, PublicCountRow.requests, PublicCountRow.on_time
            ).where(PublicCountRow.requests > 0)
        )
        assert sorted(fresh.tuples().all()) == kept_rows == [("city_desk", 1, 1)]
        await uow.commit()

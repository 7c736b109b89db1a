"""The sandbox's demo data, seeded through the use cases into a real (migrated) database."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.settings import PROJECT_ROOT
from domain.booking.bookings import BookingPolicy
from domain.clock import FixedClock
from domain.requests import RequestStatus
from sandbox.cast import CAST
from sandbox.demo.photos import POTHOLE_PHOTO, keep_demo_photos
from sandbox.demo.seeding import DemoSummary, seed_demo_data
from sandbox.demo.stories import ALSU, ARTYOM, MARK
from sandbox.files import FileStore, image_size
from storage.models import (
    AlertSubscriptionRow,
    BookingRow,
    CityEventRow,
    OutageRow,
    PerformerRow,
    RequestPhotoRow,
    RequestRow,
    UserRow,
)
from storage.reference_data import load_reference_data
from storage.repositories.request_photos import public_file_id
from storage.uow import SqlUnitOfWork


@pytest.fixture
async def seeded(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> DemoSummary | None:
    async with session_factory.begin() as session:
        await load_reference_data(session, PROJECT_ROOT / "data")
    return await _seed(session_factory, clock)


async def _seed(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> DemoSummary | None:
    async with SqlUnitOfWork(session_factory, clock) as uow:
        summary = await seed_demo_data(uow, clock, BookingPolicy())
        await uow.commit()
    return summary


async def test_requests_in_many_states_marked_as_demo(
    seeded: DemoSummary | None, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        rows = (await session.scalars(select(RequestRow))).all()

    assert seeded is not None and seeded.requests == len(rows) >= 5
    statuses = Counter(RequestStatus(row.status) for row in rows)
    assert {
        RequestStatus.NEW,
        RequestStatus.IN_PROGRESS,
        RequestStatus.NEED_INFO,
        RequestStatus.RESOLVED,
        RequestStatus.REJECTED,
    } <= set(statuses)
    assert all(row.description.startswith(MARK) for row in rows)
    assert all(row.street_id is not None and row.district for row in rows)  # matched addresses
    (resolved,) = [row for row in rows if row.status == RequestStatus.RESOLVED]
    assert resolved.rating == 5


async def test_the_resolved_pothole_has_a_public_photo_the_stand_in_holds(
    seeded: DemoSummary | None, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        photos = (await session.scalars(select(RequestPhotoRow))).all()
        (resolved,) = (
            await session.scalars(
                select(RequestRow).where(RequestRow.status == RequestStatus.RESOLVED)
            )
        ).all()
        published = await public_file_id(session, resolved.id, 1)

    assert [(row.request_id, row.position, row.public) for row in photos] == [
        (resolved.id, 0, True)
    ]
    assert resolved.author_id == ALSU and published == POTHOLE_PHOTO
    files = FileStore()  # a new world's, as at every start of the sandbox
    keep_demo_photos(files)
    stored = files.get(POTHOLE_PHOTO)
    assert stored is not None and image_size(stored.data) == (960, 720)


async def test_the_cast_are_users_and_the_performer_books(
    seeded: DemoSummary | None,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FixedClock,
) -> None:
    async with session_factory() as session:
        user_ids = set((await session.scalars(select(UserRow.id))).all())
        acts = {row.user_id: row for row in (await session.scalars(select(PerformerRow))).all()}
        bookings = (await session.scalars(select(BookingRow))).all()

    assert {member.user_id for member in CAST} <= user_ids
    assert acts[ARTYOM].status == "approved"
    assert sorted(row.status for row in acts.values()) == ["approved", "pending"]
    assert len(bookings) == 2
    assert all(row.performer_id == acts[ARTYOM].id for row in bookings)
    assert {row.status for row in bookings} == {"confirmed", "pending"}
    now = clock.now()
    assert all(now < row.starts_at < now + timedelta(days=3) for row in bookings)


async def test_outages_now_and_planned_events_and_subscriptions(
    seeded: DemoSummary | None,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FixedClock,
) -> None:
    now = clock.now()
    async with session_factory() as session:
        outages = (await session.scalars(select(OutageRow))).all()
        events = (await session.scalars(select(CityEventRow))).all()
        topics = (
            await session.scalars(
                select(AlertSubscriptionRow.topic).where(AlertSubscriptionRow.user_id == ALSU)
            )
        ).all()

    current = [row for row in outages if row.starts_at <= now]
    planned = [row for row in outages if row.starts_at > now]
    assert [(row.kind, row.emergency) for row in current] == [("hot_water", True)]
    assert [(row.kind, row.emergency) for row in planned] == [("electricity", False)]
    assert {row.source for row in outages} == {row.source for row in events} == {"demo"}
    assert len(events) >= 2
    assert all(row.title.startswith(MARK) for row in events)
    assert set(topics) == {"outage:cold_water", "outage:hot_water", "event:concerts"}


async def test_seeding_again_changes_nothing(
    seeded: DemoSummary | None,
    session_factory: async_sessionmaker[AsyncSession],
    clock: FixedClock,
) -> None:
    again = await _seed(session_factory, clock)

    assert seeded is not None and again is None
    async with session_factory() as session:
        count = await session.scalar(select(func.count()).select_from(RequestRow))
    assert count == seeded.requests

"""Check-in on a real database: the check-in time and a site's radius are stored; the job
records a missed check-in as a no-show once, and staff's undo takes the slot back."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.booking.bookings import BookingPolicy, BookingStatus
from domain.clock import FixedClock
from domain.services.booking import book
from domain.services.booking_check_in import check_in, undo_no_show
from scheduler.jobs import record_no_shows
from storage.uow import SqlUnitOfWork
from tests.storage.booking_samples import (
    TOMORROW,
    add_performers,
    add_sites,
    at,
    make_site,
    stored_bookings,
)
from tests.storage.samples import NOW

POLICY = BookingPolicy()
POINT = (55.7915, 49.1145)


async def booked(factory: async_sessionmaker[AsyncSession], radius: int | None = None) -> int:
    clock = FixedClock(NOW)
    site = make_site("bauman", lat=POINT[0], lon=POINT[1], check_in_radius_m=radius)
    (stored,) = await add_sites(factory, clock, [site])
    assert stored.check_in_radius_m == radius
    (performer,) = await add_performers(factory, clock, 1)
    async with SqlUnitOfWork(factory, clock) as uow:
        booking = await book(
            uow,
            clock,
            POLICY,
            user_id=performer.user_id,
            site_id=stored.id or 0,
            starts_at=at(TOMORROW, 10),
        )
        await uow.commit()
    assert booking.id is not None
    return booking.id


async def test_a_check_in_is_stored(session_factory) -> None:
    booking_id = await booked(session_factory, radius=300)
    clock = FixedClock(at(TOMORROW, 9, 50))
    async with SqlUnitOfWork(session_factory, clock) as uow:
        owner = (await uow.bookings.get(booking_id)).performer_id  # type: ignore[union-attr]
        performer = await uow.performers.get(owner)
        assert performer is not None
        await check_in(uow, clock, POLICY, performer.user_id, booking_id, 55.7930, 49.1145)
        await uow.commit()
    (stored,) = await stored_bookings(session_factory)
    assert stored.checked_in_at == clock.now()
    assert await record_no_shows(session_factory, FixedClock(at(TOMORROW, 11)), POLICY, None) == 0


async def test_a_missed_check_in_is_recorded_once_and_can_be_undone(session_factory) -> None:
    booking_id = await booked(session_factory)
    late = FixedClock(at(TOMORROW, 10, 15))
    assert await record_no_shows(session_factory, late, POLICY, None) == 1
    assert await record_no_shows(session_factory, late, POLICY, None) == 0
    (missed,) = await stored_bookings(session_factory)
    assert missed.status is BookingStatus.NO_SHOW
    async with SqlUnitOfWork(session_factory, late) as uow:
        await undo_no_show(uow, late, POLICY, booking_id)
        await uow.commit()
    (restored,) = await stored_bookings(session_factory)
    assert restored.status is BookingStatus.CONFIRMED and restored.checked_in_at is not None

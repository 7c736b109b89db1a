"""Performers check in (domain/booking/check_in.py, domain/services/booking_check_in.py) on
in-memory ports: the window, the radius, the automatic no-show and its undoing."""

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.check_in import CheckInRefusal, CheckInRefused, may_check_in
from domain.booking.notices import BookingNews
from domain.clock import FixedClock
from domain.errors import InvalidTransition
from domain.services.booking_check_in import check_in, record_missed_check_ins, undo_no_show
from tests.unit.booking_fakes import FakeBookingUnitOfWork
from tests.unit.test_booking_domain import POLICY, site
from tests.unit.test_booking_services import (
    ALSU,
    STAFF_CHAT,
    TEN,
    book_at,
    notices,
    registered,
    two_waiting,
)

AT_THE_CLOCK = (55.7915, 49.1145)
BAUMAN = site(lat=AT_THE_CLOCK[0], lon=AT_THE_CLOCK[1])
NEAR = (55.7920, 49.1150)  # ~65 m
FAR = (55.7960, 49.1145)  # ~500 m


@pytest.fixture
def uow() -> FakeBookingUnitOfWork:
    return FakeBookingUnitOfWork([BAUMAN], staff_chat_id=STAFF_CHAT)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TEN - timedelta(days=1))


async def test_the_window_opens_15_minutes_before_and_closes_15_after(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=BAUMAN)
    assert not may_check_in(booking, TEN - timedelta(minutes=16), POLICY)
    assert may_check_in(booking, TEN - timedelta(minutes=15), POLICY)
    assert may_check_in(booking, TEN + timedelta(minutes=14), POLICY)
    assert not may_check_in(booking, TEN + timedelta(minutes=15), POLICY)
    clock.set(TEN - timedelta(minutes=20))
    with pytest.raises(CheckInRefused) as early:
        await check_in(uow, clock, POLICY, ALSU, booking.id or 0, *NEAR)
    assert early.value.refusal is CheckInRefusal.TOO_EARLY


async def test_inside_the_radius_is_present_outside_is_told_the_distance(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=BAUMAN)
    assert booking.id is not None
    clock.set(TEN - timedelta(minutes=5))
    with pytest.raises(CheckInRefused) as far:
        await check_in(uow, clock, POLICY, ALSU, booking.id, *FAR)
    assert far.value.refusal is CheckInRefusal.TOO_FAR
    assert far.value.distance_m == pytest.approx(500, abs=10) and far.value.radius_m == 150
    present, distance = await check_in(uow, clock, POLICY, ALSU, booking.id, *NEAR)
    assert distance < 150 and present.checked_in_at == clock.now()
    clock.set(TEN + timedelta(hours=1))
    assert await record_missed_check_ins(uow, clock, POLICY) == 0  # present: no no-show


async def test_a_site_with_its_own_radius(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    wide = FakeBookingUnitOfWork([site(lat=55.7915, lon=49.1145, check_in_radius_m=600)])
    await registered(wide, ALSU)
    booking = await book_at(wide, clock, ALSU, at=BAUMAN)
    clock.set(TEN)
    _present, distance = await check_in(wide, clock, POLICY, ALSU, booking.id or 0, *FAR)
    assert distance > 150


async def test_no_check_in_is_a_no_show_and_the_slot_goes_to_the_waiting_list(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    booking, boris, _vera = await two_waiting(uow, clock)
    clock.set(TEN + timedelta(minutes=14))
    assert await record_missed_check_ins(uow, clock, POLICY) == 0
    clock.set(TEN + timedelta(minutes=15))
    assert await record_missed_check_ins(uow, clock, POLICY) == 1
    assert await record_missed_check_ins(uow, clock, POLICY) == 0  # once
    assert uow.bookings.rows[booking.id or 0].status is BookingStatus.NO_SHOW
    offered = [b for b in uow.bookings.rows.values() if b.status is BookingStatus.OFFERED]
    assert [b.performer_id for b in offered] == [boris.id]
    told = [n.payload["news"] for n in notices(uow)]
    assert BookingNews.MISSED_CHECK_IN.value in told and BookingNews.OFFERED.value in told


async def test_staff_take_a_no_show_back(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=BAUMAN)
    assert booking.id is not None
    clock.set(TEN + timedelta(minutes=20))
    await record_missed_check_ins(uow, clock, POLICY)
    restored = await undo_no_show(uow, clock, POLICY, booking.id)
    assert restored.status is BookingStatus.CONFIRMED and restored.checked_in_at == clock.now()
    assert await uow.bookings.count_no_shows(restored.performer_id, TEN - timedelta(days=1)) == 0
    assert await record_missed_check_ins(uow, clock, POLICY) == 0  # present now
    with pytest.raises(InvalidTransition):
        await undo_no_show(uow, clock, POLICY, booking.id)


async def test_undoing_after_the_slot_went_on_only_clears_the_record(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    booking, _boris, _vera = await two_waiting(uow, clock)
    clock.set(TEN + timedelta(minutes=20))
    await record_missed_check_ins(uow, clock, POLICY)  # Boris is offered the slot
    undone = await undo_no_show(uow, clock, POLICY, booking.id or 0)
    assert undone.status is BookingStatus.EXPIRED
    assert await uow.bookings.count_no_shows(undone.performer_id, TEN - timedelta(days=1)) == 0


async def test_a_check_in_committed_while_the_job_read_its_list_is_not_a_no_show(
    uow: FakeBookingUnitOfWork, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=BAUMAN)
    assert booking.id is not None
    listed = uow.bookings.between

    async def list_then_check_in(*args: object) -> list[Booking]:
        stale = await listed(*args)  # type: ignore[arg-type]
        # The live location's transaction commits just after the job's read.
        present = replace(uow.bookings.rows[booking.id or 0], checked_in_at=clock.now())
        uow.bookings.rows[booking.id or 0] = present
        return stale

    monkeypatch.setattr(uow.bookings, "between", list_then_check_in)
    clock.set(TEN + timedelta(minutes=15))
    assert await record_missed_check_ins(uow, clock, POLICY) == 0
    assert uow.bookings.rows[booking.id].status is BookingStatus.CONFIRMED


async def test_a_live_location_after_the_no_show_is_told_it_is_too_late(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    """Not «not confirmed, no need to check in»: the performer is late, and recorded so."""
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=BAUMAN)
    clock.set(TEN + timedelta(minutes=15))
    assert await record_missed_check_ins(uow, clock, POLICY) == 1
    with pytest.raises(CheckInRefused) as late:
        await check_in(uow, clock, POLICY, ALSU, booking.id or 0, *NEAR)  # a live move
    assert late.value.refusal is CheckInRefusal.TOO_LATE

"""Performers check in with their location (domain/booking/check_in.py); a booking nobody
checked in to by the end of the window is a no-show, recorded by a job, its slot offered to the
waiting list; staff can take a no-show back."""

from dataclasses import replace
from datetime import datetime, timedelta

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingStatus,
    fixed_claims,
    week_tokens,
)
from domain.booking.check_in import (
    CheckInRefusal,
    CheckInRefused,
    check,
    may_check_in,
    missed,
)
from domain.booking.notices import BookingNews, to_performer
from domain.booking.ports import BookingUnitOfWork
from domain.clock import Clock
from domain.errors import InvalidTransition, NotFound
from domain.services.booking import offer_next, performer_of, redraw_card
from domain.services.booking_staff import mark_no_show

LONGEST_SLOT = timedelta(hours=6)  # domain/booking/sites.check_site


async def check_in(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    user_id: int,
    booking_id: int,
    lat: float,
    lon: float,
) -> tuple[Booking, float]:
    """The booking marked present and the distance to the site; CheckInRefused says why not.
    A second check-in changes nothing."""
    performer = await performer_of(uow, user_id)
    booking = await uow.bookings.get(booking_id, for_update=True)
    if booking is None or booking.performer_id != performer.id:
        raise NotFound(f"booking {booking_id} of user {user_id}")
    site = await uow.sites.get(booking.site_id)
    if site is None:
        raise CheckInRefused(CheckInRefusal.NO_SITE_POINT)
    now = clock.now()
    distance = check(booking, site, lat, lon, now, policy)
    if booking.checked_in_at is None:
        booking = replace(booking, checked_in_at=now, updated_at=now)
        await uow.bookings.save(booking)
    return booking, distance


async def open_check_in(
    uow: BookingUnitOfWork, user_id: int, now: datetime, policy: BookingPolicy
) -> Booking | None:
    """The performer's booking whose check-in is open now (a live location shared without
    pressing the button checks in to it); None for anyone else."""
    performer = await uow.performers.by_user(user_id)
    if performer is None or performer.id is None:
        return None
    upcoming = await uow.bookings.of_performer(performer.id, now, upcoming=True, limit=5)
    return next((b for b in upcoming if may_check_in(b, now, policy)), None)


async def record_missed_check_ins(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy
) -> int:
    """A job: each confirmed booking whose window closed without a check-in becomes a no-show
    (counted, perhaps suspending, as staff's mark does) and its slot is offered on."""
    now = clock.now()
    candidates = await uow.bookings.between(
        now - LONGEST_SLOT, now - policy.check_in_grace + timedelta(seconds=1)
    )
    recorded = 0
    for candidate in candidates:
        if not missed(candidate, now, policy) or candidate.id is None:
            continue
        # Read again under the row's lock: a live location that checked in while the list
        # was read (its transaction committed since) must not become a no-show.
        booking = await uow.bookings.get(candidate.id, for_update=True)
        if booking is None or booking.id is None or not missed(booking, now, policy):
            continue
        gone = await mark_no_show(uow, clock, policy, booking.id, BookingNews.MISSED_CHECK_IN)
        await offer_next(uow, clock, policy, gone.slot, {gone.performer_id}, under_way=True)
        recorded += 1
    return recorded


async def undo_no_show(
    uow: BookingUnitOfWork, clock: Clock, policy: BookingPolicy, booking_id: int
) -> Booking:
    """Staff saw the performer after all: the no-show no longer counts (a suspension it
    caused is lifted). The booking stands again, checked in, when its slot is still free; if
    the slot went to the waiting list meanwhile, it ends as expired."""
    booking = await uow.bookings.get(booking_id, for_update=True)
    if booking is None:
        raise NotFound(f"booking {booking_id}")
    if booking.status is not BookingStatus.NO_SHOW:
        raise InvalidTransition(f"booking {booking_id} is {booking.status}, not a no-show")
    now = clock.now()
    restored = await _reclaim(uow, booking, policy)
    status = BookingStatus.CONFIRMED if restored else BookingStatus.EXPIRED
    undone = replace(
        booking, status=status, updated_at=now, checked_in_at=now if restored else None
    )
    await uow.bookings.save(undone)
    await _lift_suspension(uow, booking.performer_id, policy, now)
    if restored:
        performer = await uow.performers.get(booking.performer_id)
        if performer is not None:
            await uow.outbox.add(
                to_performer(performer.user_id, booking_id, BookingNews.NO_SHOW_UNDONE, now)
            )
    await redraw_card(uow, undone, now)
    return undone


async def _reclaim(uow: BookingUnitOfWork, booking: Booking, policy: BookingPolicy) -> bool:
    assert booking.id is not None
    if await uow.bookings.claim(booking.id, fixed_claims(booking.performer_id, booking.slot)):
        await uow.bookings.release(booking.id)
        return False
    tokens = week_tokens(booking.performer_id, booking.slot, policy)
    if await uow.bookings.claim_any(booking.id, tokens) is None:
        await uow.bookings.release(booking.id)
        return False
    return True


async def _lift_suspension(
    uow: BookingUnitOfWork, performer_id: int, policy: BookingPolicy, now: datetime
) -> None:
    performer = await uow.performers.get(performer_id)
    if performer is None or not performer.suspended(now):
        return
    if await uow.bookings.count_no_shows(performer_id, now - policy.no_show_window) < (
        policy.no_show_limit
    ):
        await uow.performers.save(replace(performer, suspended_until=None))

"""Staff's side of bookings: approve or decline a waiting booking, mark a no-show; the day's
list and a booking as its card shows it."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from domain.booking.bookings import Booking, BookingPolicy, BookingStatus
from domain.booking.notices import BookingNews, to_performer
from domain.booking.performers import Performer
from domain.booking.ports import BookingUnitOfWork
from domain.booking.sites import Site
from domain.clock import CITY_TZ, Clock
from domain.errors import InvalidTransition, NotFound
from domain.services.booking import offer_next, redraw_card
from domain.services.performers import refusal_reason


async def decide_booking(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    booking_id: int,
    approve: bool,
    reason: str | None,
    by: str | None = None,
) -> Booking:
    """`by`: the staff member's name, shown on the redrawn card."""
    booking = await _load(uow, booking_id)
    if booking.status is not BookingStatus.PENDING:
        raise InvalidTransition(f"booking {booking_id} is {booking.status}, not waiting")
    cleaned = refusal_reason(approve, reason)
    now = clock.now()
    status = BookingStatus.CONFIRMED if approve else BookingStatus.DECLINED
    decided = replace(booking, status=status, reason=cleaned, updated_at=now)
    await uow.bookings.save(decided)
    news = BookingNews.APPROVED if approve else BookingNews.DECLINED
    await _tell(uow, decided, news)
    await redraw_card(uow, decided, now, by)
    if not approve:
        await uow.bookings.release(booking_id)
        await offer_next(uow, clock, policy, booking.slot, {booking.performer_id})
    return decided


async def mark_no_show(
    uow: BookingUnitOfWork,
    clock: Clock,
    policy: BookingPolicy,
    booking_id: int,
    news: BookingNews = BookingNews.NO_SHOW,
) -> Booking:
    """Only once the slot has begun; repeated no-shows suspend booking for a while. `news`:
    what the performer is told (staff's mark, or the check-in missed)."""
    booking = await _load(uow, booking_id)
    now = clock.now()
    if not may_mark_no_show(booking, now):
        raise InvalidTransition(
            f"booking {booking_id} is {booking.status}; a no-show is marked once a "
            "confirmed slot has begun"
        )
    missed = replace(booking, status=BookingStatus.NO_SHOW, updated_at=now)
    await uow.bookings.save(missed)
    await uow.bookings.release(booking_id)
    await _tell(uow, missed, news)
    await redraw_card(uow, missed, now)
    count = await uow.bookings.count_no_shows(booking.performer_id, now - policy.no_show_window)
    performer = await uow.performers.get(booking.performer_id)
    if performer is not None and count >= policy.no_show_limit and not performer.suspended(now):
        await uow.performers.save(replace(performer, suspended_until=now + policy.suspension))
        await _tell(uow, missed, BookingNews.SUSPENDED)
    return missed


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking with its site and performer (None: gone meanwhile), as lists and cards
    show it."""

    booking: Booking
    site: Site | None
    performer: Performer | None


async def booking_view(uow: BookingUnitOfWork, booking_id: int) -> BookingView | None:
    """The booking with its site and performer; None when the booking is gone."""
    booking = await uow.bookings.get(booking_id)
    if booking is None:
        return None
    site = await uow.sites.get(booking.site_id)
    return BookingView(booking, site, await uow.performers.get(booking.performer_id))


async def bookings_of_day(
    uow: BookingUnitOfWork, day: date, statuses: Sequence[BookingStatus]
) -> list[BookingView]:
    """The day's bookings in these states at every site (city time), soonest first."""
    midnight = datetime.combine(day, time(0), tzinfo=CITY_TZ)
    bookings = await uow.bookings.between(midnight, midnight + timedelta(days=1), statuses)
    sites: dict[int, Site | None] = {}
    listed = []
    for booking in bookings:
        if booking.site_id not in sites:
            sites[booking.site_id] = await uow.sites.get(booking.site_id)
        performer = await uow.performers.get(booking.performer_id)
        listed.append(BookingView(booking, sites[booking.site_id], performer))
    return listed


def may_mark_no_show(booking: Booking, now: datetime) -> bool:
    """A confirmed booking whose slot has begun: nobody came (not seen any earlier)."""
    return booking.status is BookingStatus.CONFIRMED and booking.starts_at <= now


async def _load(uow: BookingUnitOfWork, booking_id: int) -> Booking:
    booking = await uow.bookings.get(booking_id, for_update=True)
    if booking is None:
        raise NotFound(f"booking {booking_id}")
    return booking


async def _tell(uow: BookingUnitOfWork, booking: Booking, news: BookingNews) -> None:
    performer = await uow.performers.get(booking.performer_id)
    if performer is not None and booking.id is not None:
        await uow.outbox.add(to_performer(performer.user_id, booking.id, news, booking.updated_at))

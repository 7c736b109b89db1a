"""Performers check in: their shared location, near the site, shortly before the slot.

The window opens `policy.check_in_opens` before the start (15 min) and closes
`policy.check_in_grace` after it (BOOKING_CHECK_IN_MINUTES, 15 by default): a confirmed booking
still without a check-in then is a no-show, recorded by a job, and the slot goes to the waiting
list. Within `radius` of the site's point (its own, else the policy's 150 m: a pedestrian
street is long and a phone's fix in the centre is often 30-60 m off) counts as present.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.booking.bookings import Booking, BookingPolicy, BookingStatus
from domain.booking.sites import Site
from domain.errors import DomainError


class CheckInRefusal(StrEnum):
    NOT_CONFIRMED = "not_confirmed"  # cancelled, declined, already a no-show...
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    NO_SITE_POINT = "no_site_point"  # the site has no coordinates to measure against
    TOO_FAR = "too_far"


class CheckInRefused(DomainError):
    code = "check_in_refused"

    def __init__(
        self, refusal: CheckInRefusal, distance_m: float | None = None, radius_m: int = 0
    ) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.distance_m = distance_m
        self.radius_m = radius_m


@dataclass(frozen=True, slots=True)
class Window:
    opens: datetime
    closes: datetime


def window(booking: Booking, policy: BookingPolicy) -> Window:
    """A slot taken once under way (an offer of a no-show's slot, accepted late) gets its
    grace from the moment it was taken: `updated_at` is then the acceptance."""
    since = max(booking.starts_at, booking.updated_at)
    return Window(booking.starts_at - policy.check_in_opens, since + policy.check_in_grace)


def may_check_in(booking: Booking, now: datetime, policy: BookingPolicy) -> bool:
    """The booking card offers the check-in: confirmed, not yet present, window open."""
    span = window(booking, policy)
    return (
        booking.status is BookingStatus.CONFIRMED
        and booking.checked_in_at is None
        and span.opens <= now < span.closes
    )


def radius_m(site: Site, policy: BookingPolicy) -> int:
    return site.check_in_radius_m or policy.check_in_radius_m


def check(
    booking: Booking, site: Site, lat: float, lon: float, now: datetime, policy: BookingPolicy
) -> float:
    """The distance to the site when the check-in holds; else CheckInRefused says why."""
    if booking.status is BookingStatus.NO_SHOW:  # recorded by the job: the window closed
        raise CheckInRefused(CheckInRefusal.TOO_LATE)
    if booking.status is not BookingStatus.CONFIRMED:
        raise CheckInRefused(CheckInRefusal.NOT_CONFIRMED)
    span = window(booking, policy)
    if now < span.opens:
        raise CheckInRefused(CheckInRefusal.TOO_EARLY)
    if now >= span.closes:
        raise CheckInRefused(CheckInRefusal.TOO_LATE)
    distance = site.distance_m(lat, lon)
    if distance is None:
        raise CheckInRefused(CheckInRefusal.NO_SITE_POINT)
    allowed = radius_m(site, policy)
    if distance > allowed:
        raise CheckInRefused(CheckInRefusal.TOO_FAR, distance, allowed)
    return distance


def missed(booking: Booking, now: datetime, policy: BookingPolicy) -> bool:
    """Confirmed, never checked in, and the window closed while the slot still runs."""
    return (
        booking.status is BookingStatus.CONFIRMED
        and booking.checked_in_at is None
        and window(booking, policy).closes <= now < booking.ends_at
    )

"""Bookings, the rules a booking must keep, and the claims that let the database keep them.

Every rule that two simultaneous requests could break together is also a *claim*: a row
with a unique (kind, key). A booking holds its claims while it is active; a second booking
that needs one of them cannot be written, whatever the timing (see storage's claims table):
- "slot": each quarter hour of the site the slot covers — one booking per slot;
- "act": each quarter hour of the performer's time — never two overlapping slots;
- "site_day": the performer at this site on this day — one per site per day;
- "week": one of N numbered tokens of the performer's week — at most N a week.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.booking.sites import GRID_MINUTES, Slot
from domain.clock import CITY_TZ
from domain.errors import DomainError


class BookingStatus(StrEnum):
    PENDING = "pending"  # waiting for staff (sites without auto-approval)
    CONFIRMED = "confirmed"
    OFFERED = "offered"  # a freed slot offered to the first on its waiting list
    DECLINED = "declined"  # by staff, with a reason
    CANCELLED = "cancelled"  # by the performer
    EXPIRED = "expired"  # an offer not taken in time, or declined by the performer
    NO_SHOW = "no_show"  # staff saw nobody come


ACTIVE = frozenset({BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.OFFERED})


class Refusal(StrEnum):
    """Why a booking cannot be made: each has a polite text in handlers."""

    NOT_REGISTERED = "not_registered"
    NOT_APPROVED = "not_approved"
    SUSPENDED = "suspended"
    SITE_CLOSED = "site_closed"  # no such slot at the site (or the site is inactive)
    IN_THE_PAST = "in_the_past"
    TOO_CLOSE = "too_close"
    TOO_FAR = "too_far"
    TOO_LOUD = "too_loud"
    GROUP_TOO_BIG = "group_too_big"
    EQUIPMENT_NOT_ALLOWED = "equipment_not_allowed"
    SLOT_TAKEN = "slot_taken"
    OVERLAP = "overlap"
    SITE_DAY = "site_day"
    WEEK_LIMIT = "week_limit"
    TOO_LATE_TO_CANCEL = "too_late_to_cancel"


class BookingRefused(DomainError):
    code = "booking_refused"

    def __init__(self, refusal: Refusal, detail: str = "") -> None:
        super().__init__(detail or refusal.value)
        self.refusal = refusal


class ClaimKind(StrEnum):
    SLOT = "slot"
    ACT = "act"
    SITE_DAY = "site_day"
    WEEK = "week"


REFUSAL_OF_CLAIM = {
    ClaimKind.SLOT: Refusal.SLOT_TAKEN,
    ClaimKind.ACT: Refusal.OVERLAP,
    ClaimKind.SITE_DAY: Refusal.SITE_DAY,
    ClaimKind.WEEK: Refusal.WEEK_LIMIT,
}


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    per_week: int = 3
    horizon_days: int = 30  # today and up to 30 days ahead
    min_lead: timedelta = timedelta(minutes=30)  # no booking this close to the start
    cancel_before: timedelta = timedelta(hours=2)
    offer_ttl: timedelta = timedelta(minutes=30)
    no_show_limit: int = 2  # this many within the window suspends booking
    no_show_window: timedelta = timedelta(days=60)
    suspension: timedelta = timedelta(days=14)
    # Check-in (domain/booking/check_in.py): opens this long before the start; no check-in by
    # `check_in_grace` after it is a no-show; a site without its own radius takes this one.
    check_in_opens: timedelta = timedelta(minutes=15)
    check_in_grace: timedelta = timedelta(minutes=15)
    check_in_radius_m: int = 150


@dataclass(frozen=True, slots=True)
class Booking:
    site_id: int
    performer_id: int
    starts_at: datetime
    ends_at: datetime
    status: BookingStatus
    created_at: datetime
    updated_at: datetime
    reason: str | None = None  # staff's reason for declining
    offer_expires_at: datetime | None = None
    reminded_day: bool = False
    reminded_hour: bool = False
    checked_in_at: datetime | None = None  # the performer's location was at the site
    id: int | None = field(default=None)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def slot(self) -> Slot:
        return Slot(self.site_id, self.starts_at, self.ends_at)

    def offer_lapsed(self, now: datetime) -> bool:
        """An offer past its time, before the job has passed it on: already moved on."""
        expires = self.offer_expires_at
        return self.status is BookingStatus.OFFERED and expires is not None and expires <= now


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    key: str


def quarter_hours(start: datetime, end: datetime) -> Iterator[datetime]:
    step = timedelta(minutes=GRID_MINUTES)
    moment = start
    while moment < end:
        yield moment
        moment += step


def week_of(moment: datetime) -> str:
    year, week, _ = moment.astimezone(CITY_TZ).isocalendar()
    return f"{year}-W{week:02d}"


def day_of(moment: datetime) -> date:
    return moment.astimezone(CITY_TZ).date()


def fixed_claims(performer_id: int, slot: Slot) -> list[Claim]:
    """Every claim but the week token (which is the first free of N, found by trying)."""
    cells = [cell.strftime("%Y%m%dT%H%M") for cell in quarter_hours(slot.starts_at, slot.ends_at)]
    return [
        *(Claim(ClaimKind.SLOT, f"{slot.site_id}:{cell}") for cell in cells),
        *(Claim(ClaimKind.ACT, f"{performer_id}:{cell}") for cell in cells),
        Claim(ClaimKind.SITE_DAY, f"{performer_id}:{slot.site_id}:{day_of(slot.starts_at)}"),
    ]


def week_tokens(performer_id: int, slot: Slot, policy: BookingPolicy) -> list[Claim]:
    week = week_of(slot.starts_at)
    return [
        Claim(ClaimKind.WEEK, f"{performer_id}:{week}:{n}") for n in range(1, policy.per_week + 1)
    ]


def check_timing(slot: Slot, now: datetime, policy: BookingPolicy) -> None:
    if slot.starts_at <= now:
        raise BookingRefused(Refusal.IN_THE_PAST)
    if slot.starts_at - now < policy.min_lead:
        raise BookingRefused(Refusal.TOO_CLOSE)
    if not bookable_day(day_of(slot.starts_at), now, policy):
        raise BookingRefused(Refusal.TOO_FAR)


def bookable_day(day: date, now: datetime, policy: BookingPolicy) -> bool:
    """From today to the horizon: the days whose slots may be booked."""
    return 0 <= (day - day_of(now)).days <= policy.horizon_days


def check_cancel(booking: Booking, now: datetime, policy: BookingPolicy) -> None:
    if not booking.active:
        raise BookingRefused(Refusal.SITE_CLOSED, f"booking {booking.id} is {booking.status}")
    if (
        booking.status is not BookingStatus.OFFERED
        and booking.starts_at - now < policy.cancel_before
    ):
        raise BookingRefused(Refusal.TOO_LATE_TO_CANCEL)

"""What performers and staff are told about bookings: outbox rows, rendered at send time.

Keys carry the booking's id and what happened, so one change never produces two messages.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Performer
from domain.notifications import Notification, Priority

BOOKING_NOTICE = "booking_notice"  # to the performer
STAFF_BOOKING_CARD = "staff_booking_card"  # a booking's card: posted while it waits, redrawn
STAFF_PERFORMER_CARD = "staff_performer_card"  # a profile version's card, redrawn on change
PERFORMER_DECISION = "performer_decision"  # to the performer: approved or declined


class BookingNews(StrEnum):
    CONFIRMED = "confirmed"
    PENDING = "pending"  # sent to staff, waiting
    APPROVED = "approved"  # by staff
    DECLINED = "declined"  # by staff, with the reason
    CANCELLED = "cancelled"  # the performer's own cancellation, confirmed
    OFFERED = "offered"  # a freed slot: take it within 30 minutes
    OFFER_LAPSED = "offer_lapsed"
    REMINDER_DAY = "reminder_day"
    REMINDER_HOUR = "reminder_hour"
    NO_SHOW = "no_show"
    SUSPENDED = "suspended"
    MISSED_CHECK_IN = "missed_check_in"  # a no-show recorded for want of a check-in
    NO_SHOW_UNDONE = "no_show_undone"  # staff took the no-show back: the booking stands


def to_performer(
    user_id: int, booking_id: int, news: BookingNews, now: datetime, nth: int = 0
) -> Notification:
    """`nth` tells apart repeats of the same news (a second offer of the same booking)."""
    return Notification(
        key=f"booking:{booking_id}:{news.value}:{nth}:to{user_id}",
        chat_id=user_id,
        kind=BOOKING_NOTICE,
        payload={"booking_id": booking_id, "news": news.value},
        created_at=now,
        priority=Priority.URGENT if news is BookingNews.OFFERED else Priority.NORMAL,
    )


def booking_card_key(booking_id: int) -> str:
    """What every row of a booking's staff card starts with: the card's message is found
    again by it (the newest row sent is the message to edit)."""
    return f"staffbooking:{booking_id}"


def staff_booking_card(
    staff_chat_id: int,
    booking_id: int,
    now: datetime,
    change: str = "pending",
    payload: dict[str, Any] | None = None,
) -> Notification:
    """The booking's card posted (while it waits) or redrawn after `change`: a key per
    change and moment, so each change redraws the card once. `payload` adds who decided
    ("by") or what an erased booking was (its site and time)."""
    return Notification(
        key=f"{booking_card_key(booking_id)}:{change}:{now.timestamp():.6f}",
        chat_id=staff_chat_id,
        kind=STAFF_BOOKING_CARD,
        payload={"booking_id": booking_id, **(payload or {})},
        created_at=now,
    )


def performer_card_key(performer_id: int, revision: datetime) -> str:
    """The card of one submitted version of the profile (`revision`: its updated_at)."""
    return f"staffperformer:{performer_id}:{revision.isoformat()}"


def staff_performer_card(
    staff_chat_id: int, performer_id: int, revision: datetime, now: datetime
) -> Notification:
    """One card per submitted version of the profile, posted when it needs a look."""
    return Notification(
        key=performer_card_key(performer_id, revision),
        chat_id=staff_chat_id,
        kind=STAFF_PERFORMER_CARD,
        payload={"performer_id": performer_id, "revision": revision.isoformat()},
        created_at=now,
    )


def redraw_performer_card(
    staff_chat_id: int,
    performer_id: int,
    revision: datetime,
    now: datetime,
    change: str,
    by: str | None = None,
) -> Notification:
    """The card of that version redrawn after `change` (decided, superseded, erased); the
    renderer drops it when no such card was ever posted."""
    payload: dict[str, Any] = {"performer_id": performer_id, "revision": revision.isoformat()}
    if by:
        payload["by"] = by
    if change == "erased":
        payload["erased"] = True
    return Notification(
        key=f"{performer_card_key(performer_id, revision)}:{change}:{now.timestamp():.6f}",
        chat_id=staff_chat_id,
        kind=STAFF_PERFORMER_CARD,
        payload=payload,
        created_at=now,
    )


def performer_decision(
    user_id: int, performer_id: int, approved: bool, revision: datetime, now: datetime
) -> Notification:
    return Notification(
        key=f"performer:{performer_id}:{revision.isoformat()}:to{user_id}",
        chat_id=user_id,
        kind=PERFORMER_DECISION,
        payload={"performer_id": performer_id, "approved": approved},
        created_at=now,
    )


# The states in which each piece of news is still true.
_STILL_TRUE = {
    BookingNews.CONFIRMED: BookingStatus.CONFIRMED,
    BookingNews.APPROVED: BookingStatus.CONFIRMED,
    BookingNews.REMINDER_DAY: BookingStatus.CONFIRMED,
    BookingNews.REMINDER_HOUR: BookingStatus.CONFIRMED,
    BookingNews.PENDING: BookingStatus.PENDING,
    BookingNews.DECLINED: BookingStatus.DECLINED,
    BookingNews.CANCELLED: BookingStatus.CANCELLED,
    BookingNews.OFFERED: BookingStatus.OFFERED,
    BookingNews.OFFER_LAPSED: BookingStatus.EXPIRED,
    BookingNews.NO_SHOW: BookingStatus.NO_SHOW,
    BookingNews.SUSPENDED: BookingStatus.NO_SHOW,
    BookingNews.MISSED_CHECK_IN: BookingStatus.NO_SHOW,
    BookingNews.NO_SHOW_UNDONE: BookingStatus.CONFIRMED,
}
_BEFORE_START = frozenset(
    {
        BookingNews.CONFIRMED,
        BookingNews.APPROVED,
        BookingNews.REMINDER_DAY,
        BookingNews.REMINDER_HOUR,
    }
)


def outdated(
    booking: Booking, performer: Performer, news: BookingNews, now: datetime
) -> str | None:
    """Why the notice would no longer be true, or None while it still is."""
    if booking.status is not _STILL_TRUE[news]:
        return f"booking {booking.id} is {booking.status.value} now, not {news.value}"
    if news in _BEFORE_START and booking.starts_at <= now:
        return f"booking {booking.id} has begun"
    if news is BookingNews.OFFERED and (
        booking.offer_expires_at is None or booking.offer_expires_at <= now
    ):  # a no-show's slot is offered while under way: the offer's own time decides
        return f"the offer of booking {booking.id} has lapsed"
    if news is BookingNews.SUSPENDED and not performer.suspended(now):
        return f"performer {performer.id} is no longer suspended"
    return None

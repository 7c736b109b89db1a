"""What performers and staff are told about bookings: outbox rows, rendered at send time.

Keys carry the booking's id and what happened, so one change never produces two messages.
"""

from datetime import datetime
from enum import StrEnum

from domain.notifications import Notification, Priority

BOOKING_NOTICE = "booking_notice"  # to the performer
STAFF_BOOKING_CARD = "staff_booking_card"  # a booking waiting for staff's decision
STAFF_PERFORMER_CARD = "staff_performer_card"  # a profile waiting for staff's decision
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


def staff_booking_card(staff_chat_id: int, booking_id: int, now: datetime) -> Notification:
    return Notification(
        key=f"staffbooking:{booking_id}",
        chat_id=staff_chat_id,
        kind=STAFF_BOOKING_CARD,
        payload={"booking_id": booking_id},
        created_at=now,
    )


def staff_performer_card(
    staff_chat_id: int, performer_id: int, revision: datetime, now: datetime
) -> Notification:
    """One card per submitted version of the profile (`revision`: its updated_at)."""
    return Notification(
        key=f"staffperformer:{performer_id}:{revision.isoformat()}",
        chat_id=staff_chat_id,
        kind=STAFF_PERFORMER_CARD,
        payload={"performer_id": performer_id},
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

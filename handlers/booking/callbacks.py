"""Buttons of Art-prospect booking: short "bk…" prefixes and ids keep each under 64 bytes.

Moments travel as Unix seconds and days as date ordinals: both are plain ints, and a button
pressed days later still names exactly the slot it was shown for.
"""

from datetime import UTC, date, datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class BrowseAction(StrEnum):
    NEAR = "n"  # ask for a location, then sort the fitting sites by distance


class BrowseCb(CallbackData, prefix="bkb"):
    action: BrowseAction


class SiteCb(CallbackData, prefix="bks"):
    site_id: int


class CalendarCb(CallbackData, prefix="bkc"):
    site_id: int
    page: int = -1  # months after today's month; -1: the first month with a free day


class CalendarNote(StrEnum):
    FULL = "f"  # a day in range with no free slot
    BLANK = "b"  # a cell outside the range, or a header


class CalendarNoteCb(CallbackData, prefix="bkz"):
    """A calendar cell that books nothing; pressing it only explains why."""

    note: CalendarNote
    day: int = 0  # date ordinal of a FULL day


class DayCb(CallbackData, prefix="bkd"):
    site_id: int
    day: int  # date ordinal


class SlotAction(StrEnum):
    PICK = "p"  # the confirm screen
    BOOK = "b"
    WAIT = "w"  # join the waiting list of a taken slot
    LEAVE = "l"  # leave it, back to the day's slots
    LEAVE_MINE = "lm"  # leave it, back to my bookings


class SlotCb(CallbackData, prefix="bkt"):
    action: SlotAction
    site_id: int
    at: int  # the slot's start, Unix seconds


class MineAction(StrEnum):
    CANCEL = "c"  # asks first
    CANCEL_YES = "cy"
    ACCEPT = "a"  # take an offered slot
    DECLINE = "d"  # asks first
    DECLINE_YES = "dy"
    CHECK_IN = "in"  # share the location at the site, shortly before the slot


class MineCb(CallbackData, prefix="bkm"):
    action: MineAction
    booking_id: int


# The staff chat's buttons of a booking (its card, the day's list)
class BookingDecision(StrEnum):
    APPROVE = "a"
    DECLINE = "d"  # the reason is typed next


class StaffBookingCb(CallbackData, prefix="sbk"):
    action: BookingDecision
    booking_id: int


class NoShowCb(CallbackData, prefix="sbn"):
    """Staff saw nobody come: shown only once the slot has begun."""

    booking_id: int


class NoShowUndoCb(CallbackData, prefix="sbu"):
    """Staff take a no-show back (the performer came after all): shown on no-shows."""

    booking_id: int


class TodayScope(StrEnum):
    NEAR = "n"
    DISTRICT = "d"
    ALL = "a"


class TodayCb(CallbackData, prefix="btd"):
    """Who is performing today: near me, in a district, all over the city."""

    scope: TodayScope
    district: int = -1  # position in the sorted district names (their Russian keys)


def to_unix(at: datetime) -> int:
    return int(at.timestamp())


def from_unix(seconds: int) -> datetime | None:
    """None for a forged number no clock can show."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def from_ordinal(day: int) -> date | None:
    """None for a forged number that is no date at all."""
    try:
        return date.fromordinal(day)
    except (ValueError, OverflowError):
        return None

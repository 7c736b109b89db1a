"""How far a request is into its deadline: the time left for the resident, the colour for staff.

Both count working time on the calendar of domain/deadlines.py: a working day is 24 hours of a
working date in Kazan (the deadline itself is the end of such a day), weekends and holidays
count nothing. A request filed on Friday evening is not «half late» on Sunday.

The count starts where add_working_days starts it: at midnight after the day of filing.

Bands (what the staff card's mark shows, and when the hourly job redraws it):
- GREEN 🟢 under 50 % of the working time used;
- YELLOW 🟡 from 50 % to under 90 % — the request needs attention this week;
- RED 🔴 from 90 % up to the deadline — the last working hours;
- LATE 🔴 past the deadline (with «просрочено»): the crossing that escalates.
Each crossing (50 %, 90 %, 100 %) redraws the card once.
"""

import math
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import IntEnum

from domain.clock import CITY_TZ
from domain.deadlines import is_working_day

DAY = timedelta(days=1)
YELLOW_FROM = 0.5
RED_FROM = 0.9


class DeadlineBand(IntEnum):
    GREEN = 0
    YELLOW = 1
    RED = 2
    LATE = 3


@dataclass(frozen=True, slots=True)
class Countdown:
    """What the resident reads: whole working days, or hours when less than a working day is
    left (or passed). Exactly one of `days` and `hours` is non-zero."""

    overdue: bool
    days: int = 0
    hours: int = 0


def working_time(
    start: datetime, end: datetime, extra_holidays: Collection[date] = ()
) -> timedelta:
    """The part of [start, end) that falls on working days (Kazan dates).

    Counted on Kazan's wall clock, which has no daylight saving (a fixed UTC+3 since 2014), so
    naive local times subtract exactly; an hourly pass calls this for every open request."""
    if end <= start:
        return timedelta(0)
    first = start.astimezone(CITY_TZ).replace(tzinfo=None)
    last = end.astimezone(CITY_TZ).replace(tzinfo=None)
    first_day, last_day = first.date(), last.date()
    if first_day == last_day:
        return last - first if is_working_day(first_day, extra_holidays) else timedelta(0)
    total = timedelta(0)
    if is_working_day(first_day, extra_holidays):
        total += datetime.combine(first_day + DAY, time(0)) - first
    if is_working_day(last_day, extra_holidays):
        total += last - datetime.combine(last_day, time(0))
    day = first_day + DAY
    while day < last_day:
        if is_working_day(day, extra_holidays):
            total += DAY
        day += DAY
    return total


def counting_starts(created_at: datetime) -> datetime:
    """Midnight after the day of filing, as add_working_days counts."""
    filed = created_at.astimezone(CITY_TZ).date()
    return datetime.combine(filed + DAY, time(0), tzinfo=CITY_TZ)


def countdown(
    now: datetime, deadline: datetime, extra_holidays: Collection[date] = ()
) -> Countdown:
    if now <= deadline:
        # The deadline is the day's last second (23:59:59): the day is whole up to it.
        left = working_time(now, deadline + timedelta(seconds=1), extra_holidays)
        if left >= DAY:
            return Countdown(overdue=False, days=left // DAY)
        return Countdown(overdue=False, hours=_hours(deadline - now))
    late = working_time(deadline, now, extra_holidays)
    if late >= DAY:
        return Countdown(overdue=True, days=late // DAY)
    return Countdown(overdue=True, hours=_hours(now - deadline))


def _hours(span: timedelta) -> int:
    """Whole hours, rounded up: «осталось 1 ч» at 23:30, never «0 ч»."""
    return max(1, math.ceil(span / timedelta(hours=1)))


def elapsed_share(
    created_at: datetime, deadline: datetime, now: datetime, extra_holidays: Collection[date] = ()
) -> float:
    """The share of the working time between the start of the count and the deadline that has
    passed by `now`."""
    start = counting_starts(created_at)
    total = working_time(start, deadline, extra_holidays)
    if total <= timedelta(0):  # a deadline set by hand before the count starts
        span = deadline - created_at
        return 1.0 if span <= timedelta(0) else (now - created_at) / span
    return working_time(start, now, extra_holidays) / total


def band(
    created_at: datetime, deadline: datetime, now: datetime, extra_holidays: Collection[date] = ()
) -> DeadlineBand:
    if now > deadline:
        return DeadlineBand.LATE
    share = elapsed_share(created_at, deadline, now, extra_holidays)
    if share >= RED_FROM:
        return DeadlineBand.RED
    if share >= YELLOW_FROM:
        return DeadlineBand.YELLOW
    return DeadlineBand.GREEN


BAND_MARKS = {
    DeadlineBand.GREEN: "🟢",
    DeadlineBand.YELLOW: "🟡",
    DeadlineBand.RED: "🔴",
    DeadlineBand.LATE: "🔴",
}

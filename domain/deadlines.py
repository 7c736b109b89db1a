"""Response deadlines in working days, counted in Kazan's time zone.

A request filed on a working day starts counting on the next working day, so a request filed at
23:50 on Friday does not lose a day; the deadline is the end (23:59:59 Moscow) of the N-th working
day. Holidays are fixed-date federal and Tatarstan holidays; the government's yearly transfers of
days off are not modelled (they only ever move a deadline by a day) and can be passed explicitly.
"""

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

from domain.clock import CITY_TZ

# (month, day): Russian federal non-working holidays (Labour Code art. 112) and Tatarstan's
# Republic Day (30 August) and Constitution Day (6 November).
FIXED_HOLIDAYS: frozenset[tuple[int, int]] = frozenset(
    [(1, d) for d in range(1, 9)]
    + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (8, 30), (11, 4), (11, 6)]
)
SATURDAY = 5


def is_working_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    if day.weekday() >= SATURDAY:
        return False
    return (day.month, day.day) not in FIXED_HOLIDAYS and day not in extra_holidays


def add_working_days(
    start: datetime, days: int, extra_holidays: Collection[date] = ()
) -> datetime:
    """The end of the `days`-th working day after `start` (aware, returned in UTC)."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start.astimezone(CITY_TZ).date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, extra_holidays):
            counted += 1
    end = datetime.combine(day, time(23, 59, 59), tzinfo=CITY_TZ)
    return end.astimezone(UTC)


def first_response_due(created_at: datetime, hours: int) -> datetime:
    """First-response time is counted in calendar hours: a leak does not wait for Monday."""
    return created_at + timedelta(hours=hours)

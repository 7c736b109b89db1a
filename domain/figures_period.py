"""Which period the figures are of: `/stats week|month|YYYY-MM`, and the weekly report's weeks.

Boundaries are midnights of city time (Europe/Moscow), stored as aware datetimes.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from domain.clock import CITY_TZ
from domain.errors import DomainError

_MONTH = re.compile(r"(\d{4})-(\d{2})")
WEEK = "week"
MONTH = "month"


class BadPeriod(DomainError):
    """Not `week`, `month` or a past or current `YYYY-MM`."""


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime  # inclusive
    end: datetime  # exclusive
    month: str | None = None  # "2026-11" for a calendar month

    @property
    def previous(self) -> "Period":
        """The period of the same length just before (a month: the calendar month before)."""
        if self.month is not None:
            return month_period(_month_before(self.start))
        return Period(self.start - (self.end - self.start), self.start)

    def days(self) -> list[datetime]:
        """The starts of the period's days in city time (the flow chart's bars)."""
        day = midnight(self.start)
        starts = []
        while day < self.end:
            starts.append(max(day, self.start))
            day = midnight(day + timedelta(days=1))
        return starts


def midnight(at: datetime) -> datetime:
    return datetime.combine(at.astimezone(CITY_TZ).date(), time(), CITY_TZ)


def parse_period(argument: str | None, now: datetime) -> Period:
    """`week` (default): the last 7 days up to now; `month`: the calendar month so far;
    `YYYY-MM`: that calendar month (the current one up to now)."""
    word = (argument or WEEK).strip().lower()
    if word == WEEK:
        today = midnight(now)
        return Period(today - timedelta(days=6), now)
    if word == MONTH:
        return month_period(midnight(now).replace(day=1), now)
    found = _MONTH.fullmatch(word)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise BadPeriod(word)
    first = datetime(int(found.group(1)), int(found.group(2)), 1, tzinfo=CITY_TZ)
    if first > now:
        raise BadPeriod(word)
    return month_period(first, now)


def month_period(first: datetime, now: datetime | None = None) -> Period:
    following = _month_after(first)
    end = following if now is None or now >= following else now
    return Period(first, end, month=first.strftime("%Y-%m"))


def previous_week(now: datetime) -> Period:
    """The calendar week (Monday to Monday, city time) before the one `now` is in."""
    this_monday = midnight(now) - timedelta(days=now.astimezone(CITY_TZ).weekday())
    return Period(this_monday - timedelta(days=7), this_monday)


def week_from(monday: datetime) -> Period:
    return Period(monday, monday + timedelta(days=7))


def _month_after(first: datetime) -> datetime:
    return (first + timedelta(days=32)).replace(day=1)


def _month_before(first: datetime) -> datetime:
    return (first - timedelta(days=1)).replace(day=1)

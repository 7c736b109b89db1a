"""The staff's figures (domain/figures.py) as what each request contributes to small tables
kept up to date with it, so `/stats` and the weekly report sum a few thousand rows instead
of scanning a period's requests (a month is ~80 k of a million).

Every count of a period is a sum over its days: each request adds to the day (city time) of
the moment a figure counts it at — received on the day it was filed, taken on the day of its
first taking, resolved on the day of its (last) resolution — under the department, staff
member and channel it has now. A change takes the request's old contribution back and adds
its new one (storage/figure_counts.py), like the public figures (domain/public_figures.py).

A median does not add up, so the first responses are kept as counts per bucket of minutes
(the public page's buckets: to the minute under 2 hours, 10 minutes under a day, the hour
beyond): per department, per staff member and per channel within a department and across
the city (CITY_WIDE), by day and by calendar month — a period reads its whole calendar months from
the month rows (a month is ~30 times fewer rows than its days) and its other days from the
day rows.
"""

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum

from domain.clock import CITY_TZ
from domain.figures import FigureCounts
from domain.public_figures import NO_DEPARTMENT, RequestState, response_bucket
from domain.requests import RequestStatus

NOBODY = 0  # the staff key of requests nobody has (a primary key column cannot be NULL)
# The department of the response rows per staff member and per channel across the city: the
# city's figures read these instead of summing every department's (half the rows to sort).
CITY_WIDE = "*"


class Grain(StrEnum):
    DAY = "d"
    MONTH = "m"


class Facet(StrEnum):
    """What a response-time row counts within its department."""

    DEPARTMENT = "d"  # the whole department (key "")
    STAFF = "s"  # one staff member (key: the user id; "0" nobody)
    CHANNEL = "c"  # one channel (key: the channel)


@dataclass(frozen=True, slots=True, order=True)
class DayKey:
    day: date
    department: str
    assignee_id: int
    channel: str


@dataclass(frozen=True, slots=True, order=True)
class ResponseKey:
    grain: Grain
    period: date  # the day, or the first day of the month
    department: str
    facet: Facet
    key: str
    minutes: int  # the bucket (domain/public_figures.response_bucket)


COUNT_NAMES = tuple(f.name for f in fields(FigureCounts) if f.name != "overdue_now")


def city_day(at: datetime) -> date:
    return at.astimezone(CITY_TZ).date()


def day_counts(state: RequestState) -> dict[DayKey, FigureCounts]:
    """The request's counts, by the day each one falls on."""
    department = state.department or NO_DEPARTMENT
    assignee = state.assignee_id or NOBODY
    found: dict[DayKey, FigureCounts] = {}

    def add(at: datetime, counts: FigureCounts) -> None:
        key = DayKey(city_day(at), department, assignee, state.channel.value)
        found[key] = found.get(key, FigureCounts()) + counts

    resolved = state.status is RequestStatus.RESOLVED
    add(
        state.created_at,
        FigureCounts(
            received=1,
            duplicates=int(state.status is RequestStatus.DUPLICATE),
            withdrawn=int(state.status is RequestStatus.WITHDRAWN),
            ever_resolved=int(resolved or state.reopened),
            reopened=int(state.reopened),
        ),
    )
    if state.first_taken_at is not None:
        add(state.first_taken_at, FigureCounts(taken=1))
    if resolved and state.resolved_at is not None:
        add(
            state.resolved_at,
            FigureCounts(
                resolved=1,
                resolved_on_time=int(state.resolved_at <= state.deadline_at),
                rated=int(state.rating is not None),
                rating_sum=state.rating or 0,
            ),
        )
    return found


def response_keys(state: RequestState) -> list[ResponseKey]:
    """The rows an answered request counts once in (none while nobody answered it)."""
    if state.first_response_at is None:
        return []
    bucket = response_bucket(state.created_at, state.first_response_at)
    day = city_day(state.created_at)
    department = state.department or NO_DEPARTMENT
    staff, channel = str(state.assignee_id or NOBODY), state.channel.value
    facets = (
        (department, Facet.DEPARTMENT, ""),
        (department, Facet.STAFF, staff),
        (department, Facet.CHANNEL, channel),
        (CITY_WIDE, Facet.STAFF, staff),
        (CITY_WIDE, Facet.CHANNEL, channel),
    )
    return [
        ResponseKey(grain, period, where, facet, key, bucket)
        for grain, period in ((Grain.DAY, day), (Grain.MONTH, day.replace(day=1)))
        for where, facet, key in facets
    ]


@dataclass(frozen=True, slots=True)
class FigureChange:
    """What a request's change does to the kept figures: signed deltas, nothing zero."""

    counts: dict[DayKey, dict[str, int]]
    responses: dict[ResponseKey, int]

    @property
    def empty(self) -> bool:
        return not self.counts and not self.responses


def figure_change(before: RequestState | None, after: RequestState) -> FigureChange:
    counts: dict[DayKey, Counter[str]] = {}
    for sign, state in ((-1, before), (1, after)):
        if state is None:
            continue
        for key, values in day_counts(state).items():
            delta = counts.setdefault(key, Counter())
            for name in COUNT_NAMES:
                delta[name] += sign * getattr(values, name)
    responses: Counter[ResponseKey] = Counter(response_keys(after))
    if before is not None:
        responses.subtract(response_keys(before))
    return FigureChange(
        counts={
            key: {name: delta[name] for name in COUNT_NAMES}
            for key, delta in sorted(counts.items())
            if any(delta.values())
        },
        responses={key: n for key, n in sorted(responses.items()) if n},
    )

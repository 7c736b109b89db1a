"""The staff's figures and their exact definitions (docs/FIGURES.md is the same table).

For a period [start, end) every figure counts requests, each once, under the department,
the staff member (assignee) and the channel the request has *now*:

- received: created in the period (duplicates and withdrawals included: they did arrive;
  `duplicates` and `withdrawn` say how many of them ended so);
- taken: first taken into work in the period (its first "taken" event);
- resolved: resolved in the period (resolved_at; a request reopened and resolved again counts
  once, at its last resolution); rejected, duplicate and withdrawn are not resolved;
- on time: of the resolved, those with resolved_at <= deadline_at;
- median first response: of the received that the city answered, the median of
  first_response_at - created_at in the public page's buckets of minutes (exact under 2 h,
  10 minutes under a day, the hour beyond: domain/public_figures.response_bucket);
- overdue now: open (new, in progress, waiting for information) and past the deadline at
  the moment asked, whenever received;
- reopened share: of the received that were ever resolved, those reopened at least once
  (the history's resolved -> new); ever resolved = resolved now or reopened once;
- rating: of the resolved, the average of the authors' marks and how many marked.

Counts add up across slices and days (`FigureCounts.__add__`), so storage keeps them per day
and (department, assignee, channel) (domain/kept_figures.py) and the slices here are sums of
those groups; a median does not add up, so storage keeps counts per bucket and finds it per
dimension.
"""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol, Self

from domain.requests import RequestChannel


class Dimension(StrEnum):
    CITY = "city"
    DEPARTMENT = "department"
    STAFF = "staff"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class SliceKey:
    """One group of storage's aggregate: who answers for the requests and how they came."""

    department: str | None
    assignee_id: int | None
    channel: RequestChannel

    def of(self, dimension: Dimension) -> str | int | None:
        if dimension is Dimension.DEPARTMENT:
            return self.department
        if dimension is Dimension.STAFF:
            return self.assignee_id
        if dimension is Dimension.CHANNEL:
            return self.channel
        return None


@dataclass(frozen=True, slots=True)
class FigureCounts:
    received: int = 0
    duplicates: int = 0  # of the received, closed as duplicates
    withdrawn: int = 0  # of the received, withdrawn by their authors
    taken: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    overdue_now: int = 0
    ever_resolved: int = 0  # of the received: the reopened share's denominator
    reopened: int = 0  # of those, reopened at least once
    rated: int = 0
    rating_sum: int = 0

    def __add__(self, other: Self) -> Self:
        return type(self)(*(getattr(self, n) + getattr(other, n) for n in _COUNT_NAMES))

    @property
    def on_time_share(self) -> float | None:
        return self.resolved_on_time / self.resolved if self.resolved else None

    @property
    def reopened_share(self) -> float | None:
        return self.reopened / self.ever_resolved if self.ever_resolved else None

    @property
    def average_rating(self) -> float | None:
        return self.rating_sum / self.rated if self.rated else None

    @property
    def empty(self) -> bool:
        return self == FigureCounts()


_COUNT_NAMES = tuple(f.name for f in fields(FigureCounts))


@dataclass(frozen=True, slots=True)
class Figures:
    counts: FigureCounts
    median_first_response: timedelta | None  # None: nobody was answered


Key = str | int | None


def roll_up(groups: list[tuple[SliceKey, FigureCounts]], by: Dimension) -> dict[Key, FigureCounts]:
    """Storage's groups summed into the slices of one dimension (CITY: one slice, None)."""
    slices: dict[Key, FigureCounts] = {}
    for key, counts in groups:
        slice_key = key.of(by)
        slices[slice_key] = slices.get(slice_key, FigureCounts()) + counts
    return slices


def median(values: list[float]) -> float | None:
    """The reference median (storage computes the same in SQL): the middle value, or the
    mean of the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    middle = (len(ordered) - 1) // 2
    return (ordered[middle] + ordered[len(ordered) // 2]) / 2


@dataclass(frozen=True, slots=True)
class DayFlow:
    """One day of a period (city time): requests in (received) and out (closed: resolved,
    rejected, duplicate or withdrawn, each move to a closed status counted)."""

    day: datetime  # the day's start
    received: int
    closed: int


@dataclass(frozen=True, slots=True)
class OpenRequest:
    id: int
    category: str
    created_at: datetime
    department: str | None


@dataclass(frozen=True, slots=True)
class RatedResolution:
    id: int
    category: str
    rating: int
    resolved_at: datetime
    assignee_id: int | None


class FiguresQueries(Protocol):
    """Read-side port, storage/repositories/figures.py; `department` narrows everything to
    one department (None: the whole city)."""

    async def counts(
        self, start: datetime, end: datetime, now: datetime, department: str | None
    ) -> list[tuple[SliceKey, FigureCounts]]: ...

    async def median_first_response(
        self, start: datetime, end: datetime, by: Dimension, department: str | None
    ) -> dict[Key, float]:
        """Seconds, per slice of `by` with at least one answered request."""
        ...

    async def flow(
        self, days: list[datetime], end: datetime, department: str | None
    ) -> list[DayFlow]: ...

    async def oldest_open(self, department: str | None, limit: int) -> list[OpenRequest]: ...

    async def worst_rated(
        self, start: datetime, end: datetime, department: str | None, limit: int
    ) -> list[RatedResolution]: ...

    async def names(self, user_ids: list[int]) -> dict[int, str]: ...

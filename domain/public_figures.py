"""The city's public figures, defined on each request's current state.

The public page (bot/public) must stay fast with a million requests, so it never scans them:
the figures are sums over small tables that storage keeps up to date in the same transaction
as each request's creation and change. For that to be exact, every figure is a sum of what
each request contributes *now* — a request that changes takes its old contribution back and
adds its new one. The definitions (the one table):

| figure | definition |
|---|---|
| open requests | requests now in an open status (new, in progress, need info) |
| by category / district | requests now in each, of the statuses the filter keeps |
| on-time share | of the requests now resolved, those resolved by their deadline |
| median first response | over requests the city has answered: from filing to the first act |
|                       | of staff or a city system; rounded down to its bucket (see below) |

Reopening takes a request out of «resolved» (and out of the on-time figures) until it is
resolved again; a duplicate or a withdrawal counts under its own status.
"""

from dataclasses import dataclass
from datetime import datetime

from domain.requests import Request, RequestChannel, RequestStatus

NO_DISTRICT = ""  # a request placed outside the districts (or by a point nobody located)
NO_DEPARTMENT = ""  # not routed to a department yet
_HOUR = 60
_DAY = 24 * 60
_LONGEST = 60 * _DAY  # a first response after 60 days is counted as 60 days


@dataclass(frozen=True, slots=True, order=True)
class CountKey:
    district: str
    category: str
    department: str
    status: RequestStatus


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one request adds to the public figures."""

    key: CountKey
    on_time: bool  # resolved, and by its deadline
    response_bucket: int | None  # minutes to the first response, bucketed; None: unanswered


@dataclass(frozen=True, slots=True)
class RequestState:
    """The columns of a request the figures depend on (as stored): the public ones, and the
    staff's (domain/kept_figures.py)."""

    district: str | None
    category: str
    department: str | None
    status: RequestStatus
    created_at: datetime
    deadline_at: datetime
    resolved_at: datetime | None
    first_response_at: datetime | None
    assignee_id: int | None = None
    channel: RequestChannel = RequestChannel.BOT
    first_taken_at: datetime | None = None  # kept by storage from the history
    reopened: bool = False  # kept by storage from the history
    rating: int | None = None

    @classmethod
    def of(cls, request: Request) -> "RequestState":
        return cls(
            request.place.district,
            request.category,
            request.department,
            request.status,
            request.created_at,
            request.deadline_at,
            request.resolved_at,
            request.first_response_at,
            request.assignee_id,
            request.channel,
            rating=request.rating,
        )


def contribution(state: RequestState) -> Contribution:
    key = CountKey(
        state.district or NO_DISTRICT,
        state.category,
        state.department or NO_DEPARTMENT,
        state.status,
    )
    on_time = (
        state.status is RequestStatus.RESOLVED
        and state.resolved_at is not None
        and state.resolved_at <= state.deadline_at
    )
    bucket = (
        None
        if state.first_response_at is None
        else response_bucket(state.created_at, state.first_response_at)
    )
    return Contribution(key, on_time, bucket)


def response_bucket(created_at: datetime, responded_at: datetime) -> int:
    """Minutes, to the minute under 2 hours, to 10 minutes under a day, to the hour beyond:
    a few hundred buckets at most, so the median is read from a small table."""
    minutes = max(0, int((responded_at - created_at).total_seconds() // 60))
    minutes = min(minutes, _LONGEST)
    if minutes < 2 * _HOUR:
        return minutes
    if minutes < _DAY:
        return minutes - minutes % 10
    return minutes - minutes % _HOUR


def median_minutes(buckets: dict[int, int]) -> int | None:
    """The (lower) median of the bucketed response times; None when nothing was answered."""
    total = sum(buckets.values())
    if total == 0:
        return None
    middle = (total + 1) // 2  # median_low's position: the lower of the two middle values
    seen = 0
    for bucket in sorted(buckets):
        seen += buckets[bucket]
        if seen >= middle:
            return bucket
    raise AssertionError("unreachable: the counts add up to total")


def on_time_share(resolved: int, on_time: int) -> float | None:
    return None if resolved == 0 else on_time / resolved

"""The figures' port in plain Python over FakeRequests: the definitions of domain/figures.py
spelled out request by request, to check the use cases (and read as the reference)."""

from datetime import datetime

from domain.figures import (
    DayFlow,
    Dimension,
    FigureCounts,
    Key,
    OpenRequest,
    RatedResolution,
    SliceKey,
    median,
)
from domain.history import EventKind, RequestEvent, is_reopen
from domain.public_figures import response_bucket
from domain.requests import OPEN_STATUSES, Request, RequestStatus
from tests.unit.fakes import FakeRequests, FakeUsers

CLOSED = set(RequestStatus) - OPEN_STATUSES


def _within(at: datetime | None, start: datetime, end: datetime) -> bool:
    return at is not None and start <= at < end


class FakeFigures:
    def __init__(self, requests: FakeRequests, users: FakeUsers) -> None:
        self._requests = requests
        self._users = users

    def _all(self, department: str | None) -> list[Request]:
        rows = self._requests.rows.values()
        return [r for r in rows if department is None or r.department == department]

    def _events(self, request: Request) -> list[RequestEvent]:
        return [e for e in self._requests.events if e.request_id == request.id]

    def _counts(
        self, request: Request, start: datetime, end: datetime, now: datetime
    ) -> FigureCounts:
        received = _within(request.created_at, start, end)
        resolved = _within(request.resolved_at, start, end)
        events = self._events(request)
        taken = [e.at for e in events if e.kind is EventKind.TAKEN]
        reopened = received and any(is_reopen(e) for e in events)
        ever = received and (request.status is RequestStatus.RESOLVED or reopened)
        rated = resolved and request.rating is not None
        return FigureCounts(
            received=int(received),
            duplicates=int(received and request.status is RequestStatus.DUPLICATE),
            withdrawn=int(received and request.status is RequestStatus.WITHDRAWN),
            taken=int(bool(taken) and _within(min(taken), start, end)),
            resolved=int(resolved),
            resolved_on_time=int(resolved and request.resolved_at <= request.deadline_at),  # type: ignore[operator]
            overdue_now=int(request.is_overdue(now)),
            ever_resolved=int(ever),
            reopened=int(reopened),
            rated=int(rated),
            rating_sum=(request.rating or 0) if rated else 0,
        )

    async def counts(
        self, start: datetime, end: datetime, now: datetime, department: str | None
    ) -> list[tuple[SliceKey, FigureCounts]]:
        groups: dict[SliceKey, FigureCounts] = {}
        for request in self._all(department):
            counts = self._counts(request, start, end, now)
            if not counts.empty:
                key = SliceKey(request.department, request.assignee_id, request.channel)
                groups[key] = groups.get(key, FigureCounts()) + counts
        return list(groups.items())

    async def median_first_response(
        self, start: datetime, end: datetime, by: Dimension, department: str | None
    ) -> dict[Key, float]:
        values: dict[Key, list[float]] = {}
        for r in self._all(department):
            if _within(r.created_at, start, end) and r.first_response_at is not None:
                key = SliceKey(r.department, r.assignee_id, r.channel).of(by)
                minutes = response_bucket(r.created_at, r.first_response_at)
                values.setdefault(key, []).append(minutes * 60.0)
        return {key: m for key, found in values.items() if (m := median(found)) is not None}

    async def flow(
        self, days: list[datetime], end: datetime, department: str | None
    ) -> list[DayFlow]:
        bounds = [*days[1:], end]
        requests = self._all(department)
        closings = [
            e for r in requests for e in self._events(r)
            if e.kind in (EventKind.STATUS_CHANGED, EventKind.ANSWER) and e.to_status in CLOSED
        ]  # fmt: skip
        return [
            DayFlow(
                day,
                sum(_within(r.created_at, day, until) for r in requests),
                sum(_within(e.at, day, until) for e in closings),
            )
            for day, until in zip(days, bounds, strict=True)
        ]

    async def oldest_open(self, department: str | None, limit: int) -> list[OpenRequest]:
        found = sorted(
            (r for r in self._all(department) if r.is_open), key=lambda r: (r.created_at, r.id)
        )
        return [
            OpenRequest(r.id or 0, r.category, r.created_at, r.department) for r in found[:limit]
        ]

    async def worst_rated(
        self, start: datetime, end: datetime, department: str | None, limit: int
    ) -> list[RatedResolution]:
        rated = [
            r for r in self._all(department)
            if _within(r.resolved_at, start, end) and r.rating is not None
        ]  # fmt: skip
        rated.sort(key=lambda r: (r.rating, r.resolved_at))
        return [
            RatedResolution(
                r.id or 0, r.category, r.rating or 0, r.resolved_at or end, r.assignee_id
            )
            for r in rated[:limit]
        ]

    async def names(self, user_ids: list[int]) -> dict[int, str]:
        return {i: user.first_name for i in user_ids if (user := self._users.rows.get(i))}

"""Read-side queries of the admin API: filtered listings, the CSV export, statistics.

Listings page by keyset (`id > after_id`, ascending), so a page never repeats or skips a row
when requests are filed meanwhile. Statistics are aggregated in SQL on both backends.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, selectinload
from sqlalchemy.sql.functions import FunctionElement

from domain.notifications import NotificationStatus
from domain.requests import OPEN_STATUSES, Request, RequestStatus
from storage.mappers import request_from_row
from storage.models import OutboxRow, RequestRow

_OPEN = sorted(status.value for status in OPEN_STATUSES)
EXPORT_PAGE = 500


@dataclass(frozen=True, slots=True)
class RequestFilter:
    statuses: tuple[RequestStatus, ...] = ()  # any of them; empty: every status
    category: str | None = None
    district: str | None = None
    created_from: datetime | None = None  # inclusive
    created_to: datetime | None = None  # exclusive


@dataclass(frozen=True, slots=True)
class RequestStats:
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_district: dict[str, int]  # requests without a district are counted under ""
    overdue_open: int
    median_first_response_hours: float | None  # None: nobody has answered anything yet
    average_rating: float | None
    rated: int = field(default=0)


class SqlAdminQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_requests(
        self, where: RequestFilter, after_id: int, limit: int
    ) -> list[Request]:
        query = (
            select(RequestRow)
            .options(selectinload(RequestRow.photos))
            .where(*_conditions(where), RequestRow.id > after_id)
            .order_by(RequestRow.id)
            .limit(limit)
        )
        rows = await self._session.scalars(query)
        return [request_from_row(row) for row in rows]

    async def export_requests(self, where: RequestFilter) -> AsyncIterator[Request]:
        """Every matching request, read a page at a time (memory stays flat)."""
        after_id = 0
        while page := await self.list_requests(where, after_id, EXPORT_PAGE):
            for request in page:
                yield request
            after_id = page[-1].id or after_id

    async def stats(self, now: datetime) -> RequestStats:
        by_status = await self._count_by(RequestRow.status)
        by_district = await self._count_by(func.coalesce(RequestRow.district, ""))
        overdue = await self._session.scalar(
            select(func.count())
            .select_from(RequestRow)
            .where(RequestRow.status.in_(_OPEN), RequestRow.deadline_at < now)
        )
        rating = (
            await self._session.execute(
                select(func.avg(RequestRow.rating), func.count(RequestRow.rating))
            )
        ).one()
        return RequestStats(
            total=sum(by_status.values()),
            by_status=by_status,
            by_category=await self._count_by(RequestRow.category),
            by_district=by_district,
            overdue_open=overdue or 0,
            median_first_response_hours=await self._median_first_response_hours(),
            average_rating=float(rating[0]) if rating[0] is not None else None,
            rated=rating[1],
        )

    async def notification_id(self, key: str) -> int | None:
        return await self._session.scalar(select(OutboxRow.id).where(OutboxRow.key == key))

    async def pending_notifications(self) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.status == NotificationStatus.PENDING.value)
        )
        return count or 0

    async def _count_by(
        self, column: ColumnElement[Any] | QueryableAttribute[Any]
    ) -> dict[str, int]:
        rows = await self._session.execute(
            select(column, func.count()).group_by(column).order_by(column)
        )
        return {str(key): count for key, count in rows.tuples()}

    async def _median_first_response_hours(self) -> float | None:
        """The middle value (or the mean of the two middle ones), by ORDER BY and OFFSET:
        SQLite has no percentile function, and this is the same SQL on both backends."""
        seconds = _seconds_between(RequestRow.created_at, RequestRow.first_response_at)
        answered: Select[Any] = select(seconds.label("s")).where(
            RequestRow.first_response_at.is_not(None)
        )
        count = await self._session.scalar(select(func.count()).select_from(answered.subquery()))
        if not count:
            return None
        middle = await self._session.scalars(
            answered.order_by(seconds).offset((count - 1) // 2).limit(2 - count % 2)
        )
        values = [float(value) for value in middle]
        return sum(values) / len(values) / 3600


def _seconds_between(start: Any, end: Any) -> ColumnElement[Any]:
    return seconds_between(start, end)


class seconds_between(FunctionElement[float]):  # noqa: N801 (an SQL function's name)
    """`end - start` in seconds; each backend spells it its own way (see below)."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between, "sqlite")
def _sqlite_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    # julianday() is a float of days: rounded to milliseconds, 2 h is 7200 s, not 7199.99997.
    return f"ROUND((julianday({end}) - julianday({start})) * 86400.0, 3)"


@compiles(seconds_between, "postgresql")
def _postgresql_seconds(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


def _conditions(where: RequestFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.statuses:
        conditions.append(RequestRow.status.in_([s.value for s in where.statuses]))
    if where.category is not None:
        conditions.append(RequestRow.category == where.category)
    if where.district is not None:
        conditions.append(RequestRow.district == where.district)
    if where.created_from is not None:
        conditions.append(RequestRow.created_at >= where.created_from)
    if where.created_to is not None:
        conditions.append(RequestRow.created_at < where.created_to)
    return conditions

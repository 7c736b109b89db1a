"""The staff's figures aggregated in SQL (definitions: domain/figures.py).

Every count is one GROUP BY (department, assignee, channel) over the rows of the period only
(indexes: requests by created_at, resolved_at, (status, deadline_at); events by (kind, at)),
so the database returns a few dozen groups, never the requests themselves. The median is a
window function per dimension, the same SQL on SQLite and PostgreSQL.
"""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.figures import (
    DayFlow,
    Dimension,
    FigureCounts,
    Key,
    OpenRequest,
    RatedResolution,
    SliceKey,
)
from domain.history import EventKind
from domain.requests import OPEN_STATUSES, RequestChannel, RequestStatus
from storage.models import RequestEventRow, RequestRow, UserRow
from storage.repositories.admin_queries import seconds_between

_OPEN = sorted(status.value for status in OPEN_STATUSES)
_CLOSED = sorted({s.value for s in RequestStatus} - set(_OPEN))
_CLOSING_KINDS = (EventKind.STATUS_CHANGED.value, EventKind.ANSWER.value)
_GROUP = (RequestRow.department, RequestRow.assignee_id, RequestRow.channel)
_DIMENSION_COLUMN: dict[Dimension, Any] = {
    Dimension.DEPARTMENT: RequestRow.department,
    Dimension.STAFF: RequestRow.assignee_id,
    Dimension.CHANNEL: RequestRow.channel,
}


def _flag(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _reopened() -> Any:
    """Whether the request was ever reopened (resolved -> new in its history)."""
    event = aliased(RequestEventRow)
    return exists().where(
        event.request_id == RequestRow.id,
        event.kind == EventKind.STATUS_CHANGED.value,
        event.from_status == RequestStatus.RESOLVED.value,
        event.to_status == RequestStatus.NEW.value,
    )


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


class SqlFiguresQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._tuned = False

    async def _tune(self) -> None:
        """PostgreSQL compiles a statement it estimates as costly (the correlated look-ups
        here) with JIT: 30-70 ms per statement, more than the statement itself takes; and
        after five runs of a prepared statement it may keep a generic plan, blind to how
        narrow the period is (a whole-table scan for a week). Both off for this transaction
        only (through the connection: nothing is marked as written)."""
        if self._tuned:
            return
        self._tuned = True
        connection = await self._session.connection()
        if connection.dialect.name == "postgresql":
            await connection.exec_driver_sql(
                "SELECT set_config('jit', 'off', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true)"
            )

    async def counts(
        self, start: datetime, end: datetime, now: datetime, department: str | None
    ) -> list[tuple[SliceKey, FigureCounts]]:
        await self._tune()
        found: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
        reopened = _reopened()
        resolved_now = RequestRow.status == RequestStatus.RESOLVED.value
        await self._add(
            found,
            [
                ("received", func.count()),
                ("duplicates", _flag(RequestRow.status == RequestStatus.DUPLICATE.value)),
                ("withdrawn", _flag(RequestRow.status == RequestStatus.WITHDRAWN.value)),
                ("ever_resolved", _flag(or_(resolved_now, reopened))),
                ("reopened", _flag(reopened)),
            ],
            _in(RequestRow.created_at, start, end),
            department,
        )
        await self._add(
            found,
            [
                ("resolved", func.count()),
                ("resolved_on_time", _flag(RequestRow.resolved_at <= RequestRow.deadline_at)),
                ("rated", func.count(RequestRow.rating)),
                ("rating_sum", func.coalesce(func.sum(RequestRow.rating), 0)),
            ],
            _in(RequestRow.resolved_at, start, end),
            department,
        )
        await self._add(
            found,
            [("overdue_now", func.count())],
            and_(RequestRow.status.in_(_OPEN), RequestRow.deadline_at < now),
            department,
        )
        await self._add_taken(found, start, end, department)
        return [
            (SliceKey(d, a, RequestChannel(c)), FigureCounts(**values))
            for (d, a, c), values in found.items()
        ]

    async def _add(
        self,
        found: dict[tuple[Any, ...], dict[str, int]],
        figures: list[tuple[str, Any]],
        where: Any,
        department: str | None,
        source: Any = RequestRow,
    ) -> None:
        """One GROUP BY (department, assignee, channel) over `source` (the requests, or the
        history joined to them): its figures merged into `found`."""
        columns = [value.label(name) for name, value in figures]
        statement = select(*_GROUP, *columns).select_from(source).where(where)
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        rows = await self._session.execute(statement.group_by(*_GROUP))
        for row in rows:
            values = found[tuple(row[:3])]
            for name, _ in figures:
                values[name] = int(getattr(row, name) or 0)

    async def _add_taken(
        self,
        found: dict[tuple[Any, ...], dict[str, int]],
        start: datetime,
        end: datetime,
        department: str | None,
    ) -> None:
        """Requests whose first "taken" event falls in the period: the period's taken events
        that are their request's earliest (a correlated min(): one look-up per event of the
        period in the partial index of takings, rather than a join of all history)."""
        event, earlier = RequestEventRow, aliased(RequestEventRow)
        first_at = (
            select(func.min(earlier.at))
            .where(earlier.request_id == event.request_id, earlier.kind == EventKind.TAKEN.value)
            .scalar_subquery()
        )
        where = and_(
            event.kind == EventKind.TAKEN.value, _in(event.at, start, end), event.at == first_at
        )
        history = RequestEventRow.__table__.join(RequestRow, RequestRow.id == event.request_id)
        taken = func.count(func.distinct(event.request_id))  # two takings at the same moment
        await self._add(found, [("taken", taken)], where, department, history)

    async def median_first_response(
        self, start: datetime, end: datetime, by: Dimension, department: str | None
    ) -> dict[Key, float]:
        await self._tune()
        key = _DIMENSION_COLUMN.get(by, literal(None))
        seconds = seconds_between(RequestRow.created_at, RequestRow.first_response_at)
        partition = [key] if by in _DIMENSION_COLUMN else None
        ranked = select(
            key.label("key"),
            seconds.label("seconds"),
            func.row_number().over(partition_by=partition, order_by=seconds).label("rank"),
            func.count().over(partition_by=partition).label("n"),
        ).where(_in(RequestRow.created_at, start, end), RequestRow.first_response_at.is_not(None))
        if department is not None:
            ranked = ranked.where(RequestRow.department == department)
        inner = ranked.subquery()
        # The middle row (odd n) or the two middle rows (even n): 2*rank in [n, n + 2].
        middle = and_(inner.c.rank * 2 >= inner.c.n, inner.c.rank * 2 <= inner.c.n + 2)
        rows = await self._session.execute(
            select(inner.c.key, func.avg(inner.c.seconds)).where(middle).group_by(inner.c.key)
        )
        return {_key(by, k): float(value) for k, value in rows.tuples()}

    async def flow(
        self, days: list[datetime], end: datetime, department: str | None
    ) -> list[DayFlow]:
        await self._tune()
        if not days:
            return []
        received = await self._per_day(RequestRow.created_at, days, end, RequestRow, department)
        closings: Any = RequestEventRow.__table__
        if department is not None:  # the city's flow needs no look at the requests
            closings = closings.join(RequestRow, RequestRow.id == RequestEventRow.request_id)
        closed = await self._per_day(
            RequestEventRow.at,
            days,
            end,
            closings,
            department,
            # A resolution or rejection is recorded as the answer that explains it
            # (domain/services/staff_actions.NEEDS_TEXT); a withdrawal or duplicate as a move.
            RequestEventRow.kind.in_(_CLOSING_KINDS),
            RequestEventRow.to_status.in_(_CLOSED),
        )
        return [
            DayFlow(day, received.get(index, 0), closed.get(index, 0))
            for index, day in enumerate(days)
        ]

    async def _per_day(
        self,
        at: Any,
        days: list[datetime],
        end: datetime,
        source: Any,
        department: str | None,
        *where: Any,
    ) -> dict[int, int]:
        """Counts per day: the day's number by CASE over the boundaries (city midnights),
        the same on both backends whatever their time-zone functions."""
        index = case(
            *((at < boundary, number) for number, boundary in enumerate(days[1:])),
            else_=len(days) - 1,
        )
        statement = (
            select(index.label("day"), func.count())
            .select_from(source)
            .where(_in(at, days[0], end), *where)
        )
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        rows = await self._session.execute(statement.group_by(index))
        return {int(day): count for day, count in rows.tuples()}

    async def oldest_open(self, department: str | None, limit: int) -> list[OpenRequest]:
        """The open requests are few and recent; read them first (a materialized CTE), then
        sort: walking the created_at index from the oldest would pass every closed one."""
        await self._tune()
        statement = select(
            RequestRow.id, RequestRow.category, RequestRow.created_at, RequestRow.department
        ).where(RequestRow.status.in_(_OPEN))
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        still_open = statement.cte("still_open").prefix_with("MATERIALIZED", dialect="postgresql")
        rows = await self._session.execute(
            select(still_open).order_by(still_open.c.created_at, still_open.c.id).limit(limit)
        )
        return [OpenRequest(*row) for row in rows.tuples()]

    async def worst_rated(
        self, start: datetime, end: datetime, department: str | None, limit: int
    ) -> list[RatedResolution]:
        await self._tune()
        statement = select(
            RequestRow.id,
            RequestRow.category,
            RequestRow.rating,
            RequestRow.resolved_at,
            RequestRow.assignee_id,
        ).where(_in(RequestRow.resolved_at, start, end), RequestRow.rating.is_not(None))
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        rows = await self._session.execute(
            statement.order_by(RequestRow.rating, RequestRow.resolved_at).limit(limit)
        )
        return [
            RatedResolution(id_, category, rating or 0, resolved_at or end, assignee)
            for id_, category, rating, resolved_at, assignee in rows.tuples()
        ]

    async def names(self, user_ids: list[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        rows = await self._session.execute(
            select(UserRow.id, UserRow.first_name).where(UserRow.id.in_(user_ids))
        )
        return dict(rows.tuples().all())


def _key(by: Dimension, value: Any) -> Key:
    if by is Dimension.CITY:
        return None
    if by is Dimension.CHANNEL:
        return RequestChannel(value)
    return value

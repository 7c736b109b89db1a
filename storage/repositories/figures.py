"""The staff's figures aggregated in SQL (definitions: domain/figures.py).

Every count is one GROUP BY (department, assignee, channel) over the rows of the period only
(indexes: requests by created_at, resolved_at, (status, deadline_at); the closings by at),
so the database returns a few dozen groups, never the requests themselves. The median is a
window function per dimension, the same SQL on SQLite and PostgreSQL.
"""

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    DateTime,
    Float,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

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
# GROUPING(department, assignee, channel): a bit set per column left out of the set.
_GROUPING_SET = {
    0b011: Dimension.DEPARTMENT,
    0b101: Dimension.STAFF,
    0b110: Dimension.CHANNEL,
    0b111: Dimension.CITY,
}
_SLOT = {Dimension.DEPARTMENT: 0, Dimension.STAFF: 1, Dimension.CHANNEL: 2}


def _flag(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


def _answered(start: datetime, end: datetime) -> Any:
    return and_(_in(RequestRow.created_at, start, end), RequestRow.first_response_at.is_not(None))


class SqlFiguresQueries:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._tuned = False
        self._median_cache: dict[tuple[Any, ...], dict[Dimension, dict[Key, float]]] = {}
        self._overdue_cache: dict[tuple[Any, ...], dict[tuple[Any, ...], dict[str, int]]] = {}

    async def _tune(self) -> None:
        """PostgreSQL compiles a statement it estimates as costly (the correlated look-ups
        here) with JIT: 30-70 ms per statement, more than the statement itself takes; and
        after five runs of a prepared statement it may keep a generic plan, blind to how
        narrow the period is (a whole-table scan for a week). Both off for this transaction
        only (through the connection: nothing is marked as written); and the medians' sorts
        of a month at a million requests (80 k values) kept in memory, not spilled to disk."""
        if self._tuned:
            return
        self._tuned = True
        connection = await self._session.connection()
        if connection.dialect.name == "postgresql":
            await connection.exec_driver_sql(
                "SELECT set_config('jit', 'off', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true), "
                "set_config('work_mem', '32MB', true)"
            )

    async def counts(
        self, start: datetime, end: datetime, now: datetime, department: str | None
    ) -> list[tuple[SliceKey, FigureCounts]]:
        await self._tune()
        found: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
        reopened = RequestRow.reopened  # kept by the request repository's add_event
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
        await self._add_overdue(found, now, department)
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

    async def _add_overdue(
        self, found: dict[tuple[Any, ...], dict[str, int]], now: datetime, department: str | None
    ) -> None:
        """Overdue now does not depend on the period: the weekly report's two weeks read it
        once (ix_requests_open_deadline)."""
        cache_key = (now, department)
        if cache_key not in self._overdue_cache:
            read: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
            overdue = and_(RequestRow.status.in_(_OPEN), RequestRow.deadline_at < now)
            await self._add(read, [("overdue_now", func.count())], overdue, department)
            self._overdue_cache[cache_key] = dict(read)
        for key, values in self._overdue_cache[cache_key].items():
            found[key].update(values)

    async def _add_taken(
        self,
        found: dict[tuple[Any, ...], dict[str, int]],
        start: datetime,
        end: datetime,
        department: str | None,
    ) -> None:
        """Requests whose first "taken" event falls in the period: its time is kept on the
        request (first_taken_at, by the request repository's add_event), so this is one range
        of an index, not a look-up of each taking's earliest sibling in the history."""
        taken = [("taken", func.count())]
        await self._add(found, taken, _in(RequestRow.first_taken_at, start, end), department)

    async def median_first_response(
        self, start: datetime, end: datetime, by: Dimension, department: str | None
    ) -> dict[Key, float]:
        await self._tune()
        if self._session.get_bind().dialect.name == "postgresql":
            return (await self._medians(start, end, department, by)).get(by, {})
        key = _DIMENSION_COLUMN.get(by, literal(None))
        seconds = seconds_between(RequestRow.created_at, RequestRow.first_response_at)
        partition = [key] if by in _DIMENSION_COLUMN else None
        ranked = select(
            key.label("key"),
            seconds.label("seconds"),
            func.row_number().over(partition_by=partition, order_by=seconds).label("rank"),
            func.count().over(partition_by=partition).label("n"),
        ).where(_answered(start, end))
        if department is not None:
            ranked = ranked.where(RequestRow.department == department)
        inner = ranked.subquery()
        # The middle row (odd n) or the two middle rows (even n): 2*rank in [n, n + 2].
        middle = and_(inner.c.rank * 2 >= inner.c.n, inner.c.rank * 2 <= inner.c.n + 2)
        rows = await self._session.execute(
            select(inner.c.key, func.avg(inner.c.seconds)).where(middle).group_by(inner.c.key)
        )
        return {_key(by, k): float(value) for k, value in rows.tuples()}

    async def _medians(
        self, start: datetime, end: datetime, department: str | None, by: Dimension
    ) -> dict[Dimension, dict[Key, float]]:
        """PostgreSQL: the four dimensions' medians in one pass over the period's answered
        requests (GROUPING SETS; percentile_cont(0.5) is the middle value, or the mean of the
        two middle ones), kept for the other dimensions' calls of the same report; a first
        call for the city alone (the weekly report's week before) reads the city's only."""
        cache_key = (start, end, department)
        cached = self._median_cache.get(cache_key, {})
        if by not in cached:
            wanted: list[Dimension] = [by] if by is Dimension.CITY else list(Dimension)
            cached = cached | await self._read_medians(start, end, department, wanted)
            self._median_cache[cache_key] = cached
        return cached

    async def _read_medians(
        self, start: datetime, end: datetime, department: str | None, wanted: list[Dimension]
    ) -> dict[Dimension, dict[Key, float]]:
        seconds = cast(seconds_between(RequestRow.created_at, RequestRow.first_response_at), Float)
        if wanted == [Dimension.CITY]:  # GROUPING() needs the columns among the sets
            keys: list[Any] = [literal(0b111), *(literal(None) for _ in _GROUP)]
        else:
            keys = [func.grouping(*_GROUP), *_GROUP]
        statement = (
            select(*keys, func.percentile_cont(0.5).within_group(seconds))
            .where(_answered(start, end))
            .group_by(func.grouping_sets(*(_grouping_set(by) for by in wanted)))
        )
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        found: dict[Dimension, dict[Key, float]] = {by: {} for by in wanted}
        for unused, *key, value in await self._session.execute(statement):
            if value is not None:  # the empty set's row over no answered request
                by = _GROUPING_SET[unused]
                found[by][_key(by, key[_SLOT.get(by, 0)])] = float(value)
        return found

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
        """Counts per day: the day's number from the boundaries (city midnights), whatever
        the backend's time-zone functions. PostgreSQL's width_bucket finds it by binary
        search (how many boundaries are <= at, less one), a CASE walks a month's thirty."""
        if self._session.get_bind().dialect.name == "postgresql":
            bounds = cast(array(days), ARRAY(DateTime(timezone=True)))
            index: Any = func.width_bucket(at, bounds) - 1
        else:
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
        """The first entries of the partial index of open requests by creation
        (ix_requests_open_created): never a pass over the closed ones."""
        await self._tune()
        statement = select(
            RequestRow.id, RequestRow.category, RequestRow.created_at, RequestRow.department
        ).where(RequestRow.status.in_(_OPEN))
        if department is not None:
            statement = statement.where(RequestRow.department == department)
        rows = await self._session.execute(
            statement.order_by(RequestRow.created_at, RequestRow.id).limit(limit)
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


def _grouping_set(by: Dimension) -> Any:
    column = _DIMENSION_COLUMN.get(by)
    return text("()") if column is None else tuple_(column)


def _key(by: Dimension, value: Any) -> Key:
    if by is Dimension.CITY:
        return None
    if by is Dimension.CHANNEL:
        return RequestChannel(value)
    return value

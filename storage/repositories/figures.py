"""The staff's figures aggregated in SQL (definitions: domain/figures.py).

Every count is one GROUP BY (department, assignee, channel) over the rows of the period only
(indexes: requests by created_at, resolved_at, (status, deadline_at); the closings by at),
so the database returns a few dozen groups, never the requests themselves. The median is a
window function per dimension, the same SQL on SQLite and PostgreSQL.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ARRAY,
    DateTime,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import CITY_TZ
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
from domain.kept_figures import CITY_WIDE, COUNT_NAMES, Facet, Grain, city_day
from domain.requests import OPEN_STATUSES, RequestChannel, RequestStatus
from storage.models import (
    FigureDayCountRow,
    FigureResponseRow,
    RequestEventRow,
    RequestRow,
    UserRow,
)

_OPEN = sorted(status.value for status in OPEN_STATUSES)
_CLOSED = sorted({s.value for s in RequestStatus} - set(_OPEN))
_CLOSING_KINDS = (EventKind.STATUS_CHANGED.value, EventKind.ANSWER.value)
_KEPT = FigureDayCountRow.__table__
_KEPT_SLICE = (_KEPT.c.department, _KEPT.c.assignee_id, _KEPT.c.channel)
_RESPONSES = FigureResponseRow.__table__
_GROUP = (RequestRow.department, RequestRow.assignee_id, RequestRow.channel)
_CITY = "city"  # the medians' pseudo-facet: every department's rows together
_FACET_DIMENSION = {
    Facet.DEPARTMENT.value: Dimension.DEPARTMENT,
    Facet.STAFF.value: Dimension.STAFF,
    Facet.CHANNEL.value: Dimension.CHANNEL,
    _CITY: Dimension.CITY,
}


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


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
        """The kept day counts of the period summed per (department, staff member, channel):
        ~350 rows a day at a million requests a year, whatever the requests' number."""
        await self._tune()
        found: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
        first, last = _days(start, end)
        sums = [func.sum(getattr(_KEPT.c, name)).label(name) for name in COUNT_NAMES]
        statement = select(*_KEPT_SLICE, *sums).where(_KEPT.c.day.between(first, last))
        if department is not None:
            statement = statement.where(_KEPT.c.department == department)
        for row in await self._session.execute(statement.group_by(*_KEPT_SLICE)):
            values = {name: int(getattr(row, name) or 0) for name in COUNT_NAMES}
            if any(values.values()):  # rows whose requests have all moved on count nothing
                found[(row.department or None, row.assignee_id or None, row.channel)] = values
        await self._add_overdue(found, now, department)
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
    ) -> None:
        """One GROUP BY (department, assignee, channel) over the requests: its figures merged
        into `found`."""
        columns = [value.label(name) for name, value in figures]
        statement = select(*_GROUP, *columns).where(where)
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

    async def median_first_response(
        self, start: datetime, end: datetime, by: Dimension, department: str | None
    ) -> dict[Key, float]:
        """Read once per period for all four dimensions (the report asks for each in turn);
        a first call for the city alone (the weekly report's week before) reads the city's
        only."""
        await self._tune()
        cache_key = (start, end, department)
        cached = self._median_cache.get(cache_key, {})
        if by not in cached:
            city_only = by is Dimension.CITY
            cached = cached | await self._read_medians(start, end, department, city_only)
            self._median_cache[cache_key] = cached
        return cached.get(by, {})

    async def _read_medians(
        self, start: datetime, end: datetime, department: str | None, city_only: bool
    ) -> dict[Dimension, dict[Key, float]]:
        """The period's kept first responses, summed per slice and bucket, and each slice's
        median bucket found by a running sum: a few dozen rows come back. Whole calendar
        months are read from the month rows, the other days from the day rows; the city's
        staff members and channels from their city-wide rows."""
        rows = _RESPONSES
        wanted = [Dimension.CITY] if city_only else list(Dimension)
        found: dict[Dimension, dict[Key, float]] = {by: {} for by in wanted}
        spans = _spans(start, end)
        if not spans:  # an empty period (`/stats month` at the first's midnight)
            return found
        # One range of the key per span, each read from the index alone (an OR of the
        # ranges made PostgreSQL visit the rows through a bitmap).
        parts = []
        for grain, first, last in spans:
            part = select(rows).where(
                rows.c.grain == grain.value, rows.c.period.between(first, last)
            )
            if department is not None:
                part = part.where(rows.c.department == department)
            elif city_only:
                part = part.where(rows.c.facet == Facet.DEPARTMENT.value)
            else:
                scope = or_(rows.c.facet == Facet.DEPARTMENT.value, rows.c.department == CITY_WIDE)
                part = part.where(scope)
            parts.append(part)
        kept = union_all(*parts).subquery("kept")
        key = case((kept.c.facet == Facet.DEPARTMENT.value, kept.c.department), else_=kept.c.key)
        summed = select(
            kept.c.facet.label("facet"),
            key.label("k"),
            kept.c.minutes.label("minutes"),
            func.sum(kept.c.requests).label("n"),
        )
        by_slice = summed.group_by(kept.c.facet, key, kept.c.minutes).cte("by_slice")
        city = select(
            literal(_CITY).label("facet"),
            literal("").label("k"),
            by_slice.c.minutes,
            func.sum(by_slice.c.n).label("n"),
        ).where(by_slice.c.facet == Facet.DEPARTMENT.value)
        city = city.group_by(by_slice.c.minutes)
        slices = (city if city_only else union_all(select(by_slice), city)).subquery("slices")
        partition = [slices.c.facet, slices.c.k]
        running = select(
            slices.c.facet,
            slices.c.k,
            slices.c.minutes,
            func.sum(slices.c.n)
            .over(partition_by=partition, order_by=slices.c.minutes)
            .label("seen"),
            func.sum(slices.c.n).over(partition_by=partition).label("total"),
        ).subquery("running")
        # The median: the mean of the buckets at the two middle places (one place for an odd
        # count), each the first bucket where the running count reaches it.
        seen, total = running.c.seen * 2, running.c.total
        lower = func.min(case((seen >= total + total % 2, running.c.minutes)))
        upper = func.min(case((seen >= total - total % 2 + 2, running.c.minutes)))
        statement = (
            select(running.c.facet, running.c.k, (lower + upper) * 30.0)
            .where(total > 0)
            .group_by(running.c.facet, running.c.k)
        )
        for facet, k, seconds in (await self._session.execute(statement)).tuples():
            by = _FACET_DIMENSION[facet]
            found[by][_slice_key(by, k)] = float(seconds)
        return found

    async def flow(
        self, days: list[datetime], end: datetime, department: str | None
    ) -> list[DayFlow]:
        await self._tune()
        if not days:
            return []
        received = await self._received_per_day(days, end, department)
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

    async def _received_per_day(
        self, days: list[datetime], end: datetime, department: str | None
    ) -> dict[int, int]:
        first, last = _days(days[0], end)
        statement = select(_KEPT.c.day, func.sum(_KEPT.c.received)).where(
            _KEPT.c.day.between(first, last)
        )
        if department is not None:
            statement = statement.where(_KEPT.c.department == department)
        index = {city_day(day): number for number, day in enumerate(days)}
        rows = await self._session.execute(statement.group_by(_KEPT.c.day))
        return {index[day]: int(n) for day, n in rows.tuples() if day in index and n}

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


def _days(start: datetime, end: datetime) -> tuple[date, date]:
    """The city days of [start, end): a period starts at a midnight and ends at one or now
    (nothing is stamped after now, so the whole of today's row is today up to now)."""
    return city_day(start), city_day(end - timedelta(microseconds=1))


def _spans(start: datetime, end: datetime) -> list[tuple[Grain, date, date]]:
    """The period as its whole calendar months (month rows) and its other days (day rows)."""
    first, last = _days(start, end)
    spans: list[tuple[Grain, date, date]] = []
    day = first
    while day <= last:
        month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        if day.day == 1 and (month_end - timedelta(days=1) <= last or _ends_now(end)):
            spans.append((Grain.MONTH, day, day))
        else:
            spans.append((Grain.DAY, day, min(last, month_end - timedelta(days=1))))
        day = month_end
    return spans


def _ends_now(end: datetime) -> bool:
    """A period that does not end at a midnight ends now: what its last month holds is all
    in the period."""
    return end.astimezone(CITY_TZ).time() != time()


def _slice_key(by: Dimension, value: str) -> Key:
    if by is Dimension.CITY:
        return None
    if by is Dimension.CHANNEL:
        return RequestChannel(value)
    if by is Dimension.STAFF:
        return int(value) or None
    return value or None

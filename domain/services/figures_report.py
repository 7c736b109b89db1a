"""The staff's figures for a period, sliced by department, staff member and channel (`/stats`),
and the weekly report (the same against the week before, plus the oldest open requests and
the worst-rated resolutions). Definitions: domain/figures.py.

Whose figures a staff chat sees (`chat_figures`): the main staff chat the city's, a
department's own chat that department's; a private chat (`head_figures`) those of the
departments its person heads, nothing for anyone else.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from domain.departments import Department
from domain.figures import (
    DayFlow,
    Dimension,
    FigureCounts,
    Figures,
    FiguresQueries,
    Key,
    OpenRequest,
    RatedResolution,
    SliceKey,
    roll_up,
)
from domain.figures_period import Period
from domain.ports import UnitOfWork

OLDEST_OPEN = 5
WORST_RATED = 5
WORST_RATING = 3  # marks up to this one are "worst-rated"


@dataclass(frozen=True, slots=True)
class FiguresReport:
    period: Period
    department: str | None  # None: the whole city
    city: Figures
    slices: dict[Dimension, dict[Key, Figures]]
    flow: list[DayFlow]
    names: dict[int, str] = field(default_factory=dict)  # staff members' names by user id


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    this: FiguresReport
    before: Figures  # the week before, city (or department) figures only
    oldest_open: list[OpenRequest]
    worst_rated: list[RatedResolution]


@dataclass(frozen=True, slots=True)
class ChatFigures:
    departments: list[Department]  # every department, read once: their names for the texts
    reports: list[FiguresReport]  # the city's, or each department's whose chat it is


class FiguresUnitOfWork(UnitOfWork, Protocol):
    @property
    def figures(self) -> FiguresQueries: ...


SLICED = (Dimension.DEPARTMENT, Dimension.STAFF, Dimension.CHANNEL)


def chat_scopes(
    departments: Iterable[Department], chat_id: int, staff_chat_id: int | None
) -> list[str | None]:
    """The departments whose figures `chat_id` sees (None: the whole city). The main staff
    chat sees the city's even when a department names it as its chat; a department's own chat
    sees its department's (each in turn, when several share the chat); any other chat the
    city's (the staff filters let no other chat ask)."""
    if chat_id == staff_chat_id:
        return [None]
    own: list[str | None] = [d.code for d in departments if d.chat_id == chat_id]
    return own or [None]


async def chat_figures(
    uow: FiguresUnitOfWork, chat_id: int, period: Period, now: datetime
) -> ChatFigures:
    """`/stats` in `chat_id`: the figures of the scopes that chat sees."""
    departments = await uow.departments.all()
    scopes = chat_scopes(departments, chat_id, uow.staff_chat_id)
    reports = [await figures_report(uow.figures, period, now, scope) for scope in scopes]
    return ChatFigures(departments, reports)


def headed(departments: Iterable[Department], user_id: int) -> list[str]:
    """The departments `user_id` heads: whose figures they see in a private chat."""
    return [d.code for d in departments if d.is_head(user_id)]


async def head_figures(
    uow: FiguresUnitOfWork, user_id: int, period: Period, now: datetime
) -> ChatFigures:
    """`/stats` in a private chat: the figures of each department `user_id` heads (no
    reports: they head none, and see nothing here)."""
    departments = await uow.departments.all()
    scopes = headed(departments, user_id)
    reports = [await figures_report(uow.figures, period, now, scope) for scope in scopes]
    return ChatFigures(departments, reports)


async def figures_report(
    queries: FiguresQueries, period: Period, now: datetime, department: str | None = None
) -> FiguresReport:
    groups = await queries.counts(period.start, period.end, now, department)
    slices: dict[Dimension, dict[Key, Figures]] = {}
    for dimension in SLICED:
        medians = await queries.median_first_response(
            period.start, period.end, dimension, department
        )
        slices[dimension] = _figures(roll_up(groups, dimension), medians)
    staff_ids = [key for key in slices[Dimension.STAFF] if isinstance(key, int)]
    return FiguresReport(
        period=period,
        department=department,
        city=await _city(queries, period, groups, department),
        slices=slices,
        flow=await queries.flow(period.days(), period.end, department),
        names=await queries.names(staff_ids),
    )


async def weekly_report(
    queries: FiguresQueries, week: Period, now: datetime, department: str | None = None
) -> WeeklyReport:
    before = week.previous
    # Overdue now is the same moment for both weeks: only the flows differ.
    before_groups = await queries.counts(before.start, before.end, now, department)
    return WeeklyReport(
        this=await figures_report(queries, week, now, department),
        before=await _city(queries, before, before_groups, department),
        oldest_open=await queries.oldest_open(department, OLDEST_OPEN),
        worst_rated=[
            rated
            for rated in await queries.worst_rated(week.start, week.end, department, WORST_RATED)
            if rated.rating <= WORST_RATING
        ],
    )


async def _city(
    queries: FiguresQueries,
    period: Period,
    groups: list[tuple[SliceKey, FigureCounts]],
    department: str | None,
) -> Figures:
    counts = roll_up(groups, Dimension.CITY).get(None, FigureCounts())
    medians = await queries.median_first_response(
        period.start, period.end, Dimension.CITY, department
    )
    return _figure(counts, medians.get(None))


def _figures(counts: dict[Key, FigureCounts], medians: dict[Key, float]) -> dict[Key, Figures]:
    return {key: _figure(value, medians.get(key)) for key, value in counts.items()}


def _figure(counts: FigureCounts, median_seconds: float | None) -> Figures:
    median = timedelta(seconds=median_seconds) if median_seconds is not None else None
    return Figures(counts, median)

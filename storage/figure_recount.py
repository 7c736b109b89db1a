"""Counting the staff's kept figures afresh from the requests (the same SQL as migration
0029; domain/kept_figures.py is the definition).

Not used per report: for a bulk load that bypassed the repository (the benchmark's million
requests) and for tests that check the kept figures against a fresh count. City days are
Moscow's: UTC+3 all year since 2014, which is what SQLite's modifier says.
"""

from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FigureDayCountRow, FigureResponseRow

_DAY = {
    "postgresql": "CAST(({at} AT TIME ZONE 'Europe/Moscow') AS date)",
    "sqlite": "date(substr({at}, 1, 19), '+3 hours')",  # whole seconds: see _sqlite_micros
}
_MONTH = {
    "postgresql": "CAST(date_trunc('month', {at} AT TIME ZONE 'Europe/Moscow') AS date)",
    "sqlite": "date(substr({at}, 1, 19), '+3 hours', 'start of month')",
}


def _sqlite_micros(at: str) -> str:
    """Microseconds since the epoch of SQLite's UTC text (`YYYY-MM-DD HH:MM:SS.ffffff`), in
    integers: julianday() and strftime() round to the millisecond, which put 59.9996 s in
    minute 1 where domain/public_figures.response_bucket floors it to minute 0."""
    return (
        f"(strftime('%s', substr({at}, 1, 19)) * 1000000"
        f" + CAST(substr({at} || '.000000', 21, 6) AS INTEGER))"
    )


_MINUTES = {
    "postgresql": "FLOOR(EXTRACT(EPOCH FROM (first_response_at - created_at)) / 60)::integer",
    "sqlite": f"({_sqlite_micros('first_response_at')} - {_sqlite_micros('created_at')})"
    " / 60000000",
}
_CLAMP = {"postgresql": ("LEAST", "GREATEST"), "sqlite": ("MIN", "MAX")}
_SLICE = "COALESCE(department, '') AS dep, COALESCE(assignee_id, 0) AS who, channel"
_COUNTS = (
    "INSERT INTO figure_day_counts (day, department, assignee_id, channel, received, "
    "duplicates, withdrawn, taken, resolved, resolved_on_time, ever_resolved, reopened, rated, "
    "rating_sum) SELECT day, dep, who, channel, SUM(received), SUM(duplicates), "
    "SUM(withdrawn), SUM(taken), SUM(resolved), SUM(on_time), SUM(ever_resolved), "
    "SUM(reopened), SUM(rated), SUM(rating_sum) FROM ("
    "SELECT {created} AS day, " + _SLICE + ", 1 AS received, "
    "CASE WHEN status = 'duplicate' THEN 1 ELSE 0 END AS duplicates, "
    "CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END AS withdrawn, 0 AS taken, "
    "0 AS resolved, 0 AS on_time, "
    "CASE WHEN status = 'resolved' OR reopened THEN 1 ELSE 0 END AS ever_resolved, "
    "CASE WHEN reopened THEN 1 ELSE 0 END AS reopened, 0 AS rated, 0 AS rating_sum "
    "FROM requests "
    "UNION ALL SELECT {taken}, " + _SLICE + ", 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 "
    "FROM requests WHERE first_taken_at IS NOT NULL "
    "UNION ALL SELECT {resolved}, " + _SLICE + ", 0, 0, 0, 0, 1, "
    "CASE WHEN resolved_at <= deadline_at THEN 1 ELSE 0 END, 0, 0, "
    "CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END, COALESCE(rating, 0) "
    "FROM requests WHERE status = 'resolved' AND resolved_at IS NOT NULL"
    ") AS parts GROUP BY day, dep, who, channel"
)
_RESPONSES = (
    "WITH answered AS (SELECT day, month, dep, CAST(who AS VARCHAR(24)) AS who, channel, "
    "CASE WHEN m < 120 THEN m WHEN m < 1440 THEN m - m % 10 ELSE m - m % 60 END AS b "
    "FROM (SELECT {created} AS day, {month} AS month, " + _SLICE + ", "
    "{low}({high}({minutes}, 0), 86400) AS m FROM requests "
    "WHERE first_response_at IS NOT NULL) AS timed) "
    "INSERT INTO figure_response_times (grain, period, department, facet, key, minutes, "
    "requests) SELECT grain, period, dep, facet, k, b, COUNT(*) FROM ("
    "SELECT 'd' AS grain, day AS period, dep, 'd' AS facet, '' AS k, b FROM answered "
    "UNION ALL SELECT 'd', day, dep, 's', who, b FROM answered "
    "UNION ALL SELECT 'd', day, dep, 'c', channel, b FROM answered "
    "UNION ALL SELECT 'm', month, dep, 'd', '', b FROM answered "
    "UNION ALL SELECT 'm', month, dep, 's', who, b FROM answered "
    "UNION ALL SELECT 'm', month, dep, 'c', channel, b FROM answered "
    "UNION ALL SELECT 'd', day, '*', 's', who, b FROM answered "
    "UNION ALL SELECT 'd', day, '*', 'c', channel, b FROM answered "
    "UNION ALL SELECT 'm', month, '*', 's', who, b FROM answered "
    "UNION ALL SELECT 'm', month, '*', 'c', channel, b FROM answered"
    ") AS keyed GROUP BY grain, period, dep, facet, k, b"
)


def recount_statements(dialect: str) -> list[str]:
    """The fresh count's two INSERTs (into empty tables) in `dialect`'s SQL; migration 0029
    runs them too."""
    day, month = _DAY[dialect], _MONTH[dialect]
    low, high = _CLAMP[dialect]
    counts = _COUNTS.format(
        created=day.format(at="created_at"),
        taken=day.format(at="first_taken_at"),
        resolved=day.format(at="resolved_at"),
    )
    responses = _RESPONSES.format(
        created=day.format(at="created_at"),
        month=month.format(at="created_at"),
        low=low,
        high=high,
        minutes=_MINUTES[dialect],
    )
    return [counts, responses]


async def recount_staff_figures(session: AsyncSession) -> None:
    await session.execute(delete(FigureDayCountRow))
    await session.execute(delete(FigureResponseRow))
    for statement in recount_statements(session.get_bind().dialect.name):
        await session.execute(text(statement))

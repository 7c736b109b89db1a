"""Counting the public figures afresh from the requests (the same SQL as migration 0020).

Not used per page view: for a bulk load that bypassed the repository (the benchmark's
million requests) and for tests that check the kept figures against a fresh count.
"""

from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PublicCountRow, ResponseTimeRow

_COUNTS = text(
    "INSERT INTO public_request_counts "
    "(district, category, department, status, requests, on_time) "
    "SELECT COALESCE(district, ''), category, COALESCE(department, ''), status, COUNT(*), "
    "SUM(CASE WHEN status = 'resolved' AND resolved_at IS NOT NULL "
    "AND resolved_at <= deadline_at THEN 1 ELSE 0 END) "
    "FROM requests GROUP BY COALESCE(district, ''), category, COALESCE(department, ''), status"
)
_MINUTES = {
    "postgresql": "FLOOR(EXTRACT(EPOCH FROM (first_response_at - created_at)) / 60)::integer",
    "sqlite": "CAST(ROUND((julianday(first_response_at) - julianday(created_at)) * 86400.0, 3)"
    " / 60 AS INTEGER)",
}
_CLAMP = {"postgresql": ("LEAST", "GREATEST"), "sqlite": ("MIN", "MAX")}
_RESPONSES = (
    "INSERT INTO public_response_times (minutes, requests) "
    "SELECT b, COUNT(*) FROM (SELECT CASE WHEN m < 120 THEN m WHEN m < 1440 THEN m - m % 10 "
    "ELSE m - m % 60 END AS b FROM (SELECT {low}({high}({minutes}, 0), 86400) AS m "
    "FROM requests WHERE first_response_at IS NOT NULL) AS answered) AS bucketed GROUP BY b"
)


async def recount_public_figures(session: AsyncSession) -> None:
    dialect = session.get_bind().dialect.name
    await session.execute(delete(PublicCountRow))
    await session.execute(delete(ResponseTimeRow))
    await session.execute(_COUNTS)
    low, high = _CLAMP[dialect]
    await session.execute(text(_RESPONSES.format(low=low, high=high, minutes=_MINUTES[dialect])))

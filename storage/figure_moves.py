"""Set-based moves of the staff's kept figures (storage/figure_counts.py), for the writes that
change many requests in one UPDATE instead of request by request: an erased staff member's
requests becoming nobody's, a removed department's requests going to its successor. Each
first writes what the transaction has pending, so the move sees every request's change.
"""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.kept_figures import COUNT_NAMES
from storage.figure_counts import write_pending_figures

_COUNTS_TO_NOBODY = text(
    "INSERT INTO figure_day_counts (day, department, assignee_id, channel, "
    + ", ".join(COUNT_NAMES)
    + ") SELECT day, department, 0, channel, "
    + ", ".join(COUNT_NAMES)
    + " FROM figure_day_counts WHERE assignee_id = :user_id "
    "ON CONFLICT (day, department, assignee_id, channel) DO UPDATE SET "
    + ", ".join(f"{n} = figure_day_counts.{n} + excluded.{n}" for n in COUNT_NAMES)
)
_RESPONSES_TO_NOBODY = text(
    "INSERT INTO figure_response_times (grain, period, department, facet, key, minutes, "
    "requests) SELECT grain, period, department, facet, '0', minutes, requests "
    "FROM figure_response_times WHERE facet = 's' AND key = :key "
    "ON CONFLICT (grain, period, department, facet, key, minutes) DO UPDATE SET "
    "requests = figure_response_times.requests + excluded.requests"
)
_DROP_COUNTS = text("DELETE FROM figure_day_counts WHERE assignee_id = :user_id")
_DROP_RESPONSES = text("DELETE FROM figure_response_times WHERE facet = 's' AND key = :key")


async def forget_assignee(session: AsyncSession, user_id: int) -> None:
    """A staff member's account is erased and their requests become nobody's (in one bulk
    UPDATE of the requests, not request by request): their kept figures move to nobody."""
    await write_pending_figures(session)
    await session.execute(_COUNTS_TO_NOBODY, {"user_id": user_id})
    await session.execute(_DROP_COUNTS, {"user_id": user_id})
    await session.execute(_RESPONSES_TO_NOBODY, {"key": str(user_id)})
    await session.execute(_DROP_RESPONSES, {"key": str(user_id)})


_COUNTS_TO_DEPARTMENT = text(
    "INSERT INTO figure_day_counts (day, department, assignee_id, channel, "
    + ", ".join(COUNT_NAMES)
    + ") SELECT day, :to_code, assignee_id, channel, "
    + ", ".join(COUNT_NAMES)
    + " FROM figure_day_counts WHERE department = :from_code "
    "ON CONFLICT (day, department, assignee_id, channel) DO UPDATE SET "
    + ", ".join(f"{n} = figure_day_counts.{n} + excluded.{n}" for n in COUNT_NAMES)
)
_RESPONSES_TO_DEPARTMENT = text(
    "INSERT INTO figure_response_times (grain, period, department, facet, key, minutes, "
    "requests) SELECT grain, period, :to_code, facet, key, minutes, requests "
    "FROM figure_response_times WHERE department = :from_code "
    "ON CONFLICT (grain, period, department, facet, key, minutes) DO UPDATE SET "
    "requests = figure_response_times.requests + excluded.requests"
)
_DROP_DEPARTMENT_COUNTS = text("DELETE FROM figure_day_counts WHERE department = :from_code")
_DROP_DEPARTMENT_RESPONSES = text(
    "DELETE FROM figure_response_times WHERE department = :from_code"
)


async def move_department(session: AsyncSession, from_code: str, to_code: str) -> None:
    """Every request of a removed department moved to its successor in one UPDATE
    (storage/department_moves.py): their kept figures follow, set-based."""
    await write_pending_figures(session)
    codes = {"from_code": from_code, "to_code": to_code}
    for statement in (
        _COUNTS_TO_DEPARTMENT,
        _DROP_DEPARTMENT_COUNTS,
        _RESPONSES_TO_DEPARTMENT,
        _DROP_DEPARTMENT_RESPONSES,
    ):
        await session.execute(statement, codes)

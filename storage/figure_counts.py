"""Keeping the staff's figures (domain/kept_figures.py) in step with the requests.

Called with the public figures' keeping (storage/public_counts.py), in the same transaction
as the write it follows, with the old state read under the request's row lock and the new
one from the UPDATE's RETURNING. The deltas are signed upserts, one statement per table
(executemany), their rows in key order: two transactions moving requests between the same
rows take them in one order and never deadlock.
"""

from sqlalchemy import Date, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.kept_figures import COUNT_NAMES, figure_change
from domain.public_figures import RequestState

# Text, compiled once per process (the dialects' upsert constructs are compiled per call).
_ADD_COUNTS = text(
    "INSERT INTO figure_day_counts (day, department, assignee_id, channel, "
    + ", ".join(COUNT_NAMES)
    + ") VALUES (:day, :department, :assignee_id, :channel, "
    + ", ".join(f":{name}" for name in COUNT_NAMES)
    + ") ON CONFLICT (day, department, assignee_id, channel) DO UPDATE SET "
    + ", ".join(f"{n} = figure_day_counts.{n} + excluded.{n}" for n in COUNT_NAMES)
).bindparams(bindparam("day", type_=Date))
_ADD_RESPONSES = text(
    "INSERT INTO figure_response_times (grain, period, department, facet, key, minutes, "
    "requests) VALUES (:grain, :period, :department, :facet, :key, :minutes, :requests) "
    "ON CONFLICT (grain, period, department, facet, key, minutes) DO UPDATE SET "
    "requests = figure_response_times.requests + excluded.requests"
).bindparams(bindparam("period", type_=Date))


async def keep_staff_figures(
    session: AsyncSession, before: RequestState | None, after: RequestState
) -> None:
    change = figure_change(before, after)
    if change.counts:
        await session.execute(
            _ADD_COUNTS,
            [
                {
                    "day": key.day,
                    "department": key.department,
                    "assignee_id": key.assignee_id,
                    "channel": key.channel,
                    **values,
                }
                for key, values in change.counts.items()
            ],
        )
    if change.responses:
        await session.execute(
            _ADD_RESPONSES,
            [
                {
                    "grain": key.grain.value,
                    "period": key.period,
                    "department": key.department,
                    "facet": key.facet.value,
                    "key": key.key,
                    "minutes": key.minutes,
                    "requests": requests,
                }
                for key, requests in change.responses.items()
            ],
        )


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
    codes = {"from_code": from_code, "to_code": to_code}
    for statement in (
        _COUNTS_TO_DEPARTMENT,
        _DROP_DEPARTMENT_COUNTS,
        _RESPONSES_TO_DEPARTMENT,
        _DROP_DEPARTMENT_RESPONSES,
    ):
        await session.execute(statement, codes)

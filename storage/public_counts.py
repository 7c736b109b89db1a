"""Keeping the public figures (domain/public_figures.py) in step with the requests.

Called by the request repository in the same transaction as the write it follows, so the
figures can never disagree with the requests they count. A request's change takes its old
contribution back and adds its new one; both are read from the database itself (the old
row locked before the UPDATE, the new one from its RETURNING), never from what the caller
believes is stored.
"""

from typing import Any

from sqlalchemy import Row, TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.public_figures import Contribution, RequestState, contribution
from domain.requests import RequestStatus
from storage.models import RequestRow

STATE_COLUMNS = (
    RequestRow.district,
    RequestRow.category,
    RequestRow.department,
    RequestRow.status,
    RequestRow.created_at,
    RequestRow.deadline_at,
    RequestRow.resolved_at,
    RequestRow.first_response_at,
)

# Text, compiled once per process (the dialects' upsert constructs are compiled per call).
_ADD_COUNT = text(
    "INSERT INTO public_request_counts "
    "(district, category, department, status, requests, on_time) "
    "VALUES (:district, :category, :department, :status, :requests, :on_time) "
    "ON CONFLICT (district, category, department, status) DO UPDATE SET "
    "requests = public_request_counts.requests + excluded.requests, "
    "on_time = public_request_counts.on_time + excluded.on_time"
)
# Taking back: an UPDATE (an upsert's new row would break the CHECK before its conflict).
_TAKE_COUNT = text(
    "UPDATE public_request_counts SET requests = requests - 1, on_time = on_time - :on_time "
    "WHERE district = :district AND category = :category AND department = :department "
    "AND status = :status"
)
_TAKE_RESPONSE = text(
    "UPDATE public_response_times SET requests = requests - 1 WHERE minutes = :minutes"
)
_ADD_RESPONSE = text(
    "INSERT INTO public_response_times (minutes, requests) VALUES (:minutes, :requests) "
    "ON CONFLICT (minutes) DO UPDATE SET "
    "requests = public_response_times.requests + excluded.requests"
)


class FiguresOutOfStep(RuntimeError):
    """A contribution to take back was never counted: the figures missed a write."""


def state_from_row(row: Row[Any]) -> RequestState:
    return RequestState(
        district=row.district,
        category=row.category,
        department=row.department,
        status=RequestStatus(row.status),
        created_at=row.created_at,
        deadline_at=row.deadline_at,
        resolved_at=row.resolved_at,
        first_response_at=row.first_response_at,
    )


async def count_change(
    session: AsyncSession, before: RequestState | None, after: RequestState
) -> None:
    """Move a request's contribution from `before` (None: it is new) to `after`."""
    new = contribution(after)
    old = contribution(before) if before is not None else None
    if old == new:
        return
    if old is None or (old.key, old.on_time) != (new.key, new.on_time):
        if old is not None:
            await _take(session, _TAKE_COUNT, _key_values(old))
        await session.execute(_ADD_COUNT, {**_key_values(new), "requests": 1})
    old_bucket = old.response_bucket if old is not None else None
    if old_bucket != new.response_bucket:
        if old_bucket is not None:
            await _take(session, _TAKE_RESPONSE, {"minutes": old_bucket})
        if new.response_bucket is not None:
            await session.execute(_ADD_RESPONSE, {"minutes": new.response_bucket, "requests": 1})


def _key_values(part: Contribution) -> dict[str, Any]:
    key = part.key
    return {
        "district": key.district,
        "category": key.category,
        "department": key.department,
        "status": key.status.value,
        "on_time": int(part.on_time),
    }


async def _take(session: AsyncSession, statement: TextClause, values: dict[str, Any]) -> None:
    result = await session.execute(statement, values)
    if getattr(result, "rowcount", 1) != 1:
        raise FiguresOutOfStep(f"nothing counted to take back at {values}")

"""Keeping the public figures (domain/public_figures.py) in step with the requests.

Called by the request repository in the same transaction as the write it follows, so the
figures can never disagree with the requests they count. A request's change takes its old
contribution back and adds its new one; both are read from the database itself (the old
row locked before the UPDATE, the new one from its RETURNING), never from what the caller
believes is stored.
"""

from typing import Any

from sqlalchemy import Row, text
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
_ADD_RESPONSE = text(
    "INSERT INTO public_response_times (minutes, requests) VALUES (:minutes, :requests) "
    "ON CONFLICT (minutes) DO UPDATE SET "
    "requests = public_response_times.requests + excluded.requests"
)


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
            await _count(session, old, -1)
        await _count(session, new, 1)
    old_bucket = old.response_bucket if old is not None else None
    if old_bucket != new.response_bucket:
        if old_bucket is not None:
            await session.execute(_ADD_RESPONSE, {"minutes": old_bucket, "requests": -1})
        if new.response_bucket is not None:
            await session.execute(
                _ADD_RESPONSE, {"minutes": new.response_bucket, "requests": 1}
            )


async def _count(session: AsyncSession, part: Contribution, sign: int) -> None:
    key = part.key
    await session.execute(
        _ADD_COUNT,
        {
            "district": key.district,
            "category": key.category,
            "department": key.department,
            "status": key.status.value,
            "requests": sign,
            "on_time": sign if part.on_time else 0,
        },
    )

"""Keeping the public figures (domain/public_figures.py) in step with the requests.

Called by the request repository in the same transaction as the write it follows, so the
figures can never disagree with the requests they count. A request's change takes its old
contribution back and adds its new one; both are read from the database itself (the old
row locked before the UPDATE, the new one from its RETURNING), never from what the caller
believes is stored.
"""

import logging
from typing import Any

from sqlalchemy import Row, TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.public_figures import Contribution, RequestState, contribution
from domain.requests import RequestChannel, RequestStatus
from storage.models import RequestRow

logger = logging.getLogger(__name__)

STATE_COLUMNS = (
    RequestRow.district,
    RequestRow.category,
    RequestRow.department,
    RequestRow.status,
    RequestRow.created_at,
    RequestRow.deadline_at,
    RequestRow.resolved_at,
    RequestRow.first_response_at,
    # The staff's figures (storage/figure_counts.py)
    RequestRow.assignee_id,
    RequestRow.channel,
    RequestRow.first_taken_at,
    RequestRow.reopened,
    RequestRow.rating,
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
# Taking back: an UPDATE (an upsert's new row would break the CHECK before its conflict),
# of a count that has something to give: figures that drifted (a bulk write that went around
# the repository) must not make a resident's or staff member's change fail.
_TAKE_COUNT = text(
    "UPDATE public_request_counts SET requests = requests - 1, on_time = on_time - :on_time "
    "WHERE district = :district AND category = :category AND department = :department "
    "AND status = :status AND requests > 0 AND on_time >= :on_time"
)
_TAKE_RESPONSE = text(
    "UPDATE public_response_times SET requests = requests - 1 "
    "WHERE minutes = :minutes AND requests > 0"
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
        assignee_id=row.assignee_id,
        channel=RequestChannel(row.channel),
        first_taken_at=row.first_taken_at,
        reopened=bool(row.reopened),
        rating=row.rating,
    )


async def count_change(
    session: AsyncSession, before: RequestState | None, after: RequestState
) -> None:
    """Move a request's contribution from `before` (None: it is new) to `after`.

    The rows are touched in one order (their keys sorted), whatever the move: two
    transactions moving requests in opposite directions wait for each other, never deadlock.
    """
    new = contribution(after)
    old = contribution(before) if before is not None else None
    steps: list[tuple[tuple[Any, ...], TextClause, dict[str, Any]]] = []
    if old is None or (old.key, old.on_time) != (new.key, new.on_time):
        if old is not None:
            steps.append((_order(old), _TAKE_COUNT, _key_values(old)))
        steps.append((_order(new), _ADD_COUNT, {**_key_values(new), "requests": 1}))
    old_bucket = old.response_bucket if old is not None else None
    if old_bucket != new.response_bucket:
        if old_bucket is not None:
            steps.append(((1, old_bucket), _TAKE_RESPONSE, {"minutes": old_bucket}))
        if new.response_bucket is not None:
            values = {"minutes": new.response_bucket, "requests": 1}
            steps.append(((1, new.response_bucket), _ADD_RESPONSE, values))
    for _, statement, values in sorted(steps, key=lambda step: step[0]):
        result = await session.execute(statement, values)
        if statement is not _ADD_COUNT and statement is not _ADD_RESPONSE:
            _check_taken(result, values)


def _order(part: Contribution) -> tuple[Any, ...]:
    key = part.key
    return (0, key.district, key.category, key.department, key.status.value)


def _key_values(part: Contribution) -> dict[str, Any]:
    key = part.key
    return {
        "district": key.district,
        "category": key.category,
        "department": key.department,
        "status": key.status.value,
        "on_time": int(part.on_time),
    }


def _check_taken(result: Any, values: dict[str, Any]) -> None:
    if getattr(result, "rowcount", 1) != 1:
        logger.error(
            "public figures out of step: nothing to take back at %s "
            "(storage.public_recount.recount_public_figures counts them afresh)",
            values,
        )

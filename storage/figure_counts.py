"""Keeping the staff's figures (domain/kept_figures.py) in step with the requests.

Each request write (the old state read under the request's row lock, the new one from the
UPDATE's RETURNING) adds its change to what its transaction has pending; the sum is written
just before the transaction commits, in the same transaction, as signed upserts, one
statement per table (executemany), every row of the transaction in key order. Two
transactions touching the same rows therefore take them in one order and never deadlock,
however many requests (or changes of one request: a first taking is two) each writes.
"""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Date, bindparam, event, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from domain.kept_figures import COUNT_NAMES, DayKey, ResponseKey, figure_change
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


_PENDING = "staff_figures_pending"  # the key in the (sync) session's info


@dataclass(slots=True)
class _Pending:
    """The transaction's changes so far, summed."""

    counts: dict[DayKey, Counter[str]] = field(default_factory=dict)
    responses: Counter[ResponseKey] = field(default_factory=Counter)


def keep_staff_figures(
    session: AsyncSession, before: RequestState | None, after: RequestState
) -> None:
    """Add a request's change to what its transaction will write when it commits."""
    change = figure_change(before, after)
    if change.empty:
        return
    pending: _Pending = session.sync_session.info.setdefault(_PENDING, _Pending())
    for key, values in change.counts.items():
        pending.counts.setdefault(key, Counter()).update(values)
    pending.responses.update(change.responses)


async def write_pending_figures(session: AsyncSession) -> None:
    """Write now what the transaction has pending (before a set-based move reads the rows)."""
    await session.run_sync(_write_pending)


def _write_pending(session: Session) -> None:
    pending: _Pending | None = session.info.pop(_PENDING, None)
    if pending is None:
        return
    counts = [
        {
            "day": key.day,
            "department": key.department,
            "assignee_id": key.assignee_id,
            "channel": key.channel,
            **{name: delta[name] for name in COUNT_NAMES},
        }
        for key, delta in sorted(pending.counts.items())
        if any(delta.values())
    ]
    if counts:
        session.execute(_ADD_COUNTS, counts)
    responses = [
        {
            "grain": key.grain.value,
            "period": key.period,
            "department": key.department,
            "facet": key.facet.value,
            "key": key.key,
            "minutes": key.minutes,
            "requests": requests,
        }
        for key, requests in sorted(pending.responses.items())
        if requests
    ]
    if responses:
        session.execute(_ADD_RESPONSES, responses)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    _write_pending(session)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_the_end(session: Session, transaction: SessionTransaction) -> None:
    """A rolled back (or closed) transaction's changes are never written."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)

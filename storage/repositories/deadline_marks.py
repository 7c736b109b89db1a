"""Where each open request's staff card stands in its deadline (the band last drawn) and
whether it was escalated for being late."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.deadline_progress import DeadlineBand
from domain.requests import OPEN_STATUSES
from domain.services.deadline_bands import DeadlineState
from storage.dialects import upsert
from storage.models import RequestDeadlineMarkRow, RequestRow

_OPEN = sorted(status.value for status in OPEN_STATUSES)
_RECORD = upsert(RequestDeadlineMarkRow, ["request_id"], ["request_id", "band"], update=["band"])


class SqlDeadlineMarkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_before_late(self, after_id: int, limit: int) -> list[DeadlineState]:
        """Open requests whose card was not yet drawn late, by id after `after_id`: what the
        band needs (no whole request: an hourly pass reads every open one)."""
        mark = RequestDeadlineMarkRow
        drawn = func.coalesce(mark.band, int(DeadlineBand.GREEN))
        query = (
            select(RequestRow.id, RequestRow.created_at, RequestRow.deadline_at, drawn)
            .outerjoin(mark, mark.request_id == RequestRow.id)
            .where(
                RequestRow.status.in_(_OPEN),
                RequestRow.id > after_id,
                drawn < int(DeadlineBand.LATE),
            )
            .order_by(RequestRow.id)
            .limit(limit)
        )
        rows = await self._session.execute(query)
        return [
            DeadlineState(request_id, created_at, deadline_at, DeadlineBand(band))
            for request_id, created_at, deadline_at, band in rows.tuples()
        ]

    async def record(self, request_id: int, band: DeadlineBand) -> None:
        await self.record_many([(request_id, band)])

    async def record_many(self, bands: Sequence[tuple[int, DeadlineBand]]) -> None:
        """The bands drawn, in one statement."""
        if bands:
            await self._session.execute(
                _RECORD, [{"request_id": rid, "band": int(band)} for rid, band in bands]
            )

    async def escalate(self, request_id: int, at: datetime) -> bool:
        """Mark the request escalated; False when it already was (nothing changes then)."""
        await self.record(request_id, DeadlineBand.LATE)
        mark = RequestDeadlineMarkRow
        changed = await self._session.scalar(
            update(mark)
            .where(mark.request_id == request_id, mark.escalated_at.is_(None))
            .values(escalated_at=at)
            .returning(mark.request_id)
        )
        return changed is not None

    async def band(self, request_id: int) -> tuple[DeadlineBand, datetime | None] | None:
        row = await self._session.get(RequestDeadlineMarkRow, request_id, populate_existing=True)
        return None if row is None else (DeadlineBand(row.band), row.escalated_at)

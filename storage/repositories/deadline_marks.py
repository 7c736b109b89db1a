"""Where each open request's staff card stands in its deadline (the band last drawn) and
whether it was escalated for being late."""

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.deadline_progress import DeadlineBand
from domain.requests import OPEN_STATUSES, Request
from storage.dialects import insert_for
from storage.mappers import request_from_row
from storage.models import RequestDeadlineMarkRow, RequestRow

_OPEN = sorted(status.value for status in OPEN_STATUSES)


class SqlDeadlineMarkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_before_late(
        self, after_id: int, limit: int
    ) -> list[tuple[Request, DeadlineBand]]:
        """Open requests whose card was not yet drawn late, by id after `after_id`, each with
        the band last drawn (GREEN for a request never marked)."""
        mark = RequestDeadlineMarkRow
        drawn = func.coalesce(mark.band, int(DeadlineBand.GREEN))
        query = (
            select(RequestRow, drawn)
            .outerjoin(mark, mark.request_id == RequestRow.id)
            .where(
                RequestRow.status.in_(_OPEN),
                RequestRow.id > after_id,
                drawn < int(DeadlineBand.LATE),
            )
            .order_by(RequestRow.id)
            .limit(limit)
            .options(selectinload(RequestRow.photos))
            .execution_options(populate_existing=True)
        )
        rows = await self._session.execute(query)
        return [(request_from_row(row), DeadlineBand(band)) for row, band in rows.tuples()]

    async def record(self, request_id: int, band: DeadlineBand) -> None:
        await self._session.execute(
            insert_for(self._session, RequestDeadlineMarkRow)
            .values(request_id=request_id, band=int(band))
            .on_conflict_do_update(index_elements=["request_id"], set_={"band": int(band)})
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

"""Reads for the public page: the kept counts, the newest requests and one request's
official history. Only the columns anyone may see are selected (no author, no house; the
description only while its author agrees)."""

from dataclasses import replace
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.history import RequestEvent
from domain.public_figures import CountKey
from domain.public_page import CountRow, PublicFilter, PublicRequest, official_history
from domain.requests import RequestStatus
from storage.mappers import event_from_row
from storage.models import (
    PublicCountRow,
    RequestEventRow,
    RequestRow,
    ResponseTimeRow,
    StreetRow,
)
from storage.repositories.request_photos import public_numbers


class SqlPublicPage:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def counts(self) -> list[CountRow]:
        """Every kept count (a few hundred rows: districts x categories x statuses)."""
        rows = await self._session.execute(
            select(
                PublicCountRow.district,
                PublicCountRow.category,
                PublicCountRow.department,
                PublicCountRow.status,
                PublicCountRow.requests,
                PublicCountRow.on_time,
            ).where(PublicCountRow.requests > 0)
        )
        return [
            CountRow(CountKey(district, category, department, RequestStatus(status)), n, on_time)
            for district, category, department, status, n, on_time in rows.tuples()
        ]

    async def response_buckets(self) -> dict[int, int]:
        rows = await self._session.execute(
            select(ResponseTimeRow.minutes, ResponseTimeRow.requests).where(
                ResponseTimeRow.requests > 0
            )
        )
        return dict(rows.tuples().all())

    async def newest(
        self, where: PublicFilter, limit: int, before: int | None = None
    ) -> list[PublicRequest]:
        """The newest requests first (ids grow with time), by the indexes on (x, id)."""
        query = _public_columns()
        if where.district is not None:
            query = query.where(RequestRow.district == where.district)
        if where.category is not None:
            query = query.where(RequestRow.category == where.category)
        statuses = where.statuses()
        if statuses is not None:
            query = query.where(RequestRow.status.in_(sorted(s.value for s in statuses)))
        if before is not None:
            query = query.where(RequestRow.id < before)
        rows = await self._session.execute(query.order_by(RequestRow.id.desc()).limit(limit))
        return [_public_request(row) for row in rows]

    async def request(self, request_id: int) -> PublicRequest | None:
        query = _public_columns().where(RequestRow.id == request_id)
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        events = await self._session.scalars(
            select(RequestEventRow)
            .where(RequestEventRow.request_id == request_id)
            .order_by(RequestEventRow.at, RequestEventRow.id)
        )
        # Filtered here: the author's words never leave storage for the public page.
        history = tuple(official_history([event_from_row(event) for event in events]))
        photos = await public_numbers(self._session, request_id)  # only those staff marked
        # The author's words only while they agree (set_description_public); None else.
        description = await self._session.scalar(
            select(RequestRow.description).where(
                RequestRow.id == request_id, RequestRow.description_public.is_(True)
            )
        )
        return replace(_public_request(row, history), photos=photos, description=description)


def _public_columns() -> Select[Any]:
    return select(
        RequestRow.id,
        RequestRow.category,
        RequestRow.status,
        RequestRow.district,
        RequestRow.created_at,
        RequestRow.updated_at,
        RequestRow.deadline_at,
        RequestRow.resolved_at,
        StreetRow.name.label("street_name"),
        StreetRow.type.label("street_type"),
    ).outerjoin(StreetRow, StreetRow.id == RequestRow.street_id)


def _public_request(row: Row[Any], history: tuple[RequestEvent, ...] = ()) -> PublicRequest:
    street = f"{row.street_type} {row.street_name}" if row.street_name else None
    return PublicRequest(
        id=row.id,
        category=row.category,
        status=RequestStatus(row.status),
        district=row.district,
        street=street,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deadline_at=row.deadline_at,
        resolved_at=row.resolved_at,
        history=history,
    )

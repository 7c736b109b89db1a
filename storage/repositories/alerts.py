"""Outages and city events."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Select, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.fanout import OUTAGE_ALERT
from domain.alerts.outages import FINAL_STATUSES, Outage, OutageKind, OutageStatus
from domain.errors import NotFound
from domain.notifications import NotificationStatus
from storage.alert_mappers import event_from_row, event_values, outage_from_row, outage_values
from storage.models import CityEventRow, OutageRow, OutboxRow

_Row = TypeVar("_Row", OutageRow, CityEventRow)
_FINAL = sorted(status.value for status in FINAL_STATUSES)


class SqlOutageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, outage: Outage) -> Outage:
        outage_id = await self._session.scalar(
            insert(OutageRow).values(outage_values(outage)).returning(OutageRow.id)
        )
        assert outage_id is not None
        return replace(outage, id=outage_id)

    async def get(self, outage_id: int, *, for_update: bool = False) -> Outage | None:
        query = select(OutageRow).where(OutageRow.id == outage_id)
        row = await self._session.scalar(_locked(query, for_update))
        return outage_from_row(row) if row is not None else None

    async def by_source(self, source: str, source_id: str) -> Outage | None:
        """The source's outage, locked for the update that follows (a second publisher of the
        same outage waits on PostgreSQL; SQLite has one writer anyway)."""
        query = select(OutageRow).where(
            OutageRow.source == source, OutageRow.source_id == source_id
        )
        row = await self._session.scalar(_locked(query, True))
        return outage_from_row(row) if row is not None else None

    async def save(self, outage: Outage) -> None:
        if outage.id is None:
            raise ValueError("an unsaved outage cannot be updated")
        changed = await self._session.scalar(
            update(OutageRow)
            .where(OutageRow.id == outage.id)
            .values(outage_values(outage))
            .returning(OutageRow.id)
        )
        if changed is None:
            raise NotFound(f"outage {outage.id}")

    async def unfinished(self, kind: OutageKind | None = None) -> list[Outage]:
        """Outages not restored or cancelled: few at any time, read whole."""
        query = select(OutageRow).where(OutageRow.status.not_in(_FINAL))
        if kind is not None:
            query = query.where(OutageRow.kind == kind.value)
        rows = await self._session.scalars(query.order_by(OutageRow.starts_at, OutageRow.id))
        return [outage_from_row(row) for row in rows]

    async def needing_reminders(self, now: datetime) -> list[Outage]:
        rows = await self._session.scalars(
            select(OutageRow)
            .where(
                OutageRow.status.not_in(_FINAL),
                OutageRow.emergency.is_(False),
                OutageRow.starts_at > now,
                or_(OutageRow.reminded_evening.is_(False), OutageRow.reminded_hour.is_(False)),
            )
            .order_by(OutageRow.starts_at)
        )
        return [outage_from_row(row) for row in rows]

    async def search(
        self,
        *,
        statuses: Sequence[OutageStatus] = (),
        kinds: Sequence[OutageKind] = (),
        after_id: int = 0,
        limit: int = 50,
    ) -> list[Outage]:
        query = select(OutageRow).where(OutageRow.id > after_id)
        if statuses:
            query = query.where(OutageRow.status.in_([s.value for s in statuses]))
        if kinds:
            query = query.where(OutageRow.kind.in_([k.value for k in kinds]))
        rows = await self._session.scalars(query.order_by(OutageRow.id).limit(limit))
        return [outage_from_row(row) for row in rows]

    async def drop_unsent(self, outage_id: int) -> int:
        """Forget this outage's messages still waiting (quiet hours): once it is restored or
        cancelled, announcing it in the morning would only confuse."""
        result = await self._session.execute(
            delete(OutboxRow)
            .where(
                OutboxRow.kind == OUTAGE_ALERT,
                OutboxRow.status == NotificationStatus.PENDING.value,
                OutboxRow.key.like(f"outage:{outage_id}:%"),
                OutboxRow.attempts == 0,  # not leased by a dispatcher right now
            )
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


class SqlEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: CityEvent) -> CityEvent:
        event_id = await self._session.scalar(
            insert(CityEventRow).values(event_values(event)).returning(CityEventRow.id)
        )
        assert event_id is not None
        return replace(event, id=event_id)

    async def get(self, event_id: int, *, for_update: bool = False) -> CityEvent | None:
        query = select(CityEventRow).where(CityEventRow.id == event_id)
        row = await self._session.scalar(_locked(query, for_update))
        return event_from_row(row) if row is not None else None

    async def by_source(self, source: str, source_id: str) -> CityEvent | None:
        query = select(CityEventRow).where(
            CityEventRow.source == source, CityEventRow.source_id == source_id
        )
        row = await self._session.scalar(_locked(query, True))
        return event_from_row(row) if row is not None else None

    async def save(self, event: CityEvent) -> None:
        if event.id is None:
            raise ValueError("an unsaved event cannot be updated")
        changed = await self._session.scalar(
            update(CityEventRow)
            .where(CityEventRow.id == event.id)
            .values(event_values(event))
            .returning(CityEventRow.id)
        )
        if changed is None:
            raise NotFound(f"event {event.id}")

    async def published_between(self, since: datetime, until: datetime) -> list[CityEvent]:
        """Events added in (since, until] that have not ended or been cancelled by `until`."""
        rows = await self._session.scalars(
            select(CityEventRow)
            .where(
                CityEventRow.created_at > since,
                CityEventRow.created_at <= until,
                CityEventRow.cancelled.is_(False),
                or_(
                    CityEventRow.ends_at > until,
                    (CityEventRow.ends_at.is_(None) & (CityEventRow.starts_at > until)),
                ),
            )
            .order_by(CityEventRow.starts_at, CityEventRow.id)
        )
        return [event_from_row(row) for row in rows]

    async def search(
        self,
        *,
        categories: Sequence[EventCategory] = (),
        district: str | None = None,
        starts_from: datetime | None = None,
        after_id: int = 0,
        limit: int = 50,
    ) -> list[CityEvent]:
        query = select(CityEventRow).where(CityEventRow.id > after_id)
        if categories:
            query = query.where(CityEventRow.category.in_([c.value for c in categories]))
        if district is not None:
            query = query.where(CityEventRow.district == district)
        if starts_from is not None:
            query = query.where(CityEventRow.starts_at >= starts_from)
        rows = await self._session.scalars(query.order_by(CityEventRow.id).limit(limit))
        return [event_from_row(row) for row in rows]


def _locked(query: Select[tuple[_Row]], for_update: bool) -> Select[tuple[_Row]]:
    return query.with_for_update() if for_update else query

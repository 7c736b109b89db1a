"""The durable notification outbox and the record of handled Telegram updates."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import Notification, NotificationStatus
from storage.dialects import insert_for
from storage.mappers import notification_from_row, notification_values
from storage.models import OutboxRow, ProcessedUpdateRow

_ERROR_MAX = 2000


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, notification: Notification) -> bool:
        """False when the key is already there: the duplicate is dropped, the transaction lives."""
        inserted = await self._session.scalar(
            insert_for(self._session, OutboxRow)
            .values(notification_values(notification))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(OutboxRow.id)
        )
        return inserted is not None

    async def pending(self, now: datetime, limit: int) -> Sequence[Notification]:
        """Due rows, oldest first. On PostgreSQL they stay locked (and skipped by other
        dispatchers) until this transaction ends; SQLite has a single writer anyway."""
        rows = await self._session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.status == NotificationStatus.PENDING.value,
                OutboxRow.next_attempt_at <= now,
            )
            .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return [notification_from_row(row) for row in rows]

    # The dispatcher's side; not in the port yet.
    async def mark_sent(self, notification_id: int, at: datetime, message_id: int | None) -> None:
        await self._set(
            notification_id,
            status=NotificationStatus.SENT.value,
            sent_at=at,
            sent_message_id=message_id,
            attempts=OutboxRow.attempts + 1,
            last_error=None,
        )

    async def retry_later(
        self, notification_id: int, next_attempt_at: datetime, error: str
    ) -> None:
        await self._set(
            notification_id,
            next_attempt_at=next_attempt_at,
            attempts=OutboxRow.attempts + 1,
            last_error=error[:_ERROR_MAX],
        )

    async def mark_failed(self, notification_id: int, error: str) -> None:
        await self._set(
            notification_id,
            status=NotificationStatus.FAILED.value,
            attempts=OutboxRow.attempts + 1,
            last_error=error[:_ERROR_MAX],
        )

    async def _set(self, notification_id: int, **values: object) -> None:
        await self._session.execute(
            update(OutboxRow).where(OutboxRow.id == notification_id).values(**values)
        )


class SqlProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, update_id: int, at: datetime) -> bool:
        """True only for the first claim of an update id, whoever else tries in parallel."""
        inserted = await self._session.scalar(
            insert_for(self._session, ProcessedUpdateRow)
            .values(update_id=update_id, processed_at=at)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdateRow.update_id)
        )
        return inserted is not None

    async def prune(self, before: datetime) -> int:
        """Forget ids older than `before` (Telegram redelivers for a day at most)."""
        result = await self._session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return cast(CursorResult[Any], result).rowcount

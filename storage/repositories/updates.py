"""The record of handled Telegram updates: a replayed update is recognised and skipped."""

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialects import upsert
from storage.models import ProcessedUpdateRow

_COLUMNS = ("update_id", "processed_at")
_CLAIM = upsert(ProcessedUpdateRow, ["update_id"], _COLUMNS, returning="update_id")
_CLAIM_MANY = upsert(ProcessedUpdateRow, ["update_id"], _COLUMNS)


class SqlProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, update_id: int, at: datetime) -> bool:
        """True only for the first claim of an update id, whoever else tries in parallel.
        (Whether an update was seen is read with the update's first statement, first_read.)"""
        claimed = await self._session.scalar(_CLAIM, {"update_id": update_id, "processed_at": at})
        return claimed is not None

    async def claim_all(self, claims: dict[int, datetime]) -> None:
        """Claim many update ids at once (those that changed nothing); known ids are kept."""
        rows = [{"update_id": key, "processed_at": at} for key, at in claims.items()]
        await self._session.execute(_CLAIM_MANY, rows)

    async def prune(self, before: datetime) -> int:
        """Forget ids older than `before` (Telegram redelivers for a day at most)."""
        result = await self._session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return cast(CursorResult[Any], result).rowcount

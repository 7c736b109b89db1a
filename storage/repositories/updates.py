"""The record of handled Telegram updates: a replayed update is recognised and skipped."""

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialects import insert_for
from storage.models import ProcessedUpdateRow


class SqlProcessedUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def seen(self, update_id: int) -> bool:
        """A read, so checking takes no write lock (the claim is written at commit)."""
        return bool(
            await self._session.scalar(
                select(exists().where(ProcessedUpdateRow.update_id == update_id))
            )
        )

    async def claim(self, update_id: int, at: datetime) -> bool:
        """True only for the first claim of an update id, whoever else tries in parallel."""
        inserted = await self._session.scalar(
            insert_for(self._session, ProcessedUpdateRow)
            .values(update_id=update_id, processed_at=at)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdateRow.update_id)
        )
        return inserted is not None

    async def claim_all(self, claims: dict[int, datetime]) -> None:
        """Claim many update ids at once (those that changed nothing); known ids are kept."""
        statement = insert_for(self._session, ProcessedUpdateRow).on_conflict_do_nothing(
            index_elements=["update_id"]
        )
        rows = [{"update_id": key, "processed_at": at} for key, at in claims.items()]
        await self._session.execute(statement, rows)

    async def prune(self, before: datetime) -> int:
        """Forget ids older than `before` (Telegram redelivers for a day at most)."""
        result = await self._session.execute(
            delete(ProcessedUpdateRow).where(ProcessedUpdateRow.processed_at < before)
        )
        return cast(CursorResult[Any], result).rowcount

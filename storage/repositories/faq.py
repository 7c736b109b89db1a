"""FAQ entries, their votes, and the revision other processes watch to reload."""

from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.faq.model import FaqEntry, FaqText
from storage.dialects import insert_for
from storage.models import FaqEntryRow, FaqFeedbackRow, RevisionRow

FAQ_REVISION = "faq"


class SqlFaqRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[FaqEntry]:
        rows = await self._session.scalars(
            select(FaqEntryRow).order_by(FaqEntryRow.position, FaqEntryRow.id)
        )
        return [faq_from_row(row) for row in rows]

    async def get(self, entry_id: str) -> FaqEntry | None:
        row = await self._session.get(FaqEntryRow, entry_id, populate_existing=True)
        return faq_from_row(row) if row is not None else None

    async def put(self, entry: FaqEntry, at: datetime) -> bool:
        """Create or replace the entry; the revision moves either way."""
        values = faq_values(entry) | {"updated_at": at}
        existed = await self._session.scalar(
            select(FaqEntryRow.id).where(FaqEntryRow.id == entry.id)
        )
        statement = insert_for(self._session, FaqEntryRow).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["id"],
                set_={key: statement.excluded[key] for key in values if key != "id"},
            )
        )
        await self._bump()
        return existed is None

    async def delete(self, entry_id: str) -> bool:
        deleted = await self._session.scalar(
            delete(FaqEntryRow).where(FaqEntryRow.id == entry_id).returning(FaqEntryRow.id)
        )
        if deleted is not None:
            await self._bump()
        return deleted is not None

    async def revision(self) -> int:
        value = await self._session.scalar(
            select(RevisionRow.value).where(RevisionRow.name == FAQ_REVISION)
        )
        return value or 0

    async def add_feedback(self, entry_id: str, helpful: bool, locale: str, at: datetime) -> bool:
        """False when the entry is gone (deleted since the answer was shown)."""
        if await self._session.scalar(select(FaqEntryRow.id).where(FaqEntryRow.id == entry_id)):
            self._session.add(
                FaqFeedbackRow(faq_id=entry_id, helpful=helpful, locale=locale, at=at)
            )
            return True
        return False

    async def feedback(self) -> dict[str, tuple[int, int]]:
        rows = await self._session.execute(
            select(
                FaqFeedbackRow.faq_id,
                func.sum(case((FaqFeedbackRow.helpful, 1), else_=0)),
                func.sum(case((FaqFeedbackRow.helpful, 0), else_=1)),
            ).group_by(FaqFeedbackRow.faq_id)
        )
        return {faq_id: (int(yes), int(no)) for faq_id, yes, no in rows}

    async def _bump(self) -> None:
        statement = insert_for(self._session, RevisionRow).values(name=FAQ_REVISION, value=1)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["name"], set_={"value": RevisionRow.value + 1}
            )
        )


def faq_from_row(row: FaqEntryRow) -> FaqEntry:
    return FaqEntry(
        id=row.id,
        texts={
            locale: FaqText(text["question"], text["answer"], tuple(text.get("variants", ())))
            for locale, text in row.texts.items()
        },
        category=row.category,
        contacts=tuple(row.contacts),
        links=tuple(row.links),
        position=row.position,
    )


def faq_values(entry: FaqEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "category": entry.category,
        "position": entry.position,
        "texts": {
            locale: {"question": t.question, "answer": t.answer, "variants": list(t.variants)}
            for locale, t in entry.texts.items()
        },
        "contacts": list(entry.contacts),
        "links": list(entry.links),
    }

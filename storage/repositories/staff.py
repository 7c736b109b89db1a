"""The staff table (people the administrators made staff) and the ready-made answers."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialects import insert_for
from storage.models import ResponseTemplateRow, StaffMemberRow, StaffTopicRow


class SqlStaffRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def is_member(self, user_id: int) -> bool:
        return await self._session.get(StaffMemberRow, user_id) is not None

    async def add(self, user_id: int, added_by: int, at: datetime) -> bool:
        inserted = await self._session.scalar(
            insert_for(self._session, StaffMemberRow)
            .values(user_id=user_id, added_by=added_by, added_at=at)
            .on_conflict_do_nothing(index_elements=["user_id"])
            .returning(StaffMemberRow.user_id)
        )
        return inserted is not None

    async def remove(self, user_id: int) -> bool:
        removed = await self._session.scalar(
            delete(StaffMemberRow)
            .where(StaffMemberRow.user_id == user_id)
            .returning(StaffMemberRow.user_id)
        )
        return removed is not None

    async def members(self) -> list[int]:
        return list(
            await self._session.scalars(
                select(StaffMemberRow.user_id).order_by(StaffMemberRow.added_at)
            )
        )


class SqlTemplateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[tuple[int, str]]:
        rows = await self._session.execute(
            select(ResponseTemplateRow.id, ResponseTemplateRow.text).order_by(
                ResponseTemplateRow.id
            )
        )
        return [(row.id, row.text) for row in rows]

    async def get(self, template_id: int) -> str | None:
        row = await self._session.get(ResponseTemplateRow, template_id)
        return row.text if row is not None else None

    async def add(self, text: str, by: int, at: datetime) -> int:
        new_id = await self._session.scalar(
            insert_for(self._session, ResponseTemplateRow)
            .values(text=text, created_by=by, created_at=at)
            .returning(ResponseTemplateRow.id)
        )
        assert new_id is not None
        return new_id

    async def remove(self, template_id: int) -> bool:
        removed = await self._session.scalar(
            delete(ResponseTemplateRow)
            .where(ResponseTemplateRow.id == template_id)
            .returning(ResponseTemplateRow.id)
        )
        return removed is not None


class SqlTopicRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def thread_for(self, chat_id: int, category: str) -> int | None:
        row = await self._session.get(StaffTopicRow, (chat_id, category))
        return row.thread_id if row is not None else None

    async def remember(self, chat_id: int, category: str, thread_id: int) -> None:
        statement = insert_for(self._session, StaffTopicRow).values(
            chat_id=chat_id, category=category, thread_id=thread_id
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["chat_id", "category"],
                set_={"thread_id": statement.excluded.thread_id},
            )
        )

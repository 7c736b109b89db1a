"""Per-chat settings of group chats (the staff chat's language)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialects import insert_for
from storage.models import ChatSettingsRow


class SqlChatSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def locale(self, chat_id: int) -> str | None:
        return await self._session.scalar(
            select(ChatSettingsRow.locale).where(ChatSettingsRow.chat_id == chat_id)
        )

    async def set_locale(self, chat_id: int, locale: str, at: datetime) -> None:
        statement = insert_for(self._session, ChatSettingsRow).values(
            chat_id=chat_id, locale=locale, updated_at=at
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["chat_id"], set_={"locale": locale, "updated_at": at}
            )
        )

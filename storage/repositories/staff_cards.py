"""Where a request's card stands in the staff chat: the message the first card row became."""

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxRow

STAFF_CARD_KIND = "staff_card"
_CARD_KEY = re.compile(r"card(\d+):")


async def card_message_id(session: AsyncSession, request_id: int) -> int | None:
    """The card is posted once and edited in place after; its id is on the first sent row."""
    return await session.scalar(
        select(OutboxRow.sent_message_id)
        .where(
            OutboxRow.kind == STAFF_CARD_KIND,
            OutboxRow.key.like(f"card{request_id}:%"),
            OutboxRow.sent_message_id.is_not(None),
        )
        .order_by(OutboxRow.id)
        .limit(1)
    )


class SqlStaffCardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def request_for_message(self, chat_id: int, message_id: int) -> int | None:
        """Which request a message in the staff chat is the card of (None: not a card)."""
        key = await self._session.scalar(
            select(OutboxRow.key)
            .where(
                OutboxRow.kind == STAFF_CARD_KIND,
                OutboxRow.chat_id == chat_id,
                OutboxRow.sent_message_id == message_id,
            )
            .limit(1)
        )
        found = _CARD_KEY.match(key) if key else None
        return int(found.group(1)) if found else None

"""Where a request's card stands in the staff chat: the message the newest card row became
(a card deleted by hand is posted anew, and the new message is the card from then on)."""

import re

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxRow

STAFF_CARD_KIND = "staff_card"
STAFF_NEWS_KIND = "staff_news"  # what the author added, told in reply to the card
_CARD_KEY = re.compile(r"(?:card|news)(\d+):")


async def card_message_id(session: AsyncSession, request_id: int) -> int | None:
    """The card is posted once and edited in place after; a card that was gone when edited
    was posted anew, so the newest sent row says where it is now."""
    return await session.scalar(
        select(OutboxRow.sent_message_id)
        .where(
            OutboxRow.kind == STAFF_CARD_KIND,
            OutboxRow.key.like(f"card{request_id}:%"),
            OutboxRow.sent_message_id.is_not(None),
        )
        .order_by(OutboxRow.id.desc())
        .limit(1)
    )


class SqlStaffCardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def request_for_message(self, chat_id: int, message_id: int) -> int | None:
        """Which request a message in the staff chat is the card of, or the news of the
        author's addition under it (None: neither): a reply to either answers the author."""
        key = await self._session.scalar(
            select(OutboxRow.key)
            .where(
                OutboxRow.kind.in_((STAFF_CARD_KIND, STAFF_NEWS_KIND)),
                OutboxRow.chat_id == chat_id,
                OutboxRow.sent_message_id == message_id,
            )
            .limit(1)
        )
        found = _CARD_KEY.match(key) if key else None
        return int(found.group(1)) if found else None

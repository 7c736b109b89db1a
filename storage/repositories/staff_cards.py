"""Which request a message in the staff chat belongs to (its card, or the author's news under
it). Where the card itself stands: storage/repositories/card_messages.py."""

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import CardState, NotificationStatus
from storage.models import OutboxRow
from storage.repositories.card_messages import card_message_id, card_state, rows_of

STAFF_CARD_KIND = "staff_card"
STAFF_NEWS_KIND = "staff_news"  # what the author added, told in reply to the card
_CARD_KEY = re.compile(r"(?:card|news)(\d+):")


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

    async def state(self, kind: str, card_key: str, chat_id: int) -> CardState:
        return await card_state(self._session, kind, card_key, chat_id)

    async def newest(
        self, kind: str, card_key: str, chat_id: int
    ) -> tuple[int, dict[str, Any]] | None:
        """The card's newest row that was not given up: what the card shows, or will."""
        row = (
            await self._session.execute(
                select(OutboxRow.id, OutboxRow.payload)
                .where(
                    OutboxRow.kind == kind,
                    OutboxRow.chat_id == chat_id,
                    rows_of(card_key),
                    OutboxRow.status != NotificationStatus.FAILED.value,
                )
                .order_by(OutboxRow.id.desc())
                .limit(1)
            )
        ).first()
        return (row.id, row.payload or {}) if row is not None else None

    async def message_id(self, kind: str, card_key: str, chat_id: int) -> int | None:
        return await card_message_id(self._session, kind, card_key, chat_id)

"""Where a request's card stands in the staff chat: the message the first card row became."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxRow

STAFF_CARD_KIND = "staff_card"


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

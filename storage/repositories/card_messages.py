"""Where a card stands in the staff chat: a request's, a booking's, a performer profile's,
an incident's.

A card is one message, posted by its first row and edited by the rows after it (the card's
own key, then ":<change>..." — as domain/booking/notices.py and domain/services/incidents.py
build them). The message to edit is the one the NEWEST sent row reached: a card deleted by
hand is posted anew by the next redraw, and from then on that new message is the card.
"""

from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications import CardState, NotificationStatus
from storage.models import OutboxRow


def rows_of(card_key: str) -> ColumnElement[bool]:
    # An incident's key holds the monitoring system's own id: LIKE's wildcards escaped.
    escaped = card_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(OutboxRow.key == card_key, OutboxRow.key.like(f"{escaped}:%", escape="\\"))


async def card_message_id(
    session: AsyncSession, kind: str, card_key: str, chat_id: int
) -> int | None:
    """The message the card's newest sent row reached (None: never posted in this chat)."""
    return await session.scalar(
        select(OutboxRow.sent_message_id)
        .where(
            OutboxRow.kind == kind,
            OutboxRow.chat_id == chat_id,
            rows_of(card_key),
            OutboxRow.sent_message_id.is_not(None),
        )
        .order_by(OutboxRow.id.desc())
        .limit(1)
    )


async def card_state(session: AsyncSession, kind: str, card_key: str, chat_id: int) -> CardState:
    rows = await session.execute(
        select(OutboxRow.sent_message_id, OutboxRow.payload)
        .where(OutboxRow.kind == kind, OutboxRow.chat_id == chat_id, rows_of(card_key))
        .order_by(OutboxRow.id.desc())
    )
    message_id: int | None = None
    by: str | None = None
    newest: dict[str, Any] | None = None
    for sent, payload in rows:
        newest = newest if newest is not None else (payload or {})
        message_id = message_id or sent
        by = by or _by(payload)
    return CardState(message_id, by, newest)


def _by(payload: dict[str, Any] | None) -> str | None:
    value = (payload or {}).get("by")
    return str(value) if value else None


async def drop_unposted(session: AsyncSession, kind: str, card_key: str) -> None:
    """Rows of a card staff never saw: nothing to redraw, so none of them is sent. Rows of a
    card already posted stay (one of them says why the card changed)."""
    posted = await session.scalar(
        select(OutboxRow.id)
        .where(OutboxRow.kind == kind, rows_of(card_key), OutboxRow.sent_message_id.is_not(None))
        .limit(1)
    )
    if posted is None:
        await session.execute(
            delete(OutboxRow).where(
                OutboxRow.kind == kind,
                OutboxRow.status == NotificationStatus.PENDING.value,
                rows_of(card_key),
            )
        )

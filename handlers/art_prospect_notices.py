"""What Art-prospect's notices (handlers/booking/notices.py, handlers/performers/notices.py)
share besides handlers/rendered_message.py: where a staff card stands, and in which thread.
They read through a unit of work they open themselves (the factory bot/outbox.py gives them).
"""

from collections.abc import Awaitable, Callable

from domain.notifications import CardState, Notification
from domain.unit_of_work import UnitOfWorkFactory

# (kind, the card's key, the row being rendered) → where that card stands in the row's chat
CardLookup = Callable[[str, str, Notification], Awaitable[CardState]]
CARD_THREAD: int | None = None  # the staff chat's main thread (or General topic)


def card_lookup(uows: UnitOfWorkFactory) -> CardLookup:
    """Where cards stand, read through a unit of work of their own."""

    async def lookup(kind: str, card_key: str, notification: Notification) -> CardState:
        async with uows() as uow:
            return await uow.cards.state(kind, card_key, notification.chat_id)

    return lookup

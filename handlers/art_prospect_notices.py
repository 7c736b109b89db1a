"""What Art-prospect's notices (handlers/booking/notices.py, handlers/performers/notices.py)
share: where they sign up for their kinds of rows, the staff chat's language, and where a
staff card stands. They read through a unit of work they open themselves (the factory
bot/outbox.py gives them); the message they make is handlers/rendered_message.py's.
"""

from collections.abc import Awaitable, Callable
from typing import Protocol

from domain.notifications import CardState, Notification
from domain.unit_of_work import UnitOfWorkFactory
from handlers.rendered_message import Renderer

ChatLocale = Callable[[int], Awaitable[str]]  # a group chat's id → its language now
# (kind, the card's key, the row being rendered) → where that card stands in the row's chat
CardLookup = Callable[[str, str, Notification], Awaitable[CardState]]
CARD_THREAD: int | None = None  # the staff chat's main thread (or General topic)


class NoticeKinds(Protocol):
    """Where a feature's renderers sign up for their kinds of rows (bot/renderers.py's
    NotificationRenderer), and learn the staff chat's language as set there."""

    def register(self, kind: str, render: Renderer) -> None: ...
    async def chat_locale(self, chat_id: int) -> str: ...


def staff_locale(locale: str) -> ChatLocale:
    """Every chat in one language: for renderers used without the notification renderer."""

    async def locale_of(_chat_id: int) -> str:
        return locale

    return locale_of


def card_lookup(uows: UnitOfWorkFactory) -> CardLookup:
    """Where cards stand, read through a unit of work of their own."""

    async def lookup(kind: str, card_key: str, notification: Notification) -> CardState:
        async with uows() as uow:
            return await uow.cards.state(kind, card_key, notification.chat_id)

    return lookup

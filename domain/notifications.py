"""A notification is a row in the durable outbox, written with the change that caused it.

Delivering it is a port: a `Sender` hands one notification to the messenger and says how
it went by returning the message id or raising one of the `DeliveryError`s below, so the
dispatcher decides retries without knowing which messenger (or library) is behind it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any, Protocol


class Priority(IntEnum):
    """Which queued messages go first when Telegram's pace is the bottleneck: lower first.
    Each chat still gets its own messages in the order they were written."""

    URGENT = 0  # outages, emergencies: minutes matter
    NORMAL = 1  # replies and status changes of one person's request
    DIGEST = 2  # summaries that may wait behind everything else


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up: the chat blocked the bot or the message can never be sent


@dataclass(frozen=True, slots=True)
class Notification:
    key: str  # unique: one change can never produce two rows
    chat_id: int
    kind: str
    payload: dict[str, Any]
    created_at: datetime
    status: NotificationStatus = NotificationStatus.PENDING
    attempts: int = 0
    # Not before this moment; for a claimed row it is the end of the claimer's lease.
    next_attempt_at: datetime | None = None
    sent_message_id: int | None = None
    id: int | None = field(default=None)
    priority: int = Priority.NORMAL  # a `Priority`; kept an int as it is stored


@dataclass(frozen=True, slots=True)
class ClaimedBatch:
    """What one dispatcher pass took from the outbox.

    `notifications` are leased to this pass: at most one per chat, the chat's oldest.
    `blocked` counts rows failed at once because their recipient had blocked the bot.
    """

    notifications: Sequence[Notification]
    blocked: int = 0


@dataclass(frozen=True, slots=True)
class CardState:
    """Where a card (one message edited at every change) stands in a chat, as its outbox rows
    tell: the message its newest sent row reached, who decided, what it will show."""

    message_id: int | None  # None: never posted in this chat
    by: str | None  # who decided, as the newest row that said so
    payload: dict[str, Any] | None = None  # the newest row's, sent or not: what it will show


class DeliveryError(Exception):
    """Why a notification was not delivered; the subclass decides what happens next."""


class RetryAfter(DeliveryError):
    """The messenger's flood control: try again after `seconds` (not the message's fault)."""

    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {seconds} s")
        self.seconds = seconds


class TemporaryFailure(DeliveryError):
    """A server error, a timeout, a broken connection: worth another try later."""


class RecipientBlocked(DeliveryError):
    """The person blocked the bot or deleted their account: stop writing to them."""


class PermanentFailure(DeliveryError):
    """The message can never be delivered as it is (chat not found, text too long...)."""


class Outdated(PermanentFailure):
    """Nothing to say any more: the state moved on before the row's turn (a reminder of a
    cancelled booking, a redraw of a card never posted). Dropped unsent, as intended."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"outdated: {reason}")


class Sender(Protocol):
    async def send(self, notification: Notification) -> int:
        """Deliver the notification and return the messenger's message id."""
        ...

"""A notification is a row in the durable outbox, written with the change that caused it."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


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
    next_attempt_at: datetime | None = None
    sent_message_id: int | None = None
    id: int | None = field(default=None)

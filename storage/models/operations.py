"""Machinery tables: the notification outbox, seen updates and FSM state."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.notifications import NotificationStatus
from storage.models.base import Base, one_of


class OutboxRow(Base):
    __tablename__ = "notification_outbox"
    __table_args__ = (
        CheckConstraint(one_of("status", NotificationStatus), name="status"),
        # The claim's order: the most urgent first, then the longest due (see claim()).
        Index(None, "status", "priority", "next_attempt_at"),
        # A chat's queue: "is an older message for this chat still waiting?" per claim.
        Index(None, "chat_id", "status", "due_at"),
        # A dead dispatcher's claims, released by a live one (see OutboxWorkerRow).
        Index(None, "claimed_by"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The dedupe key: one change can never produce two messages, even if retried.
    key: Mapped[str] = mapped_column(String(255), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    # domain.notifications.Priority: 0 urgent, 1 normal, 2 digest.
    priority: Mapped[int] = mapped_column(SmallInteger, server_default="1")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When to try next; while a dispatcher holds the row, the end of its lease.
    next_attempt_at: Mapped[datetime]
    # When the message was first meant to go: its fixed place in the chat's order (retries
    # move next_attempt_at, never this), and a row due later does not hold up the chat.
    due_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    sent_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The dispatcher process holding the row's lease (None: not claimed, or settled).
    claimed_by: Mapped[str | None] = mapped_column(String(32))


class OutboxWorkerRow(Base):
    """A dispatcher process alive: it beats every second or so. One whose beat has gone
    stale died (kill -9, a lost machine); a live one then makes its claims due at once
    instead of letting them wait out the lease."""

    __tablename__ = "outbox_workers"

    worker_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    heartbeat_at: Mapped[datetime]


class ProcessedUpdateRow(Base):
    """Telegram update ids already handled: a redelivered webhook must not act twice."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(index=True)


class FsmStateRow(Base):
    """aiogram's conversation state, one row per storage key.

    Key parts that aiogram leaves unset are stored as 0 / '' because primary key columns
    cannot be NULL (and NULLs would never collide in a unique constraint anyway).
    """

    __tablename__ = "fsm_states"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    thread_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    business_connection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    destiny: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    # NULL rather than {} for "no data" (none_as_null), so an emptied row is recognisable
    # in SQL on both backends (PostgreSQL's json type has no equality operator).
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    updated_at: Mapped[datetime]

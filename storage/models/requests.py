"""People and their requests: users, requests, photos, history, followers."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.requests import RequestChannel, RequestStatus
from storage.models.base import Base, one_of


class UserRow(Base):
    __tablename__ = "users"

    # Telegram user ids exceed 2**31, hence BigInteger; they are given, never generated.
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8))
    locale_chosen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    blocked_bot: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Shared only through Telegram's contact button, and only after consent (its version, time).
    phone: Mapped[str | None] = mapped_column(String(32))
    consent_version: Mapped[str | None] = mapped_column(String(16))
    consent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


_SLICE = ["department", "assignee_id", "channel"]
_OPEN = "status IN ('in_progress', 'need_info', 'new')"


class RequestRow(Base):
    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint(one_of("status", RequestStatus), name="status"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
        CheckConstraint(one_of("channel", RequestChannel), name="channel"),
        Index(None, "author_id", "created_at"),
        Index(None, "category", "status"),
        Index(None, "status", "deadline_at"),
        Index(None, "lat", "lon"),
        Index(None, "street_id", "house"),
        Index(None, "created_at"),
        Index(None, "department", "status"),
        # The public page's newest requests under any mix of its three filters: each mix is
        # a prefix of one of these, so the newest are read in id order, never sorted.
        Index(None, "district", "category", "status", "id"),
        Index(None, "category", "status", "id"),
        Index(None, "status", "district", "id"),
        Index(None, "resolved_at"),
        # The weekly report's worst-rated resolutions: the lowest marks first, few per period.
        Index(
            "ix_requests_rated",
            "rating",
            "resolved_at",
            sqlite_where=text("rating IS NOT NULL"),
            postgresql_where=text("rating IS NOT NULL"),
        ),
        # A department's request ids, to join its flow out (the closings' index) by hash.
        Index(None, "department", "id"),
        # The open requests, few among a million: overdue now, and the oldest open first.
        Index(
            "ix_requests_open_deadline",
            "deadline_at",
            postgresql_include=_SLICE,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
        Index(
            "ix_requests_open_created",
            "created_at",
            "id",
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )

    # The public number KZN-000123 is derived from this id.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Nullable: a person who asks to be forgotten leaves their requests behind, anonymised.
    author_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    category: Mapped[str] = mapped_column(ForeignKey("categories.code"))
    description: Mapped[str] = mapped_column(Text)
    place_label: Mapped[str] = mapped_column(String(512))
    district: Mapped[str | None] = mapped_column(String(64))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id", ondelete="SET NULL"))
    house: Mapped[str | None] = mapped_column(String(32))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deadline_at: Mapped[datetime]
    first_response_due_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    assignee_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    first_response_at: Mapped[datetime | None]
    # The time of the request's earliest "taken" event (the figures' "taken"), kept by the
    # repository's add_event: the history's min() read once, not per event of a period.
    first_taken_at: Mapped[datetime | None]
    # Whether it was ever reopened (resolved -> new in the history; the reopened share), kept
    # the same way.
    reopened: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL")
    )
    channel: Mapped[str] = mapped_column(String(16), server_default=RequestChannel.BOT.value)
    department: Mapped[str | None] = mapped_column(String(32))
    # A phone request's caller (domain Request.caller_phone): staff only, never published.
    caller_phone: Mapped[str | None] = mapped_column(String(32))
    # The author agreed that the public page and Open311 show the description (issue 17).
    # Changed only by set_description_public, never by save: a stale copy cannot undo it.
    description_public: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )

    photos: Mapped[list["RequestPhotoRow"]] = relationship(
        lazy="raise", order_by="RequestPhotoRow.position", passive_deletes=True
    )


class RequestPhotoRow(Base):
    __tablename__ = "request_photos"

    # The composite key is the unique (request_id, position): photos keep the order sent.
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(64))
    # Staff marked it publishable: the public pages and Open311 may show it (never otherwise).
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


_REOPEN = "kind = 'status_changed' AND from_status = 'resolved' AND to_status = 'new'"
_TAKEN = "kind = 'taken'"
# The moves to a closed status (the figures' flow out): a withdrawal or duplicate is a move, a
# resolution or rejection the answer that explains it; the same lists as the figures' query.
_CLOSING = (
    "kind IN ('status_changed', 'answer') "
    "AND to_status IN ('duplicate', 'rejected', 'resolved', 'withdrawn')"
)


class RequestEventRow(Base):
    __tablename__ = "request_events"
    __table_args__ = (
        Index(None, "request_id", "at"),
        Index(None, "kind", "at"),  # the figures: first taken, closed in a period
        # The figures' reopened share: a request's reopenings, few among all the history.
        Index(
            "ix_request_events_reopened",
            "request_id",
            sqlite_where=text(_REOPEN),
            postgresql_where=text(_REOPEN),
        ),
        # The figures' "first taken": a request's earliest taking is this index's first entry.
        Index(
            "ix_request_events_taken",
            "request_id",
            "at",
            sqlite_where=text(_TAKEN),
            postgresql_where=text(_TAKEN),
        ),
        # The figures' flow out by day: a period's closings read from this index alone.
        Index(
            "ix_request_events_closings",
            "at",
            postgresql_include=["request_id"],
            sqlite_where=text(_CLOSING),
            postgresql_where=text(_CLOSING),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(16))
    actor_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="SET NULL")
    )
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)


class RequestFollowerRow(Base):
    """Residents who joined someone else's request ("me too") and are told of its progress."""

    __tablename__ = "request_followers"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime]


class RequestDeadlineMarkRow(Base):
    """How far into its deadline a request's staff card was last drawn (domain/
    deadline_progress.DeadlineBand), and when it was escalated for being late: each band is
    crossed, and the escalation sent, once."""

    __tablename__ = "request_deadline_marks"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(SmallInteger)
    escalated_at: Mapped[datetime | None]

"""Alerts: outages, city events, saved addresses, subscriptions, preferences, fan-outs."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
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
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.alerts.events import EventCategory
from domain.alerts.fanout import Subject
from domain.alerts.outages import OutageKind, OutageStatus
from domain.alerts.subscriptions import EventDelivery, Scope
from storage.models.base import Base, one_of


class OutageRow(Base):
    __tablename__ = "outages"
    __table_args__ = (
        CheckConstraint(one_of("kind", OutageKind), name="kind"),
        CheckConstraint(one_of("status", OutageStatus), name="status"),
        # One row per outage of a source: publishing it again finds this row.
        UniqueConstraint("source", "source_id"),
        Index(None, "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    emergency: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    description: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str | None] = mapped_column(String(128))
    # Districts and streets (with house ranges) as JSON: an outage's area is read whole and
    # matched in Python ("what is off at my address?"); targeting turns it into SQL.
    area: Mapped[dict[str, Any]] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    end_revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    reminded_evening: Mapped[bool] = mapped_column(Boolean, server_default=false())
    reminded_hour: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CityEventRow(Base):
    __tablename__ = "city_events"
    __table_args__ = (
        CheckConstraint(one_of("category", EventCategory), name="category"),
        UniqueConstraint("source", "source_id"),
        Index(None, "created_at"),
        Index(None, "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(200))
    district: Mapped[str | None] = mapped_column(
        ForeignKey("districts.name_ru", ondelete="SET NULL", onupdate="CASCADE")
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    link: Mapped[str | None] = mapped_column(String(500))
    price: Mapped[str | None] = mapped_column(String(64))
    free: Mapped[bool] = mapped_column(Boolean, server_default=false())
    description: Mapped[str] = mapped_column(Text, server_default="")
    source: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str | None] = mapped_column(String(128))
    cancelled: Mapped[bool] = mapped_column(Boolean, server_default=false())
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SavedAddressRow(Base):
    __tablename__ = "saved_addresses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(200))
    street_id: Mapped[int | None] = mapped_column(ForeignKey("streets.id", ondelete="SET NULL"))
    house: Mapped[str | None] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(
        ForeignKey("districts.name_ru", ondelete="SET NULL", onupdate="CASCADE")
    )
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime]


# Key columns rather than INCLUDE: SQLite has no INCLUDE, and both use it the same way.
TARGETING_COLUMNS = (
    "topic",
    "user_id",
    "scope",
    "street_id",
    "house_number",
    "house",
    "district",
    "address_id",
)


class AlertSubscriptionRow(Base):
    """street_id, house_number, house and district are copied from the saved address (which
    never changes once saved) so that picking an outage's recipients reads one table through
    its indexes: a million subscriptions must answer in well under a second."""

    __tablename__ = "alert_subscriptions"
    __table_args__ = (
        CheckConstraint(one_of("scope", Scope), name="scope"),
        UniqueConstraint("user_id", "topic", "scope_key"),
        Index(None, "topic", "street_id", "house_number"),
        Index(None, "topic", "district", "user_id"),
        Index(None, "topic", "scope", "user_id"),
        # A large outage walks its recipients in user-id order, a batch at a time: this
        # index hands them over in that order and holds every column the match reads, so a
        # batch reads only the entries between two cursors (an index-only scan), instead of
        # collecting and sorting the outage's whole audience again for every batch.
        Index("ix_alert_subscriptions_targeting", *TARGETING_COLUMNS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))
    scope_key: Mapped[str] = mapped_column(String(80))
    address_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_addresses.id", ondelete="CASCADE"), index=True
    )
    district: Mapped[str | None] = mapped_column(String(64))
    street_id: Mapped[int | None] = mapped_column(Integer)
    house_number: Mapped[int | None] = mapped_column(Integer)
    house: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]


class AlertPreferencesRow(Base):
    """No row: the defaults (quiet 22:00-08:00, events at once)."""

    __tablename__ = "alert_preferences"
    __table_args__ = (
        CheckConstraint(one_of("events", EventDelivery), name="events"),
        Index(None, "events", "user_id"),
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # Minutes after midnight, city time; both NULL: no quiet hours.
    quiet_start: Mapped[int | None] = mapped_column(SmallInteger)
    quiet_end: Mapped[int | None] = mapped_column(SmallInteger)
    events: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime]


class FanoutRow(Base):
    __tablename__ = "alert_fanouts"
    __table_args__ = (
        CheckConstraint(one_of("subject", Subject), name="subject"),
        Index(None, "finished_at", "priority", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    subject: Mapped[str] = mapped_column(String(8))
    subject_id: Mapped[int] = mapped_column(Integer)
    phase: Mapped[str] = mapped_column(String(24))
    priority: Mapped[int] = mapped_column(SmallInteger)
    urgent: Mapped[bool] = mapped_column(Boolean)
    not_after: Mapped[datetime | None]
    cursor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    written: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]

"""Suspected outages from residents' reports, and answers to "is it back?"."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.alerts.crowd import SignalSource, SuspicionStatus
from domain.alerts.crowd_rules import SuspectKind
from storage.models.base import Base, one_of


class SuspicionRow(Base):
    __tablename__ = "suspected_outages"
    __table_args__ = (
        CheckConstraint(one_of("kind", SuspectKind), name="kind"),
        CheckConstraint(one_of("status", SuspicionStatus), name="status"),
        # One open suspicion per kind and street: two reports racing to gather the same
        # neighbours make one card, the second insert fails and its update is retried.
        Index(
            "uq_suspected_outages_open",
            "kind",
            "street_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    # Street ids as the register gives them, no foreign key: a reload of the register must
    # not take residents' reports with it (alert_subscriptions keep theirs the same way).
    street_id: Mapped[int] = mapped_column(Integer)
    district: Mapped[str | None] = mapped_column(String(64))
    houses: Mapped[list[str]] = mapped_column(JSON)
    street_wide: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(10))
    first_at: Mapped[datetime]
    last_at: Mapped[datetime]
    outage_id: Mapped[int | None] = mapped_column(ForeignKey("outages.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None]


class SignalRow(Base):
    """One resident saying a supply is off; loose (suspicion_id NULL) until it is gathered."""

    __tablename__ = "outage_signals"
    __table_args__ = (
        CheckConstraint(one_of("kind", SuspectKind), name="kind"),
        CheckConstraint(one_of("source", SignalSource), name="source"),
        Index(None, "kind", "street_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(10))
    street_id: Mapped[int] = mapped_column(Integer)
    house: Mapped[str | None] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(64))
    place_text: Mapped[str] = mapped_column(String(200))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"))
    declined_outage_id: Mapped[int | None] = mapped_column(Integer)
    suspicion_id: Mapped[int | None] = mapped_column(
        ForeignKey("suspected_outages.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class BackAnswerRow(Base):
    """One answer per person and outage (a changed answer replaces it)."""

    __tablename__ = "outage_back_answers"
    __table_args__ = (
        UniqueConstraint("outage_id", "user_id"),
        Index(None, "outage_id", "street_id", "house"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outage_id: Mapped[int] = mapped_column(ForeignKey("outages.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    street_id: Mapped[int] = mapped_column(Integer)
    house: Mapped[str] = mapped_column(String(32))
    back: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime]

"""Art-prospect: sites, performers, bookings, their claims and waiting lists."""

from datetime import datetime

from sqlalchemy import (
    JSON,
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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.booking.bookings import BookingStatus, ClaimKind
from domain.booking.performers import Genre, PerformerStatus
from storage.models.base import Base, one_of


class SiteRow(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ru: Mapped[str] = mapped_column(String(120))
    name_tt: Mapped[str | None] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(200))
    district: Mapped[str | None] = mapped_column(
        ForeignKey("districts.name_ru", ondelete="SET NULL", onupdate="CASCADE")
    )
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    photo: Mapped[str | None] = mapped_column(String(300))
    open_days: Mapped[str] = mapped_column(String(7))  # "0123456": Monday is 0
    open_from: Mapped[int] = mapped_column(SmallInteger)  # minutes after midnight, city time
    open_to: Mapped[int] = mapped_column(SmallInteger)
    slot_minutes: Mapped[int] = mapped_column(SmallInteger)
    buffer_minutes: Mapped[int] = mapped_column(SmallInteger)
    sound: Mapped[int] = mapped_column(SmallInteger)
    max_group: Mapped[int] = mapped_column(SmallInteger)
    equipment: Mapped[list[str]] = mapped_column(JSON)
    auto_approve: Mapped[bool] = mapped_column(Boolean, server_default=true())
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    defaults_note: Mapped[str] = mapped_column(Text, server_default="")
    # How close a performer's shared location must be to check in; None: the setting's default.
    check_in_radius_m: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PerformerRow(Base):
    __tablename__ = "performers"
    __table_args__ = (
        CheckConstraint(one_of("genre", Genre), name="genre"),
        CheckConstraint(one_of("status", PerformerStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    stage_name: Mapped[str] = mapped_column(String(60))
    genre: Mapped[str] = mapped_column(String(16))
    group_size: Mapped[int] = mapped_column(SmallInteger)
    sound: Mapped[int] = mapped_column(SmallInteger)
    equipment: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str] = mapped_column(Text, server_default="")
    links: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    suspended_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BookingRow(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(one_of("status", BookingStatus), name="status"),
        CheckConstraint("ends_at > starts_at", name="period"),
        Index(None, "site_id", "starts_at"),
        Index(None, "performer_id", "starts_at"),
        Index(None, "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="RESTRICT"))
    performer_id: Mapped[int] = mapped_column(ForeignKey("performers.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    offer_expires_at: Mapped[datetime | None] = mapped_column(index=True)
    reminded_day: Mapped[bool] = mapped_column(Boolean, server_default=false())
    reminded_hour: Mapped[bool] = mapped_column(Boolean, server_default=false())
    checked_in_at: Mapped[datetime | None]  # the performer's shared location was at the site
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class BookingClaimRow(Base):
    """The database's guard of the booking rules (see domain/booking/bookings.py): a claim
    is unique, so two bookings that need the same one can never both be stored."""

    __tablename__ = "booking_claims"
    __table_args__ = (
        CheckConstraint(one_of("kind", ClaimKind), name="kind"),
        UniqueConstraint("kind", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(80))


class WaitlistRow(Base):
    __tablename__ = "booking_waitlist"
    __table_args__ = (UniqueConstraint("site_id", "starts_at", "performer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    performer_id: Mapped[int] = mapped_column(
        ForeignKey("performers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]

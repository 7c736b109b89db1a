"""Reference data: districts, streets and problem categories."""

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base


class DistrictRow(Base):
    """One of Kazan's seven city districts; the Russian name is the natural key."""

    __tablename__ = "districts"

    name_ru: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_tt: Mapped[str] = mapped_column(String(64))
    name_en: Mapped[str] = mapped_column(String(64))
    centroid_lat: Mapped[float | None] = mapped_column(Float)
    centroid_lon: Mapped[float | None] = mapped_column(Float)
    # The boundary as a GeoJSON geometry object (text): read once at start-up, never queried.
    polygon_geojson: Mapped[str | None] = mapped_column(Text)


class StreetRow(Base):
    __tablename__ = "streets"
    __table_args__ = (UniqueConstraint("name", "type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128))
    type: Mapped[str] = mapped_column(String(32))
    name_tt: Mapped[str | None] = mapped_column(String(128))

    districts: Mapped[list["StreetDistrictRow"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )
    points: Mapped[list["StreetPointRow"]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class StreetDistrictRow(Base):
    """A long street crosses several districts, hence many-to-many."""

    __tablename__ = "street_districts"

    street_id: Mapped[int] = mapped_column(
        ForeignKey("streets.id", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(
        ForeignKey("districts.name_ru", ondelete="CASCADE", onupdate="CASCADE"),
        primary_key=True,
        index=True,
    )


class StreetPointRow(Base):
    """A point a register gives for a street: one house's (house "15") or the street's own
    (house ""), so typed addresses get coordinates (domain/address/geocode.py)."""

    __tablename__ = "street_points"

    street_id: Mapped[int] = mapped_column(
        ForeignKey("streets.id", ondelete="CASCADE"), primary_key=True
    )
    house: Mapped[str] = mapped_column(String(32), primary_key=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class CategoryRow(Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(128))
    name_tt: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    first_response_hours: Mapped[int] = mapped_column(Integer)
    resolution_working_days: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Categories are retired, never deleted: old requests still point at them.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ReferenceLoadRow(Base):
    """What the reference data files were when last loaded (a digest of their bytes, with
    the schema revision), so a restart with nothing new skips the migration work."""

    __tablename__ = "reference_loads"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime]


class ReferenceVersionRow(Base):
    """A number that moves with every change of a kind of reference data, so that each
    process may keep that data in memory and reload it only when the number moved
    (storage/category_cache.py). The database moves it itself: triggers on the table bump it
    in the same transaction as the change, whoever makes it (migration 0028)."""

    __tablename__ = "reference_versions"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)

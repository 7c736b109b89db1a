"""The public page's figures, kept up to date with each request (domain/public_figures.py):
sums over these few hundred rows replace a scan of every request per page view."""

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.requests import RequestStatus
from storage.models.base import Base, one_of


class PublicCountRow(Base):
    """How many requests are now in each (district, category, department, status)."""

    __tablename__ = "public_request_counts"
    __table_args__ = (
        CheckConstraint(one_of("status", RequestStatus), name="status"),
        CheckConstraint("requests >= 0 AND on_time >= 0 AND on_time <= requests", name="counts"),
    )

    # "" rather than NULL for none: key columns of a primary key cannot be NULL.
    district: Mapped[str] = mapped_column(String(64), primary_key=True)
    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    department: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)  # of them, resolved by the deadline


class ResponseTimeRow(Base):
    """How many answered requests had their first response in each bucket of minutes."""

    __tablename__ = "public_response_times"
    __table_args__ = (CheckConstraint("requests >= 0", name="requests"),)

    minutes: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    requests: Mapped[int] = mapped_column(Integer)

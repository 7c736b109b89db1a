"""The staff's figures kept up to date with each request (domain/kept_figures.py): `/stats`
and the weekly report sum these rows of a period instead of scanning its requests."""

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, Integer, PrimaryKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from domain.kept_figures import COUNT_NAMES, Facet, Grain
from storage.models.base import Base, one_of


class FigureDayCountRow(Base):
    """A day's counts (city time) of the requests one department, staff member and channel
    have now; "" no department, 0 nobody (key columns cannot be NULL)."""

    __tablename__ = "figure_day_counts"
    __table_args__ = (
        # PostgreSQL reads a period's rows from the key alone (index-only scans).
        PrimaryKeyConstraint(
            "day",
            "department",
            "assignee_id",
            "channel",
            postgresql_include=list(COUNT_NAMES),
        ),
    )

    day: Mapped[date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(32))
    assignee_id: Mapped[int] = mapped_column(BigInteger, autoincrement=False)
    channel: Mapped[str] = mapped_column(String(16))
    received: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    resolved_on_time: Mapped[int] = mapped_column(Integer, default=0)
    ever_resolved: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    rated: Mapped[int] = mapped_column(Integer, default=0)
    rating_sum: Mapped[int] = mapped_column(Integer, default=0)


class FigureResponseRow(Base):
    """How many requests filed in a day (or calendar month) had their first response in a
    bucket of minutes: per department, per staff member or per channel within it."""

    __tablename__ = "figure_response_times"
    __table_args__ = (
        CheckConstraint(one_of("grain", Grain), name="grain"),
        CheckConstraint(one_of("facet", Facet), name="facet"),
        PrimaryKeyConstraint(
            "grain",
            "period",
            "department",
            "facet",
            "key",
            "minutes",
            postgresql_include=["requests"],
        ),
    )

    grain: Mapped[str] = mapped_column(String(1))
    period: Mapped[date] = mapped_column(Date)
    department: Mapped[str] = mapped_column(String(32))
    facet: Mapped[str] = mapped_column(String(1))
    key: Mapped[str] = mapped_column(String(24))
    minutes: Mapped[int] = mapped_column(Integer, autoincrement=False)
    requests: Mapped[int] = mapped_column(Integer)

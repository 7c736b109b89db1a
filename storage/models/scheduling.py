"""Which period each scheduled job last ran for: the claim that makes a job run once across
processes (scheduler/exclusive.py)."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class ScheduledRunRow(Base):
    """One row per job. A process runs the job for a period only if it moved `period_start`
    forward; every other process, finding it already there, skips that period."""

    __tablename__ = "scheduled_runs"

    job_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_start: Mapped[datetime]
    claimed_by: Mapped[str] = mapped_column(String(32))  # the process, for the log reader
    claimed_at: Mapped[datetime]

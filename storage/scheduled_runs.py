"""The claim of one scheduled run: whoever first moves the job's period forward runs it."""

from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.types import UtcDateTime

# One statement, atomic on both backends. On PostgreSQL a second process claiming the same
# period at the same moment waits for the first's row lock, then sees the period already
# there and updates (and returns) nothing. An older period than the stored one never wins:
# a process running late cannot run a period another has already moved past.
_CLAIM = text(
    "INSERT INTO scheduled_runs (job_id, period_start, claimed_by, claimed_at)"
    " VALUES (:job_id, :period_start, :claimed_by, :claimed_at)"
    " ON CONFLICT (job_id) DO UPDATE SET period_start = excluded.period_start,"
    " claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at"
    " WHERE scheduled_runs.period_start < excluded.period_start"
    " RETURNING job_id"
).bindparams(
    bindparam("period_start", type_=UtcDateTime()),
    bindparam("claimed_at", type_=UtcDateTime()),
)


async def claim_run(
    session_factory: async_sessionmaker[AsyncSession],
    job_id: str,
    period_start: datetime,
    worker: str,
    now: datetime,
) -> bool:
    """True when this process is the one to run `job_id` for the period (committed)."""
    async with session_factory() as session:
        values = {"job_id": job_id, "period_start": period_start}
        values |= {"claimed_by": worker, "claimed_at": now}
        won = (await session.execute(_CLAIM, values)).first() is not None
        await session.commit()
    return won

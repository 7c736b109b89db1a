"""Each scheduled job runs once per period across all the bot's processes.

Every process starts the same APScheduler jobs; at a job's moment each of them asks the
database for the period (the job's period, counted from the Unix epoch in UTC: the minute,
the five minutes, the day, the week) and only the one whose claim moves the job's row
forward runs it (storage/scheduled_runs.py). The others skip that period.

Why a claim per period rather than a lock or an elected owner: a lock held while a job runs
keeps two runs apart but not two runs of the same period one after the other (a process a
few milliseconds late would run the morning list again); an elected owner needs a lease,
its renewal and a takeover delay. The claim needs neither: the triggers are cron times, the
same in every process, and a process that died after claiming loses only that period's run
— the jobs look for what is due, so the next period catches up. On SQLite (one process)
the claim is one cheap statement and always wins.
"""

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.scheduled_runs import claim_run

logger = logging.getLogger(__name__)
Job = Callable[..., Awaitable[Any]]
Now = Callable[[], datetime]


def period_start(moment: datetime, period: timedelta) -> datetime:
    """The start of the period `moment` falls in, periods counted from the epoch in UTC."""
    seconds = int(period.total_seconds())
    stamp = int(moment.timestamp())
    return datetime.fromtimestamp(stamp - stamp % seconds, UTC)


def once_per_period(
    job: Job,
    job_id: str,
    period: timedelta,
    session_factory: async_sessionmaker[AsyncSession],
    worker: str,
    now: Now | None = None,
) -> Job:
    """`job` wrapped so that across processes it runs at most once per `period`. The wall
    clock decides the period, not the application's clock: the scheduler fires by it."""
    wall = now or (lambda: datetime.now(UTC))

    async def run_if_claimed(**kwargs: Any) -> Any:
        moment = wall()
        start = period_start(moment, period)
        if not await claim_run(session_factory, job_id, start, worker, moment):
            logger.debug("%s for %s already run by another process", job_id, start)
            return None
        return await job(**kwargs)

    run_if_claimed.__name__ = getattr(job, "__name__", job_id)
    return run_if_claimed

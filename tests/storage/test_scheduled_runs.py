"""A scheduled job runs once per period, whichever process asks first (scheduler/exclusive.py),
on SQLite and PostgreSQL; on PostgreSQL also when the processes ask at the same moment."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.faq.library import FaqLibrary
from scheduler.exclusive import once_per_period, period_start
from scheduler.setup import create_scheduler
from storage.engine import create_engine, create_session_factory
from tests.storage.databases import truncate_all
from tests.storage.samples import NOW

MINUTE = timedelta(minutes=1)


class Moment:
    """The wall clock the claims read, moved by the test."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def test_periods_are_counted_from_the_epoch_in_utc() -> None:
    moment = datetime(2026, 12, 7, 9, 4, 59, 999_000, tzinfo=UTC)
    assert period_start(moment, MINUTE) == datetime(2026, 12, 7, 9, 4, tzinfo=UTC)
    assert period_start(moment, 5 * MINUTE) == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert period_start(moment, timedelta(days=1)) == datetime(2026, 12, 7, tzinfo=UTC)


async def test_two_processes_run_a_period_once_and_never_an_older_one(
    session_factory: async_sessionmaker[AsyncSession], db_url: str
) -> None:
    runs: list[str] = []
    moment = Moment(NOW.replace(second=0, microsecond=0))

    def job_of(process: str):  # type: ignore[no-untyped-def]
        async def job() -> None:
            runs.append(process)

        return job

    other_engine = create_engine(db_url)  # the other process: its own engine and pool
    try:
        first = once_per_period(job_of("a"), "tick", MINUTE, session_factory, "a", moment)
        other = create_session_factory(other_engine)
        second = once_per_period(job_of("b"), "tick", MINUTE, other, "b", moment)
        await first()
        moment.at += timedelta(seconds=0.5)  # the other process fires a moment later
        await second()
        assert runs == ["a"]
        moment.at += MINUTE
        await second()
        await first()
        assert runs == ["a", "b"]
        moment.at -= 2 * MINUTE  # a process running very late: that period is past
        await first()
        assert runs == ["a", "b"]
    finally:
        await other_engine.dispose()


@pytest.mark.postgres
async def test_processes_asking_at_the_same_moment_run_each_period_once(
    migrated_postgres: str,
) -> None:
    runs: list[tuple[str, datetime]] = []
    moment = Moment(NOW.replace(second=0, microsecond=0))
    engines = [create_engine(migrated_postgres) for _ in range(3)]
    try:
        await truncate_all(engines[0])
        racing = []
        for n, engine in enumerate(engines):

            async def job(process: str = f"p{n}") -> None:
                runs.append((process, moment.at))

            factory = create_session_factory(engine)
            racing.append(once_per_period(job, "race", MINUTE, factory, f"p{n}", moment))
        for _ in range(10):
            await asyncio.gather(*(run() for run in racing))
            moment.at += MINUTE
    finally:
        for engine in engines:
            await engine.dispose()
    periods = [at for _, at in runs]
    assert len(periods) == 10 and len(set(periods)) == 10


def test_every_job_but_the_faq_refresh_is_claimed_and_fires_on_cron_times(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Cron times are the same in every process, so the processes ask for the same period;
    the FAQ refresh keeps each process's own copy current, so every process runs it."""
    library = FaqLibrary.__new__(FaqLibrary)
    scheduler = create_scheduler(session_factory, FixedClock(NOW), faq=library, worker="a")
    for job in scheduler.get_jobs():
        claimed = job.func.__qualname__.startswith("once_per_period")
        assert claimed == (job.id != "refresh_faq"), job.id
        if claimed:
            assert isinstance(job.trigger, CronTrigger), job.id

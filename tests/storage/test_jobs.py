"""Scheduled jobs run directly against a migrated database."""

from datetime import timedelta

from domain.clock import FixedClock
from scheduler.jobs import prune_processed_updates
from scheduler.setup import create_scheduler
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW


async def test_prune_forgets_only_old_update_ids(session_factory) -> None:
    async with SqlUnitOfWork(session_factory) as uow:
        await uow.updates.claim(1, NOW - timedelta(days=8))
        await uow.updates.claim(2, NOW - timedelta(days=6))
        await uow.commit()
    assert await prune_processed_updates(session_factory, FixedClock(NOW)) == 1
    async with SqlUnitOfWork(session_factory) as uow:
        assert await uow.updates.claim(1, NOW)  # forgotten, so new again
        assert not await uow.updates.claim(2, NOW)


def test_scheduler_jobs_have_ids_and_safe_defaults(session_factory) -> None:
    scheduler = create_scheduler(session_factory, FixedClock(NOW))
    jobs = scheduler.get_jobs()
    assert [job.id for job in jobs] == [
        "prune_processed_updates",
        "escalate_unanswered",
        "overdue_morning_list",
    ]
    for job in jobs:
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time

"""Scheduled jobs run directly against a migrated database."""

from datetime import timedelta

from sqlalchemy import select, update

from domain.clock import FixedClock, SystemClock
from domain.notifications import Notification
from scheduler.jobs import prune_processed_updates
from scheduler.setup import create_scheduler
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW


async def test_prune_forgets_only_old_update_ids(session_factory) -> None:
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        await uow.updates.claim(1, NOW - timedelta(days=8))
        await uow.updates.claim(2, NOW - timedelta(days=6))
        await uow.commit()
    assert await prune_processed_updates(session_factory, FixedClock(NOW)) == 1
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        assert await uow.updates.claim(1, NOW)  # forgotten, so new again
        assert not await uow.updates.claim(2, NOW)


def test_scheduler_jobs_have_ids_and_safe_defaults(session_factory) -> None:
    scheduler = create_scheduler(session_factory, FixedClock(NOW))
    jobs = scheduler.get_jobs()
    assert [job.id for job in jobs] == [
        "prune_processed_updates",
        "escalate_unanswered",
        "overdue_morning_list",
        "watch_request_deadlines",
        "remind_planned_outages",
        "daily_event_digest",
        "weekly_event_digest",
        "remind_bookings",
        "expire_booking_offers",
        "record_no_shows",
    ]
    for job in jobs:
        assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time


async def test_prune_forgets_old_delivered_notices_but_keeps_staff_cards(session_factory) -> None:
    old = NOW - timedelta(days=31)
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        for key, kind, created in (
            ("req1:ev1:to1", "request_event", old),
            ("req1:ev2:to1", "request_event", NOW),
            ("card1:ev1", "staff_card", old),
            ("req1:ev3:to1", "request_event", old),  # stays pending: never dropped
        ):
            await uow.outbox.add(Notification(key, 1, kind, {}, created))
        await uow.commit()
    async with session_factory.begin() as session:
        await session.execute(
            update(OutboxRow).where(OutboxRow.key != "req1:ev3:to1").values(status="sent")
        )
    await prune_processed_updates(session_factory, FixedClock(NOW))
    async with session_factory() as session:
        keys = set(await session.scalars(select(OutboxRow.key)))
    assert keys == {"req1:ev2:to1", "card1:ev1", "req1:ev3:to1"}

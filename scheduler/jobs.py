"""Scheduled jobs: thin functions that open their own unit of work and call one use case.

They take plain arguments, so tests call them directly; state lives in the database, so a
restart or a second process changes nothing.
"""

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.alerts.subscriptions import EventDelivery
from domain.booking.bookings import BookingPolicy
from domain.clock import Clock
from domain.services.booking import expire_offers
from domain.services.booking_check_in import record_missed_check_ins
from domain.services.booking_views import send_booking_reminders
from domain.services.city_events import queue_digest_batch
from domain.services.deadline_bands import DeadlinePass, EscalationRecipients, watch_deadlines
from domain.services.deadlines_watch import announce_unanswered, post_overdue_list
from domain.services.housekeeping import forget_delivered_notices, forget_old_update_ids
from domain.services.outages import send_due_reminders
from domain.services.weekly_figures import post_weekly_reports
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)


async def prune_processed_updates(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> int:
    async with SqlUnitOfWork(session_factory, clock) as uow:
        removed = await forget_old_update_ids(uow, clock)
        notices = await forget_delivered_notices(uow, clock)
        await uow.commit()
    logger.info("forgot %d old update ids and %d delivered notices", removed, notices)
    return removed


async def escalate_unanswered(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, staff_chat_id: int | None
) -> int:
    """Requests nobody took within their first-response time, announced once each."""
    async with SqlUnitOfWork(session_factory, clock, staff_chat_id) as uow:
        added = await announce_unanswered(uow, clock)
        await uow.commit()
    return added


async def overdue_morning_list(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, staff_chat_id: int | None
) -> bool:
    async with SqlUnitOfWork(session_factory, clock, staff_chat_id) as uow:
        added = await post_overdue_list(uow, clock)
        await uow.commit()
    return added


async def watch_request_deadlines(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    staff_chat_id: int | None,
    recipients: EscalationRecipients,
) -> DeadlinePass:
    """Staff cards redrawn as requests cross 50 %, 90 %, 100 % of their deadline; the late
    ones escalated once (domain/services/deadline_bands.py)."""
    async with SqlUnitOfWork(session_factory, clock, staff_chat_id) as uow:
        done = await watch_deadlines(uow, clock, recipients)
        await uow.commit()
    if done.redrawn:
        logger.info("deadline bands: %d cards redrawn, %d escalated", done.redrawn, done.escalated)
    return done


async def remind_planned_outages(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> int:
    """The evening-before and hour-before reminders whose moment has come."""
    async with SqlUnitOfWork(session_factory, clock) as uow:
        reminded = await send_due_reminders(uow, clock)
        await uow.commit()
    if reminded:
        logger.info("reminders queued for %d planned outages", reminded)
    return reminded


async def send_event_digests(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, delivery: EventDelivery
) -> None:
    """One digest per person for the period, written batch by batch (idempotent keys)."""
    cursor: int | None = 0
    while cursor is not None:
        async with SqlUnitOfWork(session_factory, clock) as uow:
            cursor = await queue_digest_batch(uow, clock, delivery, cursor)


async def remind_bookings(session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    """Performers' reminders whose moment has come: 18:00 the day before, an hour before."""
    async with SqlUnitOfWork(session_factory, clock) as uow:
        reminded = await send_booking_reminders(uow, clock)
        await uow.commit()
    if reminded:
        logger.info("queued %d booking reminders", reminded)
    return reminded


async def expire_booking_offers(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    policy: BookingPolicy,
    staff_chat_id: int | None,
) -> int:
    """Offers of freed slots not taken in time pass to the next on the waiting list."""
    job = (expire_offers, "%d booking offers lapsed")
    return await _booking_pass(session_factory, clock, policy, staff_chat_id, *job)


async def record_no_shows(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    policy: BookingPolicy,
    staff_chat_id: int | None,
) -> int:
    """Confirmed bookings nobody checked in to in time: no-shows, their slots offered on."""
    job = (record_missed_check_ins, "%d bookings missed their check-in")
    return await _booking_pass(session_factory, clock, policy, staff_chat_id, *job)


async def _booking_pass(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    policy: BookingPolicy,
    staff_chat_id: int | None,
    step: Callable[[SqlUnitOfWork, Clock, BookingPolicy], Awaitable[int]],
    logged: str,
) -> int:
    """One booking use case in its own transaction (its cards go to the staff chat);
    `logged` says how many it changed, when it changed any."""
    async with SqlUnitOfWork(session_factory, clock, staff_chat_id) as uow:
        changed = await step(uow, clock, policy)
        await uow.commit()
    if changed:
        logger.info(logged, changed)
    return changed


async def weekly_figures(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, staff_chat_id: int | None
) -> int:
    """Monday morning: last week's figures to the main staff chat (the city's) and to each
    department's own chat (its own), once per chat and week (unique keys)."""
    async with SqlUnitOfWork(session_factory, clock, staff_chat_id) as uow:
        queued = await post_weekly_reports(uow, clock)
        await uow.commit()
    return queued

"""The in-process scheduler: jobs with ids, coalesced, one instance at a time, in Kazan time.

Every bot process starts the same jobs; each job's run for a period is claimed in the
database, so that with several processes it still runs once (scheduler/exclusive.py). The
triggers are cron times, so that every process fires at the same moments. Only the FAQ
refresh runs in every process: it keeps that process's own copy current.
"""

from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.alerts.subscriptions import EventDelivery
from domain.booking.bookings import BookingPolicy
from domain.clock import CITY_TZ, Clock
from domain.faq.library import FaqLibrary
from domain.requests import Request
from domain.services.deadline_bands import EscalationRecipients
from scheduler.exclusive import Job, once_per_period
from scheduler.faq_refresh import REFRESH_SECONDS, refresh_faq
from scheduler.jobs import (
    escalate_unanswered,
    expire_booking_offers,
    overdue_morning_list,
    prune_processed_updates,
    record_no_shows,
    remind_bookings,
    remind_planned_outages,
    send_event_digests,
    watch_request_deadlines,
    weekly_figures,
)
from scheduler.outbox_heartbeat import new_worker_id

MISFIRE_GRACE_S = 600
MINUTE, DAY = timedelta(minutes=1), timedelta(days=1)
DEFAULTS: dict[str, Any] = {
    "replace_existing": True,
    "coalesce": True,
    "max_instances": 1,
    "misfire_grace_time": MISFIRE_GRACE_S,
}


async def _nobody(_request: Request) -> list[int]:
    return []


def create_scheduler(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    staff_chat_id: int | None = None,
    booking_policy: BookingPolicy | None = None,
    faq: FaqLibrary | None = None,
    escalation_recipients: EscalationRecipients | None = None,
    worker: str | None = None,
) -> AsyncIOScheduler:
    """`booking_policy`: settings.booking_policy() (the defaults when not given); `faq`: the
    process's FAQ library, kept current (no refresh job without it); `escalation_recipients`:
    who hears of a late request directly (bot/escalation.py; without it, the staff chat);
    `worker`: this process's name in the run claims (a new one when not given)."""
    scheduler = AsyncIOScheduler(timezone=CITY_TZ)
    process = worker or new_worker_id()

    def once(job: Job, job_id: str, trigger: BaseTrigger, period: timedelta, **kw: Any) -> None:
        exclusive = once_per_period(job, job_id, period, session_factory, process)
        scheduler.add_job(exclusive, trigger, id=job_id, kwargs=kw, **DEFAULTS)

    plain = {"session_factory": session_factory, "clock": clock}
    staff = plain | {"staff_chat_id": staff_chat_id}
    every_minute = CronTrigger(minute="*", timezone=CITY_TZ)
    once(
        prune_processed_updates,
        "prune_processed_updates",
        CronTrigger(hour=4, minute=30, timezone=CITY_TZ),  # the quietest hour in the city
        DAY,
        **plain,
    )
    five_minutes = CronTrigger(minute="*/5", timezone=CITY_TZ)
    once(escalate_unanswered, "escalate_unanswered", five_minutes, 5 * MINUTE, **staff)
    morning = CronTrigger(hour=9, minute=0, timezone=CITY_TZ)
    once(overdue_morning_list, "overdue_morning_list", morning, DAY, **staff)
    once(
        watch_request_deadlines,
        "watch_request_deadlines",
        CronTrigger(minute=5, timezone=CITY_TZ),  # hourly; 00:05 sees the midnight deadlines
        timedelta(hours=1),
        **staff,
        recipients=escalation_recipients or _nobody,
    )
    # Monday 09:00: last week's figures, next to the morning's overdue list.
    once(
        weekly_figures,
        "weekly_figures",
        CronTrigger(day_of_week="mon", hour=9, minute=0, timezone=CITY_TZ),
        7 * DAY,
        **staff,
    )
    once(remind_planned_outages, "remind_planned_outages", every_minute, MINUTE, **plain)
    # After the default quiet hours end (08:00): digests are read over morning tea.
    once(
        send_event_digests,
        "daily_event_digest",
        CronTrigger(hour=9, minute=30, timezone=CITY_TZ),
        DAY,
        **plain,
        delivery=EventDelivery.DAILY,
    )
    once(
        send_event_digests,
        "weekly_event_digest",
        CronTrigger(day_of_week="mon", hour=9, minute=30, timezone=CITY_TZ),
        7 * DAY,
        **plain,
        delivery=EventDelivery.WEEKLY,
    )
    once(remind_bookings, "remind_bookings", every_minute, MINUTE, **plain)
    policy = booking_policy or BookingPolicy()
    # An offer lapses at most a minute late.
    once(
        expire_booking_offers,
        "expire_booking_offers",
        every_minute,
        MINUTE,
        **staff,
        policy=policy,
    )
    # A no-show is seen at most a minute late.
    once(record_no_shows, "record_no_shows", every_minute, MINUTE, **staff, policy=policy)
    if faq is not None:  # every process: each keeps its own copy of the FAQ current
        scheduler.add_job(
            refresh_faq,
            IntervalTrigger(seconds=REFRESH_SECONDS, timezone=CITY_TZ),
            id="refresh_faq",
            kwargs=plain | {"library": faq},
            **DEFAULTS,
        )
    return scheduler

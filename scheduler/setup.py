"""The in-process scheduler: jobs with ids, coalesced, one instance at a time, in Kazan time."""

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.alerts.subscriptions import EventDelivery
from domain.booking.bookings import BookingPolicy
from domain.clock import CITY_TZ, Clock
from domain.faq.library import FaqLibrary
from domain.requests import Request
from domain.services.deadline_bands import EscalationRecipients
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
)

MISFIRE_GRACE_S = 600


async def _nobody(_request: Request) -> list[int]:
    return []


def create_scheduler(
    session_factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    staff_chat_id: int | None = None,
    booking_policy: BookingPolicy | None = None,
    faq: FaqLibrary | None = None,
    escalation_recipients: EscalationRecipients | None = None,
) -> AsyncIOScheduler:
    """`booking_policy`: settings.booking_policy() (the defaults when not given); `faq`: the
    process's FAQ library, kept current (no refresh job without it); `escalation_recipients`:
    who hears of a late request directly (bot/escalation.py; without it, the staff chat)."""
    scheduler = AsyncIOScheduler(timezone=CITY_TZ)
    defaults = {
        "replace_existing": True,
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": MISFIRE_GRACE_S,
    }
    scheduler.add_job(
        prune_processed_updates,
        CronTrigger(hour=4, minute=30, timezone=CITY_TZ),  # the quietest hour in the city
        id="prune_processed_updates",
        kwargs={"session_factory": session_factory, "clock": clock},
        **defaults,
    )
    staff = {"session_factory": session_factory, "clock": clock, "staff_chat_id": staff_chat_id}
    scheduler.add_job(
        escalate_unanswered,
        IntervalTrigger(minutes=5, timezone=CITY_TZ),
        id="escalate_unanswered",
        kwargs=staff,
        **defaults,
    )
    scheduler.add_job(
        overdue_morning_list,
        CronTrigger(hour=9, minute=0, timezone=CITY_TZ),
        id="overdue_morning_list",
        kwargs=staff,
        **defaults,
    )
    scheduler.add_job(
        watch_request_deadlines,
        CronTrigger(minute=5, timezone=CITY_TZ),  # hourly; 00:05 sees the midnight deadlines
        id="watch_request_deadlines",
        kwargs=staff | {"recipients": escalation_recipients or _nobody},
        **defaults,
    )
    plain = {"session_factory": session_factory, "clock": clock}
    scheduler.add_job(
        remind_planned_outages,
        IntervalTrigger(minutes=1, timezone=CITY_TZ),
        id="remind_planned_outages",
        kwargs=plain,
        **defaults,
    )
    # After the default quiet hours end (08:00): digests are read over morning tea.
    scheduler.add_job(
        send_event_digests,
        CronTrigger(hour=9, minute=30, timezone=CITY_TZ),
        id="daily_event_digest",
        kwargs=plain | {"delivery": EventDelivery.DAILY},
        **defaults,
    )
    scheduler.add_job(
        send_event_digests,
        CronTrigger(day_of_week="mon", hour=9, minute=30, timezone=CITY_TZ),
        id="weekly_event_digest",
        kwargs=plain | {"delivery": EventDelivery.WEEKLY},
        **defaults,
    )
    scheduler.add_job(
        remind_bookings,
        IntervalTrigger(minutes=1, timezone=CITY_TZ),
        id="remind_bookings",
        kwargs=plain,
        **defaults,
    )
    policy = booking_policy or BookingPolicy()
    scheduler.add_job(
        expire_booking_offers,
        IntervalTrigger(minutes=1, timezone=CITY_TZ),  # an offer lapses at most a minute late
        id="expire_booking_offers",
        kwargs=staff | {"policy": policy},
        **defaults,
    )
    scheduler.add_job(
        record_no_shows,
        IntervalTrigger(minutes=1, timezone=CITY_TZ),  # a no-show is seen at most a minute late
        id="record_no_shows",
        kwargs=staff | {"policy": policy},
        **defaults,
    )
    if faq is not None:
        scheduler.add_job(
            refresh_faq,
            IntervalTrigger(seconds=REFRESH_SECONDS, timezone=CITY_TZ),
            id="refresh_faq",
            kwargs=plain | {"library": faq},
            **defaults,
        )
    return scheduler

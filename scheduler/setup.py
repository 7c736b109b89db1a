"""The in-process scheduler: jobs with ids, coalesced, one instance at a time, in Kazan time."""

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import CITY_TZ, Clock
from scheduler.jobs import prune_processed_updates

MISFIRE_GRACE_S = 600


def create_scheduler(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock
) -> AsyncIOScheduler:
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
    return scheduler

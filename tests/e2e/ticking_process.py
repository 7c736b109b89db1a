"""A process with one job fired every second, claimed per period (scheduler/exclusive.py):
each run it wins adds an outbox row keyed JOB:PERIOD:PROCESS. Prints how often the job
fired in this process. Used by tests/e2e/test_several_processes.py.

Run: python tests/e2e/ticking_process.py DATABASE_URL JOB PROCESS SECONDS
"""

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from apscheduler.schedulers.asyncio import AsyncIOScheduler  # noqa: E402
from apscheduler.triggers.cron import CronTrigger  # noqa: E402

from domain.clock import SystemClock  # noqa: E402
from domain.notifications import Notification  # noqa: E402
from scheduler.exclusive import once_per_period, period_start  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

SECOND = timedelta(seconds=1)


async def main(url: str, job: str, process: str, seconds: float) -> int:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    fired = 0

    async def tick() -> None:
        now = datetime.now(UTC)
        period = period_start(now, SECOND).strftime("%H%M%S")
        async with SqlUnitOfWork(factory, SystemClock()) as uow:
            await uow.outbox.add(Notification(f"{job}:{period}:{process}", 1, "test", {}, now))
            await uow.commit()

    claimed = once_per_period(tick, job, SECOND, factory, process)

    async def fire() -> None:
        nonlocal fired
        fired += 1
        await claimed()

    scheduler = AsyncIOScheduler()
    scheduler.add_job(fire, CronTrigger(second="*"), id=job, max_instances=1, coalesce=True)
    scheduler.start()
    await asyncio.sleep(seconds)
    scheduler.shutdown(wait=False)
    await engine.dispose()
    print(fired)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))))

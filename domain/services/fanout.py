"""Fan-out: turning a job into outbox rows, one batch of recipients per transaction.

The job's cursor (the last user id written) moves in the same commit as the batch's rows,
so a crash between batches resumes where it stopped and a crash inside one writes nothing.
"""

from datetime import datetime

from domain.alerts.fanout import FanoutJob, Recipient, Subject, end_revision, notification_for
from domain.alerts.outages import Phase, outdated
from domain.alerts.ports import AlertsUnitOfWork
from domain.clock import Clock

BATCH_SIZE = 1000


async def fan_out_batch(
    uow: AlertsUnitOfWork, clock: Clock, batch_size: int = BATCH_SIZE
) -> int | None:
    """Write one batch of the most urgent open job and commit; None when no job is open."""
    job = await uow.fanouts.next_open()
    if job is None:
        return None
    now = clock.now()
    recipients = await _recipients(uow, job, batch_size, now)
    notifications = [
        notification
        for recipient in recipients
        if (notification := notification_for(job, recipient, now)) is not None
    ]
    written = await uow.fanouts.write(notifications)
    cursor = recipients[-1].user_id if recipients else job.cursor
    finished = now if len(recipients) < batch_size else None
    await uow.fanouts.advance(job, cursor, written, finished)
    await uow.commit()
    return written


async def _recipients(
    uow: AlertsUnitOfWork, job: FanoutJob, limit: int, now: datetime
) -> list[Recipient]:
    if job.subject is Subject.OUTAGE:
        outage = await uow.outages.get(job.subject_id)
        if outage is None:
            return []
        stale = outdated(outage, Phase(job.phase), now, end_revision(job))
        if stale:
            return []  # the job finishes with nobody told
        return await uow.fanouts.outage_recipients(outage, job.cursor, limit)
    event = await uow.events.get(job.subject_id)
    if event is None:
        return []
    return await uow.fanouts.event_recipients(event, job.cursor, limit)

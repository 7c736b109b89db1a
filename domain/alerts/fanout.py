"""Fan-out: one published change becomes one message per affected person.

A `FanoutJob` is written in the same transaction as the change (an outage restored, an
event published). A worker then walks the recipients in batches of user ids straight from
SQL, writing outbox rows and moving the job's cursor in one transaction per batch, so a
crash repeats no batch and loses none; the outbox keys make a repeated row impossible.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from domain.alerts.outages import Outage, Phase
from domain.alerts.subscriptions import QuietHours, delivery_time
from domain.notifications import Notification, Priority

_END_REVISION = re.compile(r":e(\d+)$")
OUTAGE_ALERT = "outage_alert"
EVENT_ALERT = "event_alert"
EVENT_DIGEST = "event_digest"


class Subject(StrEnum):
    OUTAGE = "outage"
    EVENT = "event"


class EventPhase(StrEnum):
    PUBLISHED = "published"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class FanoutJob:
    key: str  # unique: the same change never fans out twice
    subject: Subject
    subject_id: int
    phase: str  # a Phase for outages, an EventPhase for events
    priority: int
    urgent: bool  # goes through quiet hours
    created_at: datetime
    not_after: datetime | None = None  # a reminder is pointless once the outage began
    cursor: int = 0  # the last user id written
    written: int = 0
    finished_at: datetime | None = None
    id: int | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    quiet: QuietHours | None
    address_id: int | None = None  # the saved address that matched (for its label)


def outage_job(outage: Outage, phase: Phase, now: datetime) -> FanoutJob:
    """Emergencies (and their new end times) cut through quiet hours; nothing else does."""
    assert outage.id is not None
    urgent = outage.emergency and phase in (Phase.ANNOUNCED, Phase.END_CHANGED)
    suffix = {
        Phase.END_CHANGED: f":e{outage.end_revision}",
        Phase.START_CHANGED: f":r{outage.revision}",
        Phase.REMINDER_EVENING: f":s{outage.starts_at.isoformat()}",
        Phase.REMINDER_HOUR: f":s{outage.starts_at.isoformat()}",
    }.get(phase, "")
    reminder = phase in (Phase.REMINDER_EVENING, Phase.REMINDER_HOUR)
    return FanoutJob(
        key=f"outage:{outage.id}:{phase.value}{suffix}",
        subject=Subject.OUTAGE,
        subject_id=outage.id,
        phase=phase.value,
        priority=Priority.URGENT if urgent else Priority.NORMAL,
        urgent=urgent,
        created_at=now,
        not_after=outage.starts_at if reminder else None,
    )


def event_job(event_id: int, phase: EventPhase, now: datetime) -> FanoutJob:
    return FanoutJob(
        key=f"event:{event_id}:{phase.value}",
        subject=Subject.EVENT,
        subject_id=event_id,
        phase=phase.value,
        priority=Priority.NORMAL,
        urgent=False,
        created_at=now,
    )


def end_revision(job: FanoutJob) -> int | None:
    """The end-time revision an END_CHANGED job announces (its key ends in ":e<n>")."""
    found = _END_REVISION.search(job.key)
    return int(found.group(1)) if found else None


def notification_for(job: FanoutJob, recipient: Recipient, now: datetime) -> Notification | None:
    """The recipient's row, due when their quiet hours allow; None when by then it would be
    pointless (a reminder that would arrive after the outage began)."""
    due = delivery_time(now, recipient.quiet, job.urgent)
    if job.not_after is not None and due >= job.not_after:
        return None
    kind = OUTAGE_ALERT if job.subject is Subject.OUTAGE else EVENT_ALERT
    payload: dict[str, object] = {job.subject.value + "_id": job.subject_id, "phase": job.phase}
    if recipient.address_id is not None:
        payload["address_id"] = recipient.address_id
    if (revision := end_revision(job)) is not None:
        payload["end_revision"] = revision
    return Notification(
        key=f"{job.key}:to{recipient.user_id}",
        chat_id=recipient.user_id,
        kind=kind,
        payload=payload,
        created_at=now,
        next_attempt_at=due,
        priority=job.priority,
    )


def joined_late(
    outage: Outage, user_id: int, address_id: int | None, now: datetime
) -> Notification:
    """The announcement of an outage already on (or announced) for someone who has just begun
    to follow it there: due at once whatever the hour, as they are looking at the bot now.
    Its key is the one the announcement's fan-out would have given them, so nobody hears of
    one outage twice (followed at two addresses, or told already while following the district).
    """
    job = replace(outage_job(outage, Phase.ANNOUNCED, now), urgent=True, priority=Priority.URGENT)
    notification = notification_for(job, Recipient(user_id, None, address_id), now)
    assert notification is not None  # an announcement has no `not_after`
    return notification

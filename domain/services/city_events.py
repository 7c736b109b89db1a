"""City event use cases: publish and update (instant subscribers hear at once), and the
daily or weekly digest for everyone else."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from domain.alerts.events import CityEvent, check_event
from domain.alerts.fanout import EVENT_DIGEST, EventPhase, Recipient, event_job
from domain.alerts.ports import AlertsUnitOfWork
from domain.alerts.subscriptions import (
    EventDelivery,
    Scope,
    Subscription,
    delivery_time,
    event_topic,
)
from domain.clock import CITY_TZ, Clock
from domain.errors import NotFound
from domain.notifications import Notification, Priority

DIGEST_PERIODS = {EventDelivery.DAILY: timedelta(days=1), EventDelivery.WEEKLY: timedelta(days=7)}
MAX_DIGEST_EVENTS = 15  # a longer list is not read; the rest is a link away


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    event: CityEvent
    created: bool


async def publish_event(uow: AlertsUnitOfWork, clock: Clock, event: CityEvent) -> PublishedEvent:
    """A new event goes to instant subscribers; the same source id again updates it quietly
    (a cancellation is told to those who heard of it)."""
    check_event(event)
    now = clock.now()
    if event.source_id is not None:
        existing = await uow.events.by_source(event.source, event.source_id)
        if existing is not None:
            updated = replace(event, id=existing.id, created_at=existing.created_at)
            return PublishedEvent(await _store(uow, existing, updated, now), created=False)
    stored = await uow.events.add(replace(event, created_at=now, updated_at=now))
    assert stored.id is not None
    if stored.upcoming(now):
        await uow.fanouts.add(event_job(stored.id, EventPhase.PUBLISHED, now))
    return PublishedEvent(stored, created=True)


async def update_event(
    uow: AlertsUnitOfWork, clock: Clock, event_id: int, changes: dict[str, Any]
) -> CityEvent:
    existing = await uow.events.get(event_id, for_update=True)
    if existing is None:
        raise NotFound(f"event {event_id}")
    updated = replace(existing, **changes)
    check_event(updated)
    return await _store(uow, existing, updated, clock.now())


async def _store(
    uow: AlertsUnitOfWork, before: CityEvent, after: CityEvent, now: datetime
) -> CityEvent:
    if replace(after, updated_at=before.updated_at) == before:
        return before
    after = replace(after, updated_at=now)
    await uow.events.save(after)
    if after.cancelled and not before.cancelled and after.id is not None:
        await uow.fanouts.add(event_job(after.id, EventPhase.CANCELLED, now))
    return after


def digest_events(events: list[CityEvent], subscriptions: list[Subscription]) -> list[CityEvent]:
    """The period's events a person follows, soonest first."""
    wanted = [
        event
        for event in events
        if any(_follows(subscription, event) for subscription in subscriptions)
    ]
    return sorted(wanted, key=lambda e: (e.starts_at, e.id or 0))[:MAX_DIGEST_EVENTS]


def _follows(subscription: Subscription, event: CityEvent) -> bool:
    if subscription.topic != event_topic(event.category):
        return False
    return subscription.scope is Scope.CITY or subscription.district == event.district


async def queue_digest_batch(
    uow: AlertsUnitOfWork,
    clock: Clock,
    delivery: EventDelivery,
    after: int,
    limit: int = 500,
) -> int | None:
    """One batch of `delivery` digests (one message per person per period, keyed by the
    day it goes), committed; returns the cursor for the next batch, None when done."""
    now = clock.now()
    period = DIGEST_PERIODS[delivery]
    events = await uow.events.published_between(now - period, now)
    batch = await uow.fanouts.digest_batch(delivery, after, limit)
    if events:
        day = now.astimezone(CITY_TZ).date().isoformat()
        rows = [
            _digest(recipient, wanted, delivery, day, now)
            for recipient, subscriptions in batch
            if (wanted := digest_events(events, subscriptions))
        ]
        await uow.fanouts.write(rows)
        await uow.commit()
    if len(batch) < limit:
        return None
    return batch[-1][0].user_id


def _digest(
    recipient: Recipient, events: list[CityEvent], delivery: EventDelivery, day: str, now: datetime
) -> Notification:
    return Notification(
        key=f"digest:{delivery.value}:{day}:to{recipient.user_id}",
        chat_id=recipient.user_id,
        kind=EVENT_DIGEST,
        payload={"event_ids": [e.id for e in events], "period": delivery.value},
        created_at=now,
        next_attempt_at=delivery_time(now, recipient.quiet, urgent=False),
        priority=Priority.DIGEST,
    )

"""In-memory alert ports (domain/alerts/ports.py) for the residents' side of alerts:
addresses, subscriptions, preferences, outages, and the fan-out's writes to the outbox.

Whom a fan-out reaches is a query of storage (tests/storage cover it); these fakes refuse
it loudly rather than guess."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from domain.address.model import Street
from domain.alerts.events import CityEvent
from domain.alerts.fanout import FanoutJob, Recipient
from domain.alerts.outages import Outage, OutageKind
from domain.alerts.subscriptions import (
    AlertPreferences,
    EventDelivery,
    SavedAddress,
    Scope,
    Subscription,
)
from domain.errors import NotFound
from domain.notifications import Notification
from tests.unit.fakes import FakeOutbox, FakeStreets, FakeTransaction


class FakeSubscriptions:
    def __init__(self) -> None:
        self.addresses_by_id: dict[int, SavedAddress] = {}
        self.rows: dict[int, Subscription] = {}
        self.prefs: dict[int, AlertPreferences] = {}
        self._next_address = self._next_subscription = 1

    async def add_address(self, address: SavedAddress) -> SavedAddress:
        assert address.id is None, "add_address() takes a new address"
        saved = replace(address, id=self._next_address)
        self._next_address += 1
        self.addresses_by_id[saved.id] = saved  # type: ignore[index]
        return saved

    async def addresses(self, user_id: int) -> list[SavedAddress]:
        return [a for _, a in sorted(self.addresses_by_id.items()) if a.user_id == user_id]

    async def address(self, user_id: int, address_id: int) -> SavedAddress | None:
        found = self.addresses_by_id.get(address_id)
        return found if found is not None and found.user_id == user_id else None

    async def count_addresses(self, user_id: int) -> int:
        return len(await self.addresses(user_id))

    async def remove_address(self, user_id: int, address_id: int) -> None:
        """Its subscriptions go with it."""
        if await self.address(user_id, address_id) is None:
            raise NotFound(f"address {address_id} of {user_id}")
        del self.addresses_by_id[address_id]
        self.rows = {i: s for i, s in self.rows.items() if s.address_id != address_id}

    async def subscribe(
        self, subscription: Subscription, address: SavedAddress | None, at: datetime
    ) -> bool:
        """False when the person already follows this topic there."""
        if subscription.scope is Scope.ADDRESS:
            assert address is not None and address.id == subscription.address_id
            assert address.id in self.addresses_by_id, "subscription to an unknown address"
        same = (subscription.user_id, subscription.topic, subscription.scope_key)
        if any((s.user_id, s.topic, s.scope_key) == same for s in self.rows.values()):
            return False
        self.rows[self._next_subscription] = replace(subscription, id=self._next_subscription)
        self._next_subscription += 1
        return True

    async def subscriptions(self, user_id: int) -> list[Subscription]:
        theirs = [s for s in self.rows.values() if s.user_id == user_id]
        return sorted(theirs, key=lambda s: (s.topic, s.id or 0))

    async def unsubscribe(self, user_id: int, subscription_id: int) -> bool:
        found = self.rows.get(subscription_id)
        if found is None or found.user_id != user_id:
            return False
        del self.rows[subscription_id]
        return True

    async def unsubscribe_topic(self, user_id: int, topic: str) -> int:
        gone = [i for i, s in self.rows.items() if s.user_id == user_id and s.topic == topic]
        for subscription_id in gone:
            del self.rows[subscription_id]
        return len(gone)

    async def preferences(self, user_id: int) -> AlertPreferences:
        return self.prefs.get(user_id, AlertPreferences())

    async def set_preferences(
        self, user_id: int, preferences: AlertPreferences, at: datetime
    ) -> None:
        self.prefs[user_id] = preferences


class FakeOutages:
    def __init__(self) -> None:
        self.rows: dict[int, Outage] = {}

    async def add(self, outage: Outage) -> Outage:
        assert outage.id is None, "add() takes a new outage"
        saved = replace(outage, id=max(self.rows, default=0) + 1)
        self.rows[saved.id] = saved  # type: ignore[index]
        return saved

    async def get(self, outage_id: int, *, for_update: bool = False) -> Outage | None:
        return self.rows.get(outage_id)

    async def by_source(self, source: str, source_id: str) -> Outage | None:
        return next(
            (o for o in self.rows.values() if (o.source, o.source_id) == (source, source_id)),
            None,
        )

    async def save(self, outage: Outage) -> None:
        assert outage.id in self.rows, "update of an unknown outage"
        self.rows[outage.id] = outage  # type: ignore[index]

    async def unfinished(self, kind: OutageKind | None = None) -> list[Outage]:
        found = [o for o in self.rows.values() if not o.final and kind in (None, o.kind)]
        return sorted(found, key=lambda o: (o.starts_at, o.id or 0))

    async def needing_reminders(self, now: datetime) -> list[Outage]:
        raise AssertionError("no reminders expected (scheduler tests cover them)")

    async def drop_unsent(self, outage_id: int) -> int:
        raise AssertionError("no unsent alerts to drop expected")


class FakeEvents:
    def __init__(self) -> None:
        self.rows: dict[int, CityEvent] = {}

    async def add(self, event: CityEvent) -> CityEvent:
        assert event.id is None, "add() takes a new event"
        saved = replace(event, id=max(self.rows, default=0) + 1)
        self.rows[saved.id] = saved  # type: ignore[index]
        return saved

    async def get(self, event_id: int, *, for_update: bool = False) -> CityEvent | None:
        return self.rows.get(event_id)

    async def by_source(self, source: str, source_id: str) -> CityEvent | None:
        return next(
            (e for e in self.rows.values() if (e.source, e.source_id) == (source, source_id)),
            None,
        )

    async def save(self, event: CityEvent) -> None:
        assert event.id in self.rows, "update of an unknown event"
        self.rows[event.id] = event  # type: ignore[index]

    async def published_between(self, since: datetime, until: datetime) -> list[CityEvent]:
        raise AssertionError("no digests expected (scheduler tests cover them)")


class FakeFanouts:
    """Jobs are kept; writes go to the outbox the fanouts share with the unit of work."""

    def __init__(self, outbox: FakeOutbox) -> None:
        self.outbox = outbox
        self.jobs: dict[str, FanoutJob] = {}

    async def add(self, job: FanoutJob) -> bool:
        if job.key in self.jobs:
            return False
        self.jobs[job.key] = replace(job, id=len(self.jobs) + 1)
        return True

    async def next_open(self) -> FanoutJob | None:
        open_jobs = [j for j in self.jobs.values() if j.finished_at is None]
        return min(open_jobs, key=lambda j: (j.priority, j.id or 0), default=None)

    async def advance(
        self, job: FanoutJob, cursor: int, written: int, done_at: datetime | None
    ) -> None:
        self.jobs[job.key] = replace(
            job, cursor=cursor, written=job.written + written, finished_at=done_at
        )

    async def outage_recipients(self, outage: Outage, after: int, limit: int) -> list[Recipient]:
        raise AssertionError("whom a fan-out reaches is storage's query")

    async def event_recipients(self, event: CityEvent, after: int, limit: int) -> list[Recipient]:
        raise AssertionError("whom a fan-out reaches is storage's query")

    async def digest_batch(
        self, delivery: EventDelivery, after: int, limit: int
    ) -> list[tuple[Recipient, list[Subscription]]]:
        raise AssertionError("whom a digest reaches is storage's query")

    async def write(self, notifications: Sequence[Notification]) -> int:
        """Keys already in the outbox are skipped; returns how many rows are new."""
        return sum([await self.outbox.add(n) for n in notifications])


class FakeAlertsUnitOfWork(FakeTransaction):
    def __init__(self, streets: Sequence[Street] = ()) -> None:
        self.outbox = FakeOutbox()
        self.outages = FakeOutages()
        self.events = FakeEvents()
        self.subscriptions = FakeSubscriptions()
        self.fanouts = FakeFanouts(self.outbox)
        self.streets = FakeStreets(streets)

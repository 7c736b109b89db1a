"""Shared set-up of the broadcast benchmarks: residents of one district in the stand-in and
in the database, subscribed to its outages, and the outbox measured from outside."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.alerts.outages import OutageArea, OutageDraft, OutageKind
from domain.clock import SystemClock
from domain.notifications import Priority
from domain.services import outages, subscriptions
from domain.users import User
from sandbox import BotApiStandIn
from sandbox.events import EventKind, WorldEvent
from sandbox.people import add_person
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork

CLOCK = SystemClock()
DISTRICT = "Вахитовский"
CHUNK = 500  # residents written per transaction while setting up


class Arrivals:
    """What reached people in the stand-in's world, per chat, and when."""

    def __init__(self, stand_in: BotApiStandIn) -> None:
        self.per_chat: Counter[int] = Counter()
        self.times: list[float] = []
        self._stand_in = stand_in
        stand_in.world.events.subscribe(self._on_event)

    def _on_event(self, event: WorldEvent) -> None:
        if event.kind is EventKind.MESSAGE_SENT:
            self.per_chat[event.chat_id] += 1
            self.times.append(time.monotonic())

    def too_many_requests(self) -> int:
        return sum(1 for call in self._stand_in.calls if "Too Many" in (call.error or ""))


def residents(stand_in: BotApiStandIn, count: int) -> list[int]:
    return [add_person(stand_in.world, f"Житель {i}").id for i in range(count)]


async def subscribe(factory: async_sessionmaker[AsyncSession], people: Sequence[int]) -> None:
    """Each a user of the bot following the district's outages, through the use case."""
    for start in range(0, len(people), CHUNK):
        async with SqlUnitOfWork(factory, CLOCK) as uow:
            for person in people[start : start + CHUNK]:
                await uow.users.add(User(person, "Житель", "ru", CLOCK.now()))
                await subscriptions.follow_outages_in_district(
                    uow, CLOCK, person, DISTRICT, [OutageKind.COLD_WATER]
                )
            await uow.commit()


async def publish_outage(factory: async_sessionmaker[AsyncSession]) -> None:
    draft = OutageDraft(
        kind=OutageKind.COLD_WATER,
        emergency=True,
        area=OutageArea(districts=(DISTRICT,)),
        starts_at=CLOCK.now(),
        ends_at=CLOCK.now() + timedelta(hours=4),
        description="Авария на водоводе: холодной воды нет во всём районе",
        source="bench",
    )
    async with SqlUnitOfWork(factory, CLOCK) as uow:
        await outages.publish_outage(uow, CLOCK, draft)
        await uow.commit()


async def seed_rows(engine: AsyncEngine, people: Sequence[int]) -> None:
    """The outbox rows a fan-out would write, inserted directly (the ceiling's set-up)."""
    now = CLOCK.now()
    rows = [
        {
            "key": f"bench:outage:{person}",
            "chat_id": person,
            "kind": "bench",
            "payload": {"text": "Авария на водоводе: холодной воды нет во всём районе"},
            "status": "pending",
            "attempts": 0,
            "priority": Priority.URGENT,
            "next_attempt_at": now,
            "due_at": now,
            "created_at": now,
        }
        for person in people
    ]
    async with engine.begin() as connection:
        for start in range(0, len(rows), CHUNK):
            await connection.execute(insert(OutboxRow), rows[start : start + CHUNK])


async def pending(factory: async_sessionmaker[AsyncSession]) -> int:
    async with factory() as session:
        query = select(func.count()).where(OutboxRow.status == "pending")
        return int(await session.scalar(query) or 0)

"""Simultaneous bookings: exactly as many succeed as the rules allow, the rest are refused
with the rule's reason, and nothing else escapes — on SQLite and on PostgreSQL.

Every attempt is its own unit of work (its own session and connection), started together
behind a barrier. `book()` never reads other bookings: the only guard against a double
booking is the unique (kind, key) of booking_claims, so these races test the database's
constraint itself; the last tests write around the domain to show it alone refuses.
"""

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as day_time

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as sqlalchemy_async_engine

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingRefused,
    BookingStatus,
    Claim,
    ClaimKind,
    Refusal,
    fixed_claims,
    week_tokens,
)
from domain.booking.sites import Site
from domain.clock import FixedClock
from domain.services.booking import book
from storage.engine import SQLITE_POOL_SIZE, async_url, create_session_factory
from storage.models import BookingClaimRow
from storage.uow import SqlUnitOfWork
from tests.storage.booking_samples import (
    TOMORROW,
    add_performers,
    add_sites,
    at,
    make_site,
    stored_bookings,
    stored_claims,
)

ATTEMPTS = 100
POLICY = BookingPolicy()  # the defaults: 3 a week, one per site per day
# PostgreSQL refuses connections past max_connections (100 by default) and other sessions
# may hold some: the race leaves this many free and queues the rest of its attempts.
POSTGRES_SPARE_CONNECTIONS = 10
SQLITE_POOL = SQLITE_POOL_SIZE  # storage.engine.create_engine's pool (no overflow)

Attempt = Callable[[SqlUnitOfWork], Awaitable[Booking]]


@dataclass
class Race:
    backend: str
    pool: int
    booked: list[Booking] = field(default_factory=list)
    refused: Counter[Refusal] = field(default_factory=Counter)
    errors: list[BaseException] = field(default_factory=list)
    seconds: float = 0.0

    def report(self, what: str) -> str:
        refusals = ", ".join(f"{count} {reason}" for reason, count in self.refused.items())
        return (
            f"\n{self.backend}: {what}: {len(self.booked)} booked, refused: {refusals or '-'},"
            f" {len(self.errors)} errors, {self.seconds:.2f} s wall,"
            f" {self.pool} connections"
        )


@dataclass(frozen=True, slots=True)
class Arena:
    factory: async_sessionmaker[AsyncSession]
    connections: int  # how many attempts can be in the database at the same moment


@pytest.fixture
async def arena(db_url: str, engine: AsyncEngine) -> AsyncIterator[Arena]:
    """Where the attempts race: the project's own engine on SQLite, a wide pool on PostgreSQL.

    SQLite has one writer at a time and no queue for the rest: a waiting connection polls
    (busy_timeout) with sleeps growing to 100 ms, so the more connections wait, the longer
    the lock lies idle between them. The project's pool (5, no overflow) is what queues
    writers fairly in the process, so SQLite races through exactly that pool; the other
    95 attempts wait for a connection. (With 100 connections the same race takes 2-5 s
    and an unlucky writer can wait past the 5 s busy_timeout: "database is locked".)

    PostgreSQL takes concurrent writers for real, so every attempt should hold its own
    connection at once: the project's pool would turn the race into a queue. The pool gets
    as many as the server's max_connections leaves free (all 100 on an idle server).
    `engine` is requested first because on PostgreSQL it empties the tables.
    """
    if async_url(db_url).get_backend_name() == "sqlite":
        racing, size = engine, SQLITE_POOL
    else:
        size = min(ATTEMPTS, await _free_postgres_connections(engine))
        racing = sqlalchemy_async_engine(
            async_url(db_url), pool_size=size, max_overflow=0, pool_timeout=60
        )
    try:
        await _warm(racing, size)
        yield Arena(create_session_factory(racing), size)
    finally:
        if racing is not engine:
            await racing.dispose()


async def _free_postgres_connections(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        limit = await connection.scalar(text("SELECT current_setting('max_connections')::int"))
        used = await connection.scalar(text("SELECT count(*) FROM pg_stat_activity"))
    free = int(limit or 0) - int(used or 0) - POSTGRES_SPARE_CONNECTIONS
    assert free >= 10, f"PostgreSQL has only {free} free connections for the race"
    return free


async def _warm(engine: AsyncEngine, size: int) -> None:
    """Open the pool's connections before the start, so that connecting (and SQLite's
    pragmas) is not what spreads the attempts out in time."""
    connections = await asyncio.gather(*(engine.connect() for _ in range(size)))
    for connection in connections:
        await connection.exec_driver_sql("SELECT 1")
    await asyncio.gather(*(connection.close() for connection in connections))


async def run_race(arena: Arena, clock: FixedClock, attempts: Sequence[Attempt]) -> Race:
    """All attempts at once; each commits its booking or reports its refusal. Anything
    else raised (IntegrityError, "database is locked", a deadlock) lands in `errors`."""
    barrier = asyncio.Barrier(len(attempts))

    async def one(attempt: Attempt) -> Booking | Refusal:
        await barrier.wait()
        async with SqlUnitOfWork(arena.factory, clock) as uow:
            try:
                booking = await attempt(uow)
            except BookingRefused as refused:
                return refused.refusal
            await uow.commit()
            return booking

    race = Race(arena.factory.kw["bind"].dialect.name, arena.connections)
    started = time.perf_counter()
    outcomes = await asyncio.gather(*(one(a) for a in attempts), return_exceptions=True)
    race.seconds = time.perf_counter() - started
    for outcome in outcomes:
        if isinstance(outcome, Booking):
            race.booked.append(outcome)
        elif isinstance(outcome, Refusal):
            race.refused[outcome] += 1
        else:
            race.errors.append(outcome)
    return race


def booking_by(clock: FixedClock, user_id: int, site_id: int, starts_at: datetime) -> Attempt:
    async def attempt(uow: SqlUnitOfWork) -> Booking:
        return await book(
            uow,
            clock,
            POLICY,
            user_id=user_id,
            site_id=site_id,
            starts_at=starts_at,
        )

    return attempt


def claims_of(booking: Booking, week_token: int) -> set[Claim]:
    """What an active booking must hold: its fixed claims and one week token."""
    token = week_tokens(booking.performer_id, booking.slot, POLICY)[week_token - 1]
    return {*fixed_claims(booking.performer_id, booking.slot), token}


async def held_claims(factory: async_sessionmaker[AsyncSession]) -> dict[int, set[Claim]]:
    held: dict[int, set[Claim]] = {}
    for claim in await stored_claims(factory):
        held.setdefault(claim.booking_id, set()).add(Claim(claim.kind, claim.key))
    return held


async def assert_only(factory: async_sessionmaker[AsyncSession], booked: list[Booking]) -> None:
    """The database holds exactly the winners, active, and nothing of the refused."""
    stored = await stored_bookings(factory)
    assert sorted(b.id or 0 for b in stored) == sorted(b.id or 0 for b in booked)
    assert all(b.status is BookingStatus.CONFIRMED for b in stored)


async def test_hundred_performers_one_slot(arena: Arena, clock: FixedClock) -> None:
    (site,) = await add_sites(arena.factory, clock, [make_site("bauman")])
    performers = await add_performers(arena.factory, clock, ATTEMPTS)
    assert site.id is not None
    starts = at(TOMORROW, 10)
    attempts = [booking_by(clock, p.user_id, site.id, starts) for p in performers]

    race = await run_race(arena, clock, attempts)
    print(race.report(f"{ATTEMPTS} performers, one slot"))  # noqa: T201 - the issue's figures

    assert race.errors == []
    assert len(race.booked) == 1
    assert race.refused == Counter({Refusal.SLOT_TAKEN: ATTEMPTS - 1})
    await assert_only(arena.factory, race.booked)
    (winner,) = race.booked
    assert winner.id is not None
    assert await held_claims(arena.factory) == {winner.id: claims_of(winner, 1)}


async def test_one_performer_hundred_overlapping_slots(arena: Arena, clock: FixedClock) -> None:
    """Different sites, starts and lengths, all covering 11:45-12:00: at most one."""
    sites = await add_sites(
        arena.factory,
        clock,
        [
            make_site(
                f"s{n}",
                open_from=day_time(10 + n % 8 // 4, 15 * (n % 4)),  # 10:00, 10:15 ... 11:45
                slot_minutes=120 + 30 * (n % 3),
            )
            for n in range(ATTEMPTS)
        ],
    )
    (performer,) = await add_performers(arena.factory, clock, 1)
    attempts = [
        booking_by(clock, performer.user_id, s.id or 0, s.slots_on(TOMORROW)[0].starts_at)
        for s in sites
    ]

    race = await run_race(arena, clock, attempts)
    print(race.report(f"one performer, {ATTEMPTS} overlapping slots"))  # noqa: T201

    assert race.errors == []
    assert len(race.booked) == 1
    assert race.refused == Counter({Refusal.OVERLAP: ATTEMPTS - 1})
    await assert_only(arena.factory, race.booked)
    (winner,) = race.booked
    assert winner.id is not None
    assert await held_claims(arena.factory) == {winner.id: claims_of(winner, 1)}


async def test_week_limit_under_concurrency(arena: Arena, clock: FixedClock) -> None:
    """Ten slots of one week that break no other rule: whichever three come first."""
    sites = await add_sites(arena.factory, clock, [make_site(f"w{n}") for n in range(10)])
    (performer,) = await add_performers(arena.factory, clock, 1)
    # Tuesday to Sunday of NOW's week, two non-overlapping slots a day, each at its own site.
    days = [TOMORROW + timedelta(days=n // 2) for n in range(10)]
    starts = [at(day, 10) if n % 2 else at(day, 12, 15) for n, day in enumerate(days)]
    attempts = [
        booking_by(clock, performer.user_id, site.id or 0, start)
        for site, start in zip(sites, starts, strict=True)
    ]

    race = await run_race(arena, clock, attempts)
    print(race.report("one performer, 10 slots of one week"))  # noqa: T201

    assert race.errors == []
    assert len(race.booked) == POLICY.per_week
    assert race.refused == Counter({Refusal.WEEK_LIMIT: 10 - POLICY.per_week})
    await assert_only(arena.factory, race.booked)
    held = await held_claims(arena.factory)
    tokens = {c.key for claims in held.values() for c in claims if c.kind is ClaimKind.WEEK}
    assert tokens == {f"{performer.id}:2026-W10:{n}" for n in range(1, POLICY.per_week + 1)}
    assert held.keys() == {winner.id for winner in race.booked}
    for winner in race.booked:
        assert winner.id is not None
        fixed = set(fixed_claims(winner.performer_id, winner.slot))
        (token,) = held[winner.id] - fixed  # fixed claims and exactly one week token
        assert fixed <= held[winner.id] and token.kind is ClaimKind.WEEK


async def test_one_per_site_per_day_under_concurrency(arena: Arena, clock: FixedClock) -> None:
    site = make_site("kremlin", slot_minutes=30, buffer_minutes=15)
    (site,) = await add_sites(arena.factory, clock, [site])
    (performer,) = await add_performers(arena.factory, clock, 1)
    slots = site.slots_on(TOMORROW)[:10]
    attempts = [booking_by(clock, performer.user_id, s.site_id, s.starts_at) for s in slots]

    race = await run_race(arena, clock, attempts)
    print(race.report("one performer, 10 slots of one site and day"))  # noqa: T201

    assert race.errors == []
    assert len(race.booked) == 1
    assert race.refused == Counter({Refusal.SITE_DAY: 9})
    await assert_only(arena.factory, race.booked)


async def test_the_slot_claim_is_refused_by_the_database_itself(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    """Around the domain: a second booking row written straight through the repository
    cannot take the slot — ON CONFLICT inserts nothing, a plain INSERT is an IntegrityError."""
    first, second = await _two_bookings_of_one_slot(session_factory, clock)
    slot_claim = fixed_claims(first.performer_id, first.slot)[0]
    assert slot_claim.kind is ClaimKind.SLOT

    async with SqlUnitOfWork(session_factory, clock) as uow:
        assert second.id is not None
        assert await uow.bookings.claim(second.id, [slot_claim]) == slot_claim
        with pytest.raises(IntegrityError):
            await uow.session.execute(
                insert(BookingClaimRow).values(
                    booking_id=second.id, kind=slot_claim.kind.value, key=slot_claim.key
                )
            )
    held = await held_claims(session_factory)
    assert first.id is not None
    assert held == {first.id: claims_of(first, 1)}  # the second holds nothing


async def _two_bookings_of_one_slot(
    factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> tuple[Booking, Booking]:
    """One booked properly, one row for the same slot inserted without any check."""
    (site,) = await add_sites(factory, clock, [make_site("bauman")])
    one, other = await add_performers(factory, clock, 2)
    assert site.id is not None and other.id is not None
    slot = _first_slot(site)
    async with SqlUnitOfWork(factory, clock) as uow:
        first = await book(
            uow,
            clock,
            POLICY,
            user_id=one.user_id,
            site_id=site.id,
            starts_at=slot,
        )
        now = clock.now()
        end = slot + timedelta(minutes=site.slot_minutes)
        second = await uow.bookings.add(
            Booking(site.id, other.id, slot, end, BookingStatus.CONFIRMED, now, now)
        )
        await uow.commit()
    return first, second


def _first_slot(site: Site) -> datetime:
    return site.slots_on(TOMORROW)[0].starts_at

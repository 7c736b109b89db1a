"""Benchmark of outage targeting: who hears of an outage over 50 streets among a million
subscriptions (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_targeting.py [--subscriptions 1000000]
     [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/mykazan_bench] [--seed 7]

The default is a temporary SQLite file. A PostgreSQL URL must name a database that does not
exist yet: the bench creates it (through the server's `postgres` database), migrates it and
drops it at the end, so a real database is never touched.

Prints the seeding time, then (1) the recipient selection exactly as the fan-out worker
walks it (`SqlFanoutRepository.outage_recipients`, batches of 1,000 user ids until
exhausted): total seconds, p50/max per batch; (2) a naive baseline in the same run: every
subscription of the outage's kind loaded into Python and matched with `OutageArea.covers`
(it must find the same people); (3) the whole `fan_out_batch` pipeline writing outbox rows;
(4) the query plan of one batch, so index use is visible. The issue's target: selection
under 1 s for 1,000,000 subscriptions on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import (  # noqa: E402
    Table,
    event,
    func,
    insert,
    make_url,
    select,
    text,
)
from sqlalchemy.ext.asyncio import (  # noqa: E402
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from domain.alerts.events import EventCategory  # noqa: E402
from domain.alerts.houses import HouseRange, Parity, house_number, normalise_house  # noqa: E402
from domain.alerts.outages import (  # noqa: E402
    Outage,
    OutageArea,
    OutageDraft,
    OutageKind,
    StreetSpan,
)
from domain.alerts.subscriptions import Scope, event_topic, outage_topic  # noqa: E402
from domain.clock import FixedClock  # noqa: E402
from domain.services.fanout import BATCH_SIZE, fan_out_batch  # noqa: E402
from domain.services.outages import publish_outage  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import (  # noqa: E402
    AlertPreferencesRow,
    AlertSubscriptionRow,
    OutboxRow,
    SavedAddressRow,
    StreetDistrictRow,
    StreetRow,
    UserRow,
)
from storage.reference_data import load_reference_data  # noqa: E402
from storage.repositories.fanout import SqlFanoutRepository  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402

DATA_DIR = ROOT / "data"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 12:00 in Kazan: no quiet hours in the way
KIND = OutageKind.COLD_WATER
FIRST_USER_ID = 200_000_000  # Telegram-like ids, above 2**27 like real ones
TARGET_SECONDS = 1.0
CHUNK = 20_000  # rows per bulk statement (SQLite) / per COPY (PostgreSQL)


@dataclass(frozen=True, slots=True)
class Sizes:
    subscriptions: int
    users: int
    addresses: int

    @classmethod
    def for_subscriptions(cls, subscriptions: int) -> Sizes:
        # The proportions: 1,000,000 subscriptions, ~300,000 people, ~400,000 places.
        return cls(
            subscriptions=subscriptions,
            users=max(100, subscriptions * 3 // 10),
            addresses=max(130, subscriptions * 4 // 10),
        )


@dataclass(slots=True)
class Seeded:
    users: int = 0
    addresses: int = 0
    preferences: int = 0
    subscriptions: int = 0
    by_scope: dict[str, int] | None = None


# --- the database ---------------------------------------------------------------------------


@asynccontextmanager
async def bench_database(url: str | None) -> AsyncIterator[str]:
    """A migrated database: a temporary SQLite file, or a PostgreSQL database created here
    and dropped afterwards (so the bench can never write into one somebody uses)."""
    if url is None:
        with tempfile.TemporaryDirectory(prefix="mykazan-bench-") as folder:
            sqlite = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            await upgrade(sqlite)
            yield sqlite
        return
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        await upgrade(url)
        yield url
        return
    name = parsed.database
    admin = create_async_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            await upgrade(url)
            yield url
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


# --- seeding --------------------------------------------------------------------------------


def _house(rng: random.Random) -> str:
    """As people type them: mostly "15", some "15а", some buildings "21к2", a few spaced."""
    number = rng.randint(1, 150)
    roll = rng.random()
    if roll < 0.08:
        return f"{number}{rng.choice('аб')}"
    if roll < 0.14:
        return f"{number}к{rng.randint(1, 3)}"
    if roll < 0.16:
        return f"{number} корпус {rng.randint(1, 3)}"
    return str(number)


async def _bulk(connection: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    """The fastest insert each backend offers: COPY on PostgreSQL, executemany in one
    transaction on SQLite (the caller commits once)."""
    if not rows:
        return
    columns = list(rows[0])
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        for start in range(0, len(rows), CHUNK * 5):
            records = [tuple(row[c] for c in columns) for row in rows[start : start + CHUNK * 5]]
            await driver.copy_records_to_table(table.name, records=records, columns=columns)
        return
    for start in range(0, len(rows), CHUNK):
        await connection.execute(insert(table), rows[start : start + CHUNK])


async def seed(engine: AsyncEngine, sizes: Sizes, rng: random.Random) -> Seeded:
    """Users, their saved addresses over every street, preferences and subscriptions."""
    seeded = Seeded()
    async with engine.begin() as connection:
        session = AsyncSession(bind=connection)
        await load_reference_data(session, DATA_DIR)
        await session.flush()
        street_ids = list(await connection.scalars(select(StreetRow.id).order_by(StreetRow.id)))
        district_names = sorted(set(await connection.scalars(select(StreetDistrictRow.district))))
        street_districts: dict[int, list[str]] = {}
        for street_id, district in await connection.execute(
            select(StreetDistrictRow.street_id, StreetDistrictRow.district)
        ):
            street_districts.setdefault(street_id, []).append(district)

        user_ids = [FIRST_USER_ID + 7 * i for i in range(sizes.users)]  # sparse, like Telegram
        await _bulk(
            connection,
            UserRow.__table__,  # type: ignore[arg-type]
            [
                {
                    "id": user_id,
                    "first_name": "Житель",
                    "username": None,
                    "locale": "ru",
                    "locale_chosen": False,
                    "blocked_bot": rng.random() < 0.02,  # some have blocked the bot
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for user_id in user_ids
            ],
        )
        seeded.users = len(user_ids)

        # Everybody has a home; the rest of the places go to random people (work, parents).
        owners = user_ids + [rng.choice(user_ids) for _ in range(sizes.addresses - sizes.users)]
        addresses: list[dict[str, Any]] = []
        for address_id, owner in enumerate(owners, start=1):
            street_id = rng.choice(street_ids)
            house = _house(rng)
            district = rng.choice(street_districts.get(street_id) or district_names)
            addresses.append(
                {
                    "id": address_id,
                    "user_id": owner,
                    "label": "Дом" if address_id <= sizes.users else "Работа",
                    "text": f"#{street_id}, {house}",
                    "street_id": street_id,
                    "house": house,
                    "district": district,
                    "lat": None,
                    "lon": None,
                    "created_at": NOW,
                }
            )
        await _bulk(connection, SavedAddressRow.__table__, addresses)  # type: ignore[arg-type]
        seeded.addresses = len(addresses)

        preferences = []
        for user_id in rng.sample(user_ids, len(user_ids) // 5):
            quiet = rng.choice([(None, None), (23 * 60, 7 * 60), (0, 9 * 60), (22 * 60, 8 * 60)])
            preferences.append(
                {
                    "user_id": user_id,
                    "quiet_start": quiet[0],
                    "quiet_end": quiet[1],
                    "events": rng.choice(["instant", "daily", "weekly"]),
                    "updated_at": NOW,
                }
            )
        await _bulk(connection, AlertPreferencesRow.__table__, preferences)  # type: ignore[arg-type]
        seeded.preferences = len(preferences)

        subscriptions = _subscriptions(sizes, rng, addresses, user_ids, district_names)
        rng.shuffle(subscriptions)  # ids in the order people subscribed, not by user id
        await _bulk(connection, AlertSubscriptionRow.__table__, subscriptions)  # type: ignore[arg-type]
        seeded.subscriptions = len(subscriptions)
        by_scope: dict[str, int] = {}
        for row in subscriptions:
            by_scope[row["scope"]] = by_scope.get(row["scope"], 0) + 1
        seeded.by_scope = by_scope
        await session.close()
    await _analyze(engine)
    return seeded


def _subscriptions(
    sizes: Sizes,
    rng: random.Random,
    addresses: list[dict[str, Any]],
    user_ids: list[int],
    district_names: list[str],
) -> list[dict[str, Any]]:
    """88% outage kinds at addresses, 6% outage kinds in a district, 6% event topics.

    Each share is a sample without replacement of (place, topic) pairs, so the unique
    (user_id, topic, scope_key) constraint holds by construction."""
    kinds = list(OutageKind)
    categories = list(EventCategory)
    district_share = sizes.subscriptions * 6 // 100
    event_share = sizes.subscriptions * 6 // 100
    address_share = sizes.subscriptions - district_share - event_share
    address_share = min(address_share, len(addresses) * len(kinds))
    rows: list[dict[str, Any]] = []
    for pair in rng.sample(range(len(addresses) * len(kinds)), address_share):
        address = addresses[pair // len(kinds)]
        rows.append(
            {
                "user_id": address["user_id"],
                "topic": outage_topic(kinds[pair % len(kinds)]),
                "scope": Scope.ADDRESS.value,
                "scope_key": f"a:{address['id']}",
                "address_id": address["id"],
                "district": address["district"],
                "street_id": address["street_id"],
                "house_number": house_number(address["house"]),
                "house": normalise_house(address["house"]),
                "created_at": NOW,
            }
        )
    for pair in rng.sample(range(len(user_ids) * len(kinds)), district_share):
        district = district_names[(pair * 7919) % len(district_names)]
        rows.append(
            {
                "user_id": user_ids[pair // len(kinds)],
                "topic": outage_topic(kinds[pair % len(kinds)]),
                "scope": Scope.DISTRICT.value,
                "scope_key": f"d:{district}",
                "address_id": None,
                "district": district,
                "street_id": None,
                "house_number": None,
                "house": None,
                "created_at": NOW,
            }
        )
    for pair in rng.sample(range(len(user_ids) * len(categories)), event_share):
        citywide = rng.random() < 0.7
        place: str | None = None if citywide else rng.choice(district_names)
        rows.append(
            {
                "user_id": user_ids[pair // len(categories)],
                "topic": event_topic(categories[pair % len(categories)]),
                "scope": Scope.CITY.value if citywide else Scope.DISTRICT.value,
                "scope_key": "city" if citywide else f"d:{place}",
                "address_id": None,
                "district": place,
                "street_id": None,
                "house_number": None,
                "house": None,
                "created_at": NOW,
            }
        )
    return rows


async def _analyze(engine: AsyncEngine) -> None:
    """Fresh statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would
    have them in production after a bulk load."""
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
        else:
            await connection.execute(text("ANALYZE"))
            await connection.commit()


# --- the outage -----------------------------------------------------------------------------


def outage_area(street_ids: Sequence[int], rng: random.Random) -> OutageArea:
    """50 streets as a utility lists them: 20 whole streets, 15 with house ranges (odd side,
    even side, both sides), 15 with lists of single houses."""
    chosen = rng.sample(list(street_ids), 50)
    spans: list[StreetSpan] = [StreetSpan(street_id) for street_id in chosen[:20]]
    for street_id in chosen[20:35]:
        first = rng.randint(1, 60)
        ranges = (
            HouseRange(first, first + rng.randint(10, 60), rng.choice([Parity.ODD, Parity.EVEN])),
            HouseRange(first + 70, first + 70 + rng.randint(5, 20)),
        )
        spans.append(StreetSpan(street_id, ranges=ranges))
    for street_id in chosen[35:]:
        houses = {str(rng.randint(1, 150)) for _ in range(8)}
        houses |= {normalise_house(f"{rng.randint(1, 150)}а"), f"{rng.randint(1, 150)}к2"}
        spans.append(StreetSpan(street_id, houses=tuple(sorted(houses))))
    return OutageArea(streets=tuple(spans))


def draft(area: OutageArea) -> OutageDraft:
    return OutageDraft(
        kind=KIND,
        emergency=False,
        area=area,
        starts_at=NOW + timedelta(days=1),
        ends_at=NOW + timedelta(days=1, hours=8),
        description="Плановые работы на водоводе",
        source="vodokanal",
        source_id="bench-1",
    )


# --- measurements ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Walk:
    recipients: list[int]
    batch_seconds: list[float]

    @property
    def total(self) -> float:
        return sum(self.batch_seconds)


async def walk_recipients(
    factory: async_sessionmaker[AsyncSession], outage: Outage, batch: int = BATCH_SIZE
) -> Walk:
    """What the fan-out worker does: one session per batch, the cursor the last user id."""
    recipients: list[int] = []
    seconds: list[float] = []
    cursor = 0
    while True:
        async with factory() as session:
            started = time.perf_counter()
            found = await SqlFanoutRepository(session).outage_recipients(outage, cursor, batch)
            seconds.append(time.perf_counter() - started)
        recipients.extend(r.user_id for r in found)
        if len(found) < batch:
            return Walk(recipients, seconds)
        cursor = found[-1].user_id


async def naive_recipients(factory: async_sessionmaker[AsyncSession], outage: Outage) -> list[int]:
    """The baseline: every subscription of the kind into Python, matched with the domain's
    own `OutageArea.covers`; district followers hear of outages on their district's streets
    (the same rule as the SQL)."""
    sub = AlertSubscriptionRow
    async with factory() as session:
        touched = set(
            await session.scalars(
                select(StreetDistrictRow.district).where(
                    StreetDistrictRow.street_id.in_(outage.area.street_ids)
                )
            )
        )
        rows = await session.execute(
            select(sub.user_id, sub.scope, sub.street_id, sub.house, sub.district)
            .join(UserRow, UserRow.id == sub.user_id)
            .where(sub.topic == outage_topic(outage.kind), UserRow.blocked_bot.is_(False))
        )
        matched: set[int] = set()
        for user_id, scope, street_id, house, district in rows:
            if outage.area.covers(street_id, house, district) or (
                scope == Scope.DISTRICT.value and district in touched
            ):
                matched.add(user_id)
    return sorted(matched)


async def pipeline(
    factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> tuple[int, int, float]:
    """`fan_out_batch` until no job is open: (rows written, batches, seconds)."""
    written = batches = 0
    started = time.perf_counter()
    while True:
        async with SqlUnitOfWork(factory, clock) as uow:
            count = await fan_out_batch(uow, clock)
        if count is None:
            return written, batches, time.perf_counter() - started
        written += count
        batches += 1


async def explain_one_batch(engine: AsyncEngine, outage: Outage, cursor: int) -> str:
    """The plan of the query a batch runs, captured as it goes to the driver (so it is the
    repository's own SQL, not a copy of it)."""
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "alert_subscriptions" in statement and not captured:
            captured.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with create_session_factory(engine)() as session:
            await SqlFanoutRepository(session).outage_recipients(outage, cursor, BATCH_SIZE)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    statement, parameters = captured[0]
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection
        if connection.dialect.name == "postgresql":
            rows = await driver.fetch("EXPLAIN (ANALYZE, BUFFERS) " + statement, *parameters)
            return "\n".join(row[0] for row in rows)
        async with driver.execute("EXPLAIN QUERY PLAN " + statement, parameters) as result:
            return "\n".join(
                f"{row[0]:>4} {row[1]:>4}  {row[3]}" for row in await result.fetchall()
            )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def run(url: str | None, sizes: Sizes, seed_value: int) -> None:
    rng = random.Random(seed_value)
    async with bench_database(url) as database_url:
        engine = create_engine(database_url)
        factory = create_session_factory(engine)
        try:
            print(f"database: {engine.dialect.name} ({database_url.split('@')[-1]})")
            started = time.perf_counter()
            seeded = await seed(engine, sizes, rng)
            print(
                f"seeded in {time.perf_counter() - started:.1f} s: {seeded.users:,} users, "
                f"{seeded.addresses:,} saved addresses, {seeded.preferences:,} preference rows, "
                f"{seeded.subscriptions:,} subscriptions {seeded.by_scope}"
            )
            async with factory() as session:
                street_ids = list(
                    await session.scalars(select(StreetRow.id).order_by(StreetRow.id))
                )
            clock = FixedClock(NOW)
            async with SqlUnitOfWork(factory, clock) as uow:
                published = await publish_outage(uow, clock, draft(outage_area(street_ids, rng)))
                await uow.commit()
            outage = published.outage
            async with factory() as session:
                of_kind = await session.scalar(
                    select(func.count())
                    .select_from(AlertSubscriptionRow)
                    .where(AlertSubscriptionRow.topic == outage_topic(KIND))
                )
            print(
                f"outage: {KIND.value} over {len(outage.area.streets)} streets "
                f"(20 whole, 15 with house ranges, 15 with house lists); "
                f"{of_kind:,} subscriptions of that kind"
            )

            cold = await walk_recipients(factory, outage)
            warm = await walk_recipients(factory, outage)
            verdict = "meets" if warm.total < TARGET_SECONDS else "MISSES"
            print(
                f"selection (outage_recipients, batches of {BATCH_SIZE:,}): "
                f"{len(warm.recipients):,} recipients in {len(warm.batch_seconds)} batches; "
                f"total {warm.total:.3f} s ({verdict} the {TARGET_SECONDS:.0f} s target), "
                f"per batch p50 {_ms(statistics.median(warm.batch_seconds))}, "
                f"max {_ms(max(warm.batch_seconds))}; first (cold) walk {cold.total:.3f} s"
            )

            started = time.perf_counter()
            naive = await naive_recipients(factory, outage)
            naive_seconds = time.perf_counter() - started
            same = "same people" if naive == warm.recipients else "DIFFERENT people"
            print(
                f"naive baseline (all {of_kind:,} into Python, OutageArea.covers): "
                f"{len(naive):,} recipients in {naive_seconds:.3f} s ({same}); "
                f"ours/naive = {warm.total / naive_seconds:.2f}"
            )

            written, batches, seconds = await pipeline(factory, clock)
            async with factory() as session:
                rows = await session.scalar(select(func.count()).select_from(OutboxRow))
            print(
                f"pipeline (fan_out_batch until done): {written:,} outbox rows in {batches} "
                f"batches, {seconds:.2f} s ({written / seconds:,.0f} rows/s); "
                f"outbox holds {rows:,}"
            )

            middle = warm.recipients[len(warm.recipients) // 2] if warm.recipients else 0
            print(f"\nplan of one batch (cursor {middle}):")
            print(await explain_one_batch(engine, outage, middle))
        finally:
            await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: a temporary SQLite file; a PostgreSQL database named here is created "
        "and dropped",
    )
    parser.add_argument("--subscriptions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7, help="random seed: same data each run")
    arguments = parser.parse_args()
    sizes = Sizes.for_subscriptions(arguments.subscriptions)
    asyncio.run(run(arguments.database_url, sizes, arguments.seed))


if __name__ == "__main__":
    main()

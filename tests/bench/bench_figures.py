"""Benchmark of the staff's figures (`/stats`, the weekly report) on PostgreSQL (not collected
by pytest).

Run: TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \
     .venv/bin/python tests/bench/bench_figures.py [--requests 100000] [--rounds 20]

Builds a throwaway database next to TEST_POSTGRES_URL's, migrated to head, with a year of
requests (20 departments, 50 staff, 4 channels; resolved, reopened, duplicate, withdrawn,
rejected, and open within the last --backlog-days) and their history events, then times the
reads of `/stats week`, `/stats month`, `/stats YYYY-MM` of a past month and the weekly
report: p50 and p95 of each. Seeding a million requests takes minutes: `--keep` leaves the
database and prints its URL, `--url URL` times it again (migrated to head and vacuumed first).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from domain.clock import FixedClock  # noqa: E402
from domain.figures_period import parse_period, previous_week  # noqa: E402
from domain.services.figures_report import figures_report, weekly_report  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.figure_recount import recount_statements  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.uow import SqlUnitOfWork  # noqa: E402
from tests.storage.databases import (  # noqa: E402
    create_postgres_database,
    drop_postgres_database,
)

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
SEED = [
    "INSERT INTO categories (code, name_ru, name_tt, name_en, first_response_hours, "
    "resolution_working_days, position) VALUES ('roads', 'Дороги', 'Юллар', 'Roads', 24, 10, 0)",
    "INSERT INTO users (id, first_name, locale, locale_chosen, blocked_bot, created_at, "
    "updated_at) SELECT 1000 + g, 'Staff ' || g, 'ru', false, false, :now, :now "
    "FROM generate_series(1, 50) g",
    "SELECT setseed(0.17)",
    """
    INSERT INTO requests (category, description, place_label, status, created_at, updated_at,
        deadline_at, first_response_due_at, resolved_at, assignee_id, first_response_at,
        rating, channel, department)
    SELECT 'roads', 'яма', 'ул. Баумана', status, created, created, created + interval '10 days',
        created + interval '1 day',
        CASE WHEN status = 'resolved' THEN created + r3 * interval '15 days' END,
        CASE WHEN status IN ('resolved', 'in_progress') THEN 1001 + (g % 50) END,
        CASE WHEN status NOT IN ('new', 'withdrawn') THEN created + r2 * interval '30 hours' END,
        CASE WHEN status = 'resolved' AND r3 < 0.5 THEN 1 + (g % 5) END,
        (ARRAY['bot', 'bot', 'bot', 'phone', 'city_system', 'open311'])[1 + g % 6],
        CASE WHEN g % 21 = 0 THEN NULL ELSE 'dept' || (g % 20) END
    FROM (
        SELECT g, CAST(:now AS timestamptz) - age AS created, random() AS r2,
            random() AS r3,
            CASE WHEN r < 0.60 THEN 'resolved' WHEN r < 0.65 THEN 'duplicate'
                 WHEN r < 0.68 THEN 'withdrawn' WHEN r < 0.72 THEN 'rejected'
                 WHEN age > make_interval(days => CAST(:backlog_days AS integer)) THEN 'resolved'
                 WHEN r < 0.85 THEN 'in_progress' ELSE 'new' END AS status
        FROM (
            SELECT g, random() AS r, random() * interval '365 days' AS age
            FROM generate_series(1, :n) g
        ) numbered
    ) drawn
    """,
    "INSERT INTO request_events (request_id, at, kind, actor, to_status) "
    "SELECT id, created_at, 'created', 'author', 'new' FROM requests",
    "INSERT INTO request_events (request_id, at, kind, actor, actor_user_id, from_status, "
    "to_status) SELECT id, first_response_at, 'taken', 'staff', assignee_id, 'new', 'new' "
    "FROM requests WHERE assignee_id IS NOT NULL",
    "INSERT INTO request_events (request_id, at, kind, actor, from_status, to_status) "
    "SELECT id, coalesce(resolved_at, first_response_at, created_at + interval '1 hour'), "
    "'status_changed', 'staff', 'in_progress', status FROM requests "
    "WHERE status IN ('resolved', 'duplicate', 'withdrawn', 'rejected')",
    # One resolved request in twenty was resolved once before and reopened.
    "INSERT INTO request_events (request_id, at, kind, actor, from_status, to_status) "
    "SELECT id, resolved_at - interval '1 hour', 'status_changed', 'author', 'resolved', 'new' "
    "FROM requests WHERE status = 'resolved' AND id % 20 = 0",
    # The bulk load goes around the repository: each request's first taking as migration
    # 0024 fills it.
    "UPDATE requests SET first_taken_at = (SELECT min(at) FROM request_events "
    "WHERE request_events.request_id = requests.id AND kind = 'taken')",
]


async def seed(url: str, requests: int, backlog_days: int) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for statement in SEED:
                await connection.execute(
                    text(statement), {"now": NOW, "n": requests, "backlog_days": backlog_days}
                )
            # The bulk load went around the repository: the kept figures counted afresh.
            for statement in recount_statements("postgresql"):
                await connection.execute(text(statement))
            events = await connection.scalar(text("SELECT count(*) FROM request_events"))
            open_now = await connection.scalar(
                text("SELECT count(*) FROM requests WHERE status IN ('new', 'in_progress')")
            )
        print(f"seeded {requests} requests ({open_now} open), {events} history events")
    finally:
        await engine.dispose()


async def vacuum(url: str) -> None:
    """What autovacuum does after a bulk load: statistics, and the visibility map that lets
    the figures read their covering indexes alone."""
    engine = create_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text("VACUUM ANALYZE"))
    finally:
        await engine.dispose()


async def timed(url: str, rounds: int) -> None:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    clock = FixedClock(NOW)
    cases = {
        "/stats week": lambda q: figures_report(q, parse_period("week", NOW), NOW),
        "/stats month": lambda q: figures_report(q, parse_period("month", NOW), NOW),
        "/stats 2026-06": lambda q: figures_report(q, parse_period("2026-06", NOW), NOW),
        "weekly report (city)": lambda q: weekly_report(q, previous_week(NOW), NOW),
        "weekly report (dept3)": lambda q: weekly_report(q, previous_week(NOW), NOW, "dept3"),
    }
    try:
        for name, read in cases.items():
            took = []
            for _ in range(rounds + 2):
                async with SqlUnitOfWork(factory, clock) as uow:
                    started = time.perf_counter()
                    await read(uow.figures)
                    took.append((time.perf_counter() - started) * 1000)
            took = sorted(took[2:])  # the first two warm the caches and the statements
            p95 = took[max(0, round(len(took) * 0.95) - 1)]
            print(f"{name:24} p50 {statistics.median(took):7.1f} ms   p95 {p95:7.1f} ms")
    finally:
        await engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    # Requests older than this are all closed (a city keeps up); 365: a year of backlog,
    # a quarter of all requests open and overdue (the worst case for "overdue now").
    parser.add_argument("--backlog-days", type=int, default=45)
    # Seeding a million requests takes minutes: --keep leaves the database (its URL printed),
    # --url times one kept before (migrated to head first: a new migration's backfill runs).
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.url:
        await upgrade(args.url)
        await vacuum(args.url)
        await timed(args.url, args.rounds)
        return
    url = await create_postgres_database()
    try:
        await upgrade(url)
        await seed(url, args.requests, args.backlog_days)
        await vacuum(url)
        if args.keep:
            print(f"kept: --url {url}")
        await timed(url, args.rounds)
    finally:
        if not args.keep:
            await drop_postgres_database(url)


if __name__ == "__main__":
    asyncio.run(main())

"""Benchmark of the public pages (/city and /r/KZN-…) over a million requests on
PostgreSQL (not collected by pytest).

Run: .venv/bin/python tests/bench/bench_public_page.py [--requests 1000000] [--views 100]
     [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/mykazan_bench_public]

The database named must not exist: the bench creates it (through the server's `postgres`
database), migrates it, and drops it at the end. Requests and their history are inserted by
one `generate_series` statement each (a minute or two for a million), then the public
figures are counted once (`recount_public_figures`, as a bulk load needs: the bot keeps them
with each write). Then the real handlers answer over HTTP on loopback and the bench prints
p50/p95 per scenario (filters, languages, older pages, request pages). Target: p95 ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from aiohttp import web  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from sqlalchemy import make_url, select, text  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.i18n import create_i18n  # noqa: E402
from bot.public.app import PublicContext, setup_public  # noqa: E402
from domain.districts import DistrictDirectory  # noqa: E402
from domain.requests import format_number  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import CategoryRow, DistrictRow, StreetRow  # noqa: E402
from storage.public_recount import recount_public_figures  # noqa: E402
from storage.reference_data import load_reference_data  # noqa: E402
from storage.repositories.catalog import SqlDistrictRepository  # noqa: E402

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/mykazan_bench_public"
TARGET_P95_MS = 200.0
KEEP = False  # --keep: the seeded database stays, to measure again with --reuse

# Status by a hash of the id: resolved 55 %, in progress 12 %, new 10 %, need info 3 %,
# rejected 8 %, duplicate 7 %, withdrawn 5 %. Ids grow with time (30 s apart).
SEED_REQUESTS = """
INSERT INTO requests (author_id, category, description, place_label, district, street_id,
    house, status, created_at, updated_at, deadline_at, first_response_due_at, resolved_at,
    first_response_at, channel, department)
SELECT NULL, cats[1 + (i * 7) % cardinality(cats)], 'Описание жителя', 'ул. Бенч, 1',
    CASE WHEN r < 5 THEN NULL ELSE dists[1 + (i * 13) % cardinality(dists)] END,
    streets[1 + (i * 31) % cardinality(streets)], ((i % 150) + 1)::text, st, created,
    COALESCE(resolved, responded, created), created + interval '10 days',
    created + interval '24 hours', resolved, responded,
    'bot', 'dept-' || cats[1 + (i * 7) % cardinality(cats)]
FROM (
    SELECT i, r, st, created,
        CASE WHEN st = 'resolved' THEN created + make_interval(hours => (i % 480)) END
            AS resolved,
        CASE WHEN st NOT IN ('new', 'withdrawn')
            THEN created + make_interval(mins => (i * 37) % 3000) END AS responded
    FROM (
        SELECT i, (i::bigint * 2654435761) % 100 AS r,
            CASE WHEN (i::bigint * 40503) % 100 < 55 THEN 'resolved'
                 WHEN (i::bigint * 40503) % 100 < 67 THEN 'in_progress'
                 WHEN (i::bigint * 40503) % 100 < 77 THEN 'new'
                 WHEN (i::bigint * 40503) % 100 < 80 THEN 'need_info'
                 WHEN (i::bigint * 40503) % 100 < 88 THEN 'rejected'
                 WHEN (i::bigint * 40503) % 100 < 95 THEN 'duplicate'
                 ELSE 'withdrawn' END AS st,
            now() - make_interval(secs => (:n - i) * 30) AS created
        FROM generate_series(1, :n) AS i
    ) AS drawn
) AS s,
(SELECT CAST(:cats AS text[]) AS cats, CAST(:dists AS text[]) AS dists,
        CAST(:streets AS integer[]) AS streets) AS reference
"""
SEED_EVENTS = [
    "INSERT INTO request_events (request_id, at, kind, actor, to_status) "
    "SELECT id, created_at, 'created', 'author', 'new' FROM requests",
    "INSERT INTO request_events (request_id, at, kind, actor, from_status, to_status, text) "
    "SELECT id, updated_at, 'status_changed', 'staff', 'new', status, "
    "CASE WHEN status = 'rejected' THEN 'Не в ведении города' END "
    "FROM requests WHERE status NOT IN ('new', 'withdrawn')",
]


@asynccontextmanager
async def bench_database(url: str) -> AsyncIterator[str]:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise SystemExit("the public page bench needs PostgreSQL (generate_series)")
    name = parsed.database
    admin = create_async_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            await upgrade(url)
            yield url
        finally:
            if not KEEP:
                async with admin.connect() as connection:
                    await connection.execute(
                        text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    )
    finally:
        await admin.dispose()


async def seed(url: str, requests: int) -> None:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    started = time.perf_counter()
    async with factory() as session:
        await load_reference_data(session, ROOT / "data")
        cats = list(await session.scalars(select(CategoryRow.code).order_by(CategoryRow.code)))
        dists = list(
            await session.scalars(select(DistrictRow.name_ru).order_by(DistrictRow.name_ru))
        )
        streets = list(await session.scalars(select(StreetRow.id).order_by(StreetRow.id)))
        values = {"n": requests, "cats": cats, "dists": dists, "streets": streets}
        await session.execute(text(SEED_REQUESTS), values)
        for statement in SEED_EVENTS:
            await session.execute(text(statement))
        await recount_public_figures(session)
        await session.commit()
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE"))
    await engine.dispose()
    print(
        f"seeded {requests:,} requests and their history in {time.perf_counter() - started:.1f} s"
    )


def scenarios(requests: int, rng: random.Random) -> dict[str, list[str]]:
    """Paths per scenario; each list is walked once, after a warm-up."""
    ids = [rng.randint(1, requests) for _ in range(1000)]
    return {
        "/city": ["/city"],
        "/city?lang=en": ["/city?lang=en"],
        "/city district": ["/city?district=Советский", "/city?district=Приволжский"],
        "/city category": ["/city?category=roads", "/city?category=lighting"],
        "/city status=open": ["/city?status=open"],
        "/city rare combination": [
            "/city?district=Вахитовский&category=lighting&status=need_info",
            "/city?district=Кировский&category=roads&status=withdrawn",
        ],
        "/city older page": [f"/city?status=open&before={i}" for i in ids[:20]],
        "/r/": [f"/r/{format_number(i)}" for i in ids],
    }


async def measure(url: str, requests: int, views: int, seed_value: int) -> bool:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    async with factory() as session:
        districts = DistrictDirectory(await SqlDistrictRepository(session).all())
    i18n = create_i18n(ROOT / "locales", "ru")
    app = web.Application()
    setup_public(app, PublicContext.build(factory, i18n, districts, ROOT / "data"))
    rng = random.Random(seed_value)
    totals: dict[str, list[float]] = {"/city": [], "/r/": []}
    print(f"{'scenario':<26}{'views':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'bytes':>8}")
    async with TestClient(TestServer(app)) as client:
        for name, paths in scenarios(requests, rng).items():
            for path in paths[:3]:  # warm-up: connections, statement caches
                await (await client.get(path)).read()
            times: list[float] = []
            size = 0
            for view in range(views):
                path = paths[view % len(paths)]
                started = time.perf_counter()
                response = await client.get(path)
                body = await response.read()
                times.append((time.perf_counter() - started) * 1000)
                if response.status != 200:
                    raise SystemExit(f"{path}: {response.status}")
                size = max(size, len(body))
            totals["/r/" if name == "/r/" else "/city"].extend(times)
            print(f"{name:<26}{views:>7}{_p(times, 50):>9.1f}{_p(times, 95):>9.1f}"
                  f"{max(times):>9.1f}{size:>8}")  # fmt: skip
    await engine.dispose()
    ok = True
    for page, times in totals.items():
        p95 = _p(times, 95)
        verdict = "ok" if p95 <= TARGET_P95_MS else "OVER TARGET"
        ok = ok and p95 <= TARGET_P95_MS
        print(f"{page:<6} all views: p50 {_p(times, 50):.1f} ms, p95 {p95:.1f} ms ({verdict})")
    return ok


def _p(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


async def run(url: str, requests: int, views: int, seed_value: int, reuse: bool) -> bool:
    if reuse:  # a database seeded by an earlier run with --keep: measure only
        return await measure(url, requests, views, seed_value)
    async with bench_database(url) as database:
        await seed(database, requests)
        return await measure(database, requests, views, seed_value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--views", type=int, default=100, help="views per scenario")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", action="store_true", help="leave the seeded database (for --reuse)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure on a database seeded with --keep"
    )
    arguments = parser.parse_args()
    global KEEP  # noqa: PLW0603 - a command-line switch read by bench_database
    KEEP = arguments.keep
    ok = asyncio.run(
        run(
            arguments.database_url,
            arguments.requests,
            arguments.views,
            arguments.seed,
            arguments.reuse,
        )
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

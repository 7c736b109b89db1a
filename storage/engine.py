"""The async engine and session factory, tuned per backend."""

import time
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, NullPool, event, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

from storage import sqlite_driver

SQLITE_BUSY_TIMEOUT_MS = 5_000
SQLITE_POOL_SIZE = 5  # 1-5 fixed connections measured fastest (bench_updates)
POSTGRES_POOL_SIZE = 15  # per process; mind the server's max_connections with many
IDLE_BEFORE_PING_S = 10.0  # a pooled connection idle this long is checked before use
_RETURNED_AT = "mykazan.returned_at"  # ConnectionRecord.info key
# Plain URLs (as many hosts hand them out) get the async driver this project uses.
_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def async_url(url: str | URL) -> URL:
    parsed = make_url(url)
    return parsed.set(drivername=_ASYNC_DRIVERS.get(parsed.drivername, parsed.drivername))


def create_engine(url: str | URL, *, echo: bool = False) -> AsyncEngine:
    """An AsyncEngine for `sqlite+aiosqlite://` or `postgresql+asyncpg://` URLs."""
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        _make_parent_dir(parsed)
        # SQLite lets one writer in at a time and queues nobody: waiting connections poll
        # the lock until busy_timeout. A small pool is the fair queue (measured in
        # tests/storage/test_booking_concurrency.py: 100 racing writers pass cleanly through
        # it, while 100 connections can wait past the timeout). Fixed, without overflow: an
        # overflow connection is opened for a burst and closed after it (a thread, four
        # pragmas), which under a steady rush was a new connection every few updates.
        connect_args: list[Any] = []  # what aiosqlite would be given: path, uri, isolation
        engine = _create_async_engine(
            parsed,
            echo=echo,
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=0,
            async_creator=lambda: sqlite_driver.connect(*connect_args),
        )
        connect_args.extend(engine.sync_engine.dialect.create_connect_args(engine.url))
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        return engine
    # Fixed for the same reason: opening a connection to the server costs far more than
    # waiting a moment in the pool's queue for one.
    engine = _create_async_engine(
        parsed, echo=echo, pool_size=POSTGRES_POOL_SIZE, max_overflow=0, pool_recycle=1800
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Connections die behind NATs and on server restarts; check one before use if it sat
    idle. SQLAlchemy's pool_pre_ping checks every checkout, which on asyncpg is three round
    trips (BEGIN, a ping, ROLLBACK) for every update; a connection used a moment ago is alive.
    A dead one is replaced by the pool (DisconnectionError); a death in between is an outage
    the update's middleware reports, and the update is handled again."""
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(_RETURNED_AT)
        if returned is None or time.monotonic() - returned < IDLE_BEFORE_PING_S:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError("an idle connection did not answer") from error

    event.listen(pool, "checkin", on_checkin)
    event.listen(pool, "checkout", on_checkout)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: after commit the handler still renders what it loaded,
    # and in async code a lazy refresh would be an implicit (forbidden) IO.
    return async_sessionmaker(engine, expire_on_commit=False)


def create_migration_engine(url: str | URL) -> AsyncEngine:
    """An engine for alembic only: no pool, and on SQLite a schema change that is safe.

    SQLite's procedure for schema changes: foreign keys OFF (batch mode drops and recreates
    tables, and with them ON dropping a parent would cascade-delete its children's rows),
    the whole change inside one explicit transaction (the driver would otherwise commit
    each DDL statement on its own), then `PRAGMA foreign_key_check` (done in env.py).
    """
    parsed = async_url(url)
    engine = _create_async_engine(parsed, poolclass=NullPool)
    if parsed.get_backend_name() == "sqlite":
        _make_parent_dir(parsed)
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect_for_migrations)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _make_parent_dir(url: URL) -> None:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Per connection: foreign keys are off by default in SQLite; WAL lets readers run while
    # one writer writes; busy_timeout makes a second writer wait instead of failing at once.
    # The driver's own transaction handling is kept: it begins a transaction at the first
    # write, so a read-then-write unit of work waits for the lock instead of failing with
    # SQLITE_BUSY on a stale snapshot.
    _pragmas(dbapi_connection, foreign_keys=True)


def _sqlite_on_connect_for_migrations(dbapi_connection: Any, _record: Any) -> None:
    _pragmas(dbapi_connection, foreign_keys=False)
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see _sqlite_begin


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _pragmas(dbapi_connection: Any, *, foreign_keys: bool) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    finally:
        cursor.close()

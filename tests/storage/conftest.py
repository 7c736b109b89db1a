"""Storage fixtures: every test runs on SQLite and, when TEST_POSTGRES_URL is set, on
PostgreSQL; both schemas are built by running the migrations, never by create_all()."""

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from storage.engine import create_engine, create_session_factory
from storage.migrate import upgrade_sync
from storage.uow import SqlUnitOfWork
from tests.storage.databases import (
    BACKENDS,
    create_postgres_database,
    drop_postgres_database,
    in_thread,
    run_outside_loop,
    sqlite_url,
    truncate_all,
)
from tests.storage.samples import NOW


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once; each test gets a copy of the file (fast and perfectly isolated)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    in_thread(upgrade_sync, sqlite_url(path))
    return path


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[str]:
    """One fresh database per run, migrated once; tests truncate it before they start."""
    url = run_outside_loop(create_postgres_database())
    try:
        in_thread(upgrade_sync, url)
        yield url
    finally:
        run_outside_loop(drop_postgres_database(url))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_template"), path)
        return sqlite_url(path)
    url: str = request.getfixturevalue("migrated_postgres")
    return url


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        if engine.dialect.name == "postgresql":
            await truncate_all(engine)
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def uow(session_factory: async_sessionmaker[AsyncSession], clock: FixedClock) -> SqlUnitOfWork:
    return SqlUnitOfWork(session_factory, clock)

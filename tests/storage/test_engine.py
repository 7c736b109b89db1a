from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.engine as engine_module
from storage.engine import async_url, create_engine
from tests.storage.databases import postgres_admin_url


def test_plain_urls_get_async_drivers() -> None:
    assert async_url("sqlite:///var/x.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgresql+asyncpg://u@h/db").drivername == "postgresql+asyncpg"


async def test_sqlite_file_in_a_new_directory_with_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "var" / "deep" / "bot.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            pragmas = [
                (await connection.execute(text(f"PRAGMA {name}"))).scalar()
                for name in ("foreign_keys", "journal_mode", "busy_timeout")
            ]
    finally:
        await engine.dispose()
    assert path.exists()
    assert pragmas == [1, "wal", 5000]


async def test_foreign_keys_are_enforced(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        with pytest.raises(IntegrityError, match="(?i)foreign key"):
            await connection.execute(
                text("INSERT INTO street_districts (street_id, district) VALUES (404, 'Нет')")
            )


@pytest.mark.postgres
async def test_a_connection_that_died_while_idle_is_replaced_before_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = create_engine(postgres_admin_url())
    pings = _count_pings(engine, monkeypatch)
    try:
        async with engine.connect() as connection:
            killed = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar()
        async with engine.connect() as connection:  # used a moment ago: not pinged
            assert (await connection.execute(text("SELECT pg_backend_pid()"))).scalar() == killed
        assert pings == [], "a connection in use was pinged on every checkout"
        killer = create_engine(postgres_admin_url())
        async with killer.connect() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
        await killer.dispose()
        monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING_S", 0.0)  # it sat idle long
        async with engine.connect() as connection:
            alive = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar()
        assert alive != killed and len(pings) >= 1
    finally:
        await engine.dispose()


def _count_pings(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    pings: list[object] = []
    dialect = engine.sync_engine.dialect
    original = dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return original(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    return pings

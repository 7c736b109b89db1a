"""The SQLite engine hands each statement to aiosqlite's thread once (storage/sqlite_driver)."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import sqlite_driver
from storage.engine import create_engine, create_session_factory


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
    try:
        yield engine
    finally:
        await engine.dispose()


def _count_hand_offs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    hand_offs: list[Any] = []
    original = sqlite_driver.OneHopConnection._execute

    async def counted(self: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
        hand_offs.append(fn)
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(sqlite_driver.OneHopConnection, "_execute", counted)
    return hand_offs


async def test_one_hand_off_per_statement(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))  # the connection is open and warm
        hand_offs = _count_hand_offs(monkeypatch)
        inserted = await connection.execute(
            text("INSERT INTO t (name) VALUES (:name) RETURNING id"), {"name": "a"}
        )
        assert inserted.scalar_one() == 1
        await connection.execute(
            text("INSERT INTO t (name) VALUES (:n)"), [{"n": "b"}, {"n": "c"}]
        )
        names = (await connection.execute(text("SELECT name FROM t ORDER BY id"))).scalars()
        assert list(names) == ["a", "b", "c"]
        assert len(hand_offs) == 3
        await connection.commit()


async def test_rowcount_lastrowid_and_errors_as_sqlalchemy_expects(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        added = await connection.execute(text("INSERT INTO t (name) VALUES ('x')"))
        assert added.lastrowid == 1
        renamed = await connection.execute(text("UPDATE t SET name = 'y' WHERE name = 'x'"))
        assert renamed.rowcount == 1
        with pytest.raises(IntegrityError):
            await connection.execute(text("INSERT INTO t (name) VALUES ('y')"))


async def test_a_read_only_session_is_one_hand_off_and_a_dropped_write_is_undone(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory = create_session_factory(engine)
    async with factory() as session:
        await session.execute(text("SELECT 1"))  # the pool's connection is open
    hand_offs = _count_hand_offs(monkeypatch)
    async with factory() as session:
        await session.execute(text("SELECT count(*) FROM t"))
    assert len(hand_offs) == 1, "closing a session that wrote nothing went to the thread"
    async with factory() as session:
        await session.execute(text("INSERT INTO t (name) VALUES ('dropped')"))
    async with factory() as session:
        assert (await session.execute(text("SELECT count(*) FROM t"))).scalar() == 0

"""A restart skips the migration work only when there is none: schema at head, data as loaded."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import PROJECT_ROOT
from storage import migrate
from storage.bootstrap import is_current, migrate_and_load, migrate_if_needed
from storage.engine import create_engine
from tests.storage.test_migrations import empty_url

__all__ = ["empty_url"]  # the fixture: a database with nothing in it, on every backend


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data"))


async def execute(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def test_a_new_database_is_migrated_then_current(empty_url: str, data_dir: Path) -> None:
    assert not await is_current(empty_url, data_dir)
    counts = await migrate_if_needed(empty_url, data_dir)
    assert counts is not None and counts["districts"]["added"] == 7
    assert await is_current(empty_url, data_dir)
    assert await migrate_if_needed(empty_url, data_dir) is None  # the restart: nothing to do


async def test_changed_data_files_are_loaded_again(empty_url: str, data_dir: Path) -> None:
    await migrate_and_load(empty_url, data_dir)
    categories = data_dir / "categories.csv"
    categories.write_bytes(categories.read_bytes() + b"\n")
    assert not await is_current(empty_url, data_dir)
    assert await migrate_if_needed(empty_url, data_dir) is not None
    assert await is_current(empty_url, data_dir)


async def test_a_schema_behind_the_head_is_upgraded(empty_url: str, data_dir: Path) -> None:
    await migrate_and_load(empty_url, data_dir)
    await migrate.downgrade(empty_url, "-1")
    assert not await is_current(empty_url, data_dir)
    await migrate_if_needed(empty_url, data_dir)
    assert await is_current(empty_url, data_dir)


async def test_a_load_never_recorded_is_not_current(empty_url: str, data_dir: Path) -> None:
    await migrate_and_load(empty_url, data_dir)
    await execute(empty_url, "DELETE FROM reference_loads")
    assert not await is_current(empty_url, data_dir)

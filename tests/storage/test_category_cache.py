"""The categories kept in a process's memory (storage/category_cache.py): the database moves
their version with every change, whoever makes it, and another process sees the change with
its next update."""

from collections.abc import AsyncIterator
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.categories import Category
from domain.clock import FixedClock
from storage.category_cache import CATEGORIES, CategoryCache
from storage.engine import create_engine, create_session_factory
from storage.first_read import read_first
from storage.models import CategoryRow, ReferenceVersionRow
from storage.reference_data import load_categories, load_reference_data
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR

UPDATE_IDS = count(1)


async def version(factory: async_sessionmaker[AsyncSession]) -> int | None:
    async with factory() as session:
        return await session.scalar(
            select(ReferenceVersionRow.version).where(ReferenceVersionRow.name == CATEGORIES)
        )


async def an_update(
    factory: async_sessionmaker[AsyncSession], cache: CategoryCache, clock: FixedClock
) -> tuple[list[Category], Category | None, int]:
    """What an update of the bot reads: the first read, then the categories through the
    unit of work; with the number of statements the categories cost."""
    async with SqlUnitOfWork(factory, clock) as uow:
        first = await read_first(uow.session, next(UPDATE_IDS), None, None)
        uow.categories.read_through(cache, first.categories_version)
        statements: list[object] = []
        bind = uow.session.bind.sync_engine  # type: ignore[union-attr]

        def note(*args: object) -> None:
            statements.append(args[2])

        event.listen(bind, "before_cursor_execute", note)
        try:
            active = await uow.categories.list_active()
            roads = await uow.categories.get("roads")
        finally:
            event.remove(bind, "before_cursor_execute", note)
        return active, roads, len(statements)


def edited_data(tmp_path: Path) -> Path:
    """The bundled categories with the roads renamed and the last one dropped (retired)."""
    lines = (DATA_DIR / "categories.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Дороги и тротуары", "Дороги и мосты")
    path = tmp_path / "categories.csv"
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
async def loaded(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory.begin() as session:
        await load_reference_data(session, DATA_DIR)


@pytest.fixture
async def second_process(db_url: str) -> AsyncIterator[AsyncEngine]:
    """Another engine on the same database: another process's connections and cache."""
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.mark.usefixtures("loaded")
async def test_the_loader_and_an_operators_sql_move_the_version(
    session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    before = await version(session_factory)
    assert before is not None
    async with session_factory.begin() as session:
        report = await load_categories(session, edited_data(tmp_path))
        assert (report.updated, report.retired) == (1, 1)
        moved = await version(session_factory)
    assert moved == before  # not before the change commits: it moves in its transaction
    after = await version(session_factory)
    assert after is not None and after > before

    async with session_factory.begin() as session:
        await session.execute(update(CategoryRow).values(first_response_hours=48))
    last = await version(session_factory)
    assert last is not None and last > after


@pytest.mark.usefixtures("loaded")
async def test_a_second_process_sees_a_change_with_its_next_update(
    session_factory: async_sessionmaker[AsyncSession],
    second_process: AsyncEngine,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    first_factory, first_cache = session_factory, CategoryCache()
    other_factory, other_cache = create_session_factory(second_process), CategoryCache()

    active, roads, _ = await an_update(other_factory, other_cache, clock)
    assert roads is not None and roads.name_ru == "Дороги и тротуары" and len(active) == 10
    again, _, statements = await an_update(other_factory, other_cache, clock)
    assert again == active and statements == 0  # from memory while nothing changed
    assert other_cache.loads == 1

    async with first_factory.begin() as session:  # "process one" loads edited data
        await load_categories(session, edited_data(tmp_path))
    await an_update(first_factory, first_cache, clock)

    active, roads, statements = await an_update(other_factory, other_cache, clock)
    assert roads is not None and roads.name_ru == "Дороги и мосты"
    assert len(active) == 9 and statements == 1
    retired = (await an_update(other_factory, other_cache, clock))[0]
    assert retired == active and other_cache.loads == 2


async def test_without_a_version_row_the_database_is_read(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    async with session_factory.begin() as session:
        await session.execute(ReferenceVersionRow.__table__.delete())
    cache = CategoryCache()
    _, roads, statements = await an_update(session_factory, cache, clock)
    assert roads is None and statements == 2 and cache.loads == 0
    async with session_factory.begin() as session:  # a change brings the row back
        await load_reference_data(session, DATA_DIR)
    _, roads, statements = await an_update(session_factory, cache, clock)
    assert roads is not None and statements == 1

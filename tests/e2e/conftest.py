import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.clock import FixedClock
from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import START, RunningBot, build_template, copy_template, settings_for


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once with reference data; every test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(build_template(path))
    return path


@pytest.fixture
async def stand_in() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn() as server:
        yield server


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def bot(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, clock: FixedClock
) -> AsyncIterator[RunningBot]:
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    running = RunningBot(settings_for(stand_in, database), clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
def anna(stand_in: BotApiStandIn, bot: RunningBot) -> Person:
    return stand_in.world.add_person(first_name="Анна", language_code="ru")


@pytest.fixture
def boris(stand_in: BotApiStandIn, bot: RunningBot) -> Person:
    return stand_in.world.add_person(first_name="Борис", language_code="ru")

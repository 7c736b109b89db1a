from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from domain.clock import StartedClock
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import (
    START,
    BotStarter,
    RunningBot,
    copy_template,
    settings_for,
)


@pytest.fixture
def clock() -> StartedClock:
    return StartedClock(START)


@pytest.fixture
def bot_on_fresh_database(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, clock: StartedClock
) -> BotStarter:
    """Starts a bot of the given kind (polling, webhook) on its own copy of the database."""

    @asynccontextmanager
    async def start(kind: type[RunningBot]) -> AsyncIterator[RunningBot]:
        database = copy_template(database_template, tmp_path / "bot.sqlite3")
        running = kind(settings_for(stand_in, database), clock)
        await running.start()
        try:
            yield running
        finally:
            await running.stop()

    return start


@pytest.fixture
async def bot(
    bot_on_fresh_database: BotStarter,
) -> AsyncIterator[RunningBot]:
    async with bot_on_fresh_database(RunningBot) as running:
        yield running


@pytest.fixture
def anna(stand_in: BotApiStandIn, bot: RunningBot) -> Person:
    return add_person(stand_in.world, first_name="Анна", language_code="ru")


@pytest.fixture
def boris(stand_in: BotApiStandIn, bot: RunningBot) -> Person:
    return add_person(stand_in.world, first_name="Борис", language_code="ru")


@pytest.fixture
def no_bot_api_errors(stand_in: BotApiStandIn) -> Iterator[BotApiStandIn]:
    """Opt-in: the test fails if the stand-in answered the bot with any error (400, 403, ...)."""
    yield stand_in
    errors = "\n".join(str(error) for error in stand_in.errors)
    assert not stand_in.errors, f"the bot got Bot API errors:\n{errors}"

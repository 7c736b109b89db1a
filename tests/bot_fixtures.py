"""Fixtures shared by the suites that run the real bot (tests/e2e, tests/api): a migrated
database template with the reference data, and the Bot API stand-in."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.server import BotApiStandIn
from tests.e2e.harness import build_template


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

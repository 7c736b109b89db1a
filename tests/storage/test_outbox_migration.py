"""Revision 0003 gives rows already in the outbox their place in the chat's order."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage import migrate
from storage.engine import create_engine
from storage.types import UtcDateTime
from tests.storage.databases import (
    BACKENDS,
    create_postgres_database,
    drop_postgres_database,
    sqlite_url,
)
from tests.storage.samples import NOW

# The table as revision 0002 left it, spelled out: the models already describe 0003.
OLD_OUTBOX = sa.table(
    "notification_outbox",
    sa.column("key", sa.String),
    sa.column("chat_id", sa.BigInteger),
    sa.column("kind", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("status", sa.String),
    sa.column("attempts", sa.Integer),
    sa.column("next_attempt_at", UtcDateTime()),
    sa.column("created_at", UtcDateTime()),
)


@pytest.fixture(params=BACKENDS)
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "fresh.db")
        return
    url = await create_postgres_database()
    try:
        yield url
    finally:
        await drop_postgres_database(url)


def old_row(key: str, attempts: int, next_attempt_at: object) -> dict[str, object]:
    return {
        "key": key,
        "chat_id": 1,
        "kind": "test",
        "payload": {},
        "status": "pending",
        "attempts": attempts,
        "next_attempt_at": next_attempt_at,
        "created_at": NOW,
    }


async def test_due_at_is_the_planned_moment_or_when_the_row_was_written(empty_url: str) -> None:
    await migrate.upgrade(empty_url, "0002")
    engine = create_engine(empty_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                sa.insert(OLD_OUTBOX),
                [
                    old_row("planned", 0, NOW + timedelta(hours=3)),
                    old_row("retrying", 2, NOW + timedelta(minutes=5)),
                ],
            )
        await migrate.upgrade(empty_url)
        columns = sa.table(
            "notification_outbox", sa.column("key"), sa.column("due_at", UtcDateTime())
        )
        async with engine.connect() as connection:
            due = dict((await connection.execute(sa.select(columns))).tuples().all())
    finally:
        await engine.dispose()
    assert due == {"planned": NOW + timedelta(hours=3), "retrying": NOW}
    await migrate.downgrade(empty_url, "0002")  # and back, with the rows in it

"""Two bot processes on one address (webhook mode, PostgreSQL and Redis), as in production.

Real OS processes (`mykazan run`, tests/e2e/processes.py), sharing 127.0.0.1:port through
SO_REUSEPORT; the stand-in delivers like Telegram, a queue per chat, many chats at once.
- Each chat's updates are handled in the order they were sent, whichever process took them:
  the replies come back in the same order (Telegram sends a chat's next update only after
  the webhook answered the previous, and the bot answers only after handling).
- A scheduled job runs once per period across the processes (scheduler/exclusive.py).
"""

import asyncio
import os
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import PROJECT_ROOT
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig
from storage.bootstrap import migrate_and_load
from storage.engine import create_engine
from tests.e2e.processes import BotProcesses, bot_environment, free_port
from tests.e2e.waiting import eventually
from tests.storage.databases import (
    create_postgres_database,
    drop_postgres_database,
    run_outside_loop,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis]
TOKEN = "731600:SEVERAL-PROCESSES"  # its own Redis keys: other tests share the database
CHATS, STEPS = 16, 6
# What a resident sends, and how the reply to it begins.
SAYINGS = {
    "/nosuch": "Такой команды нет",
    "sticker": "Я не умею работать с таким сообщением",
    "/help": "",  # the help text: whatever does not begin like the other two
}


@pytest.fixture(scope="module")
def migrated_database() -> Iterator[str]:
    """A fresh PostgreSQL database, migrated once before any process starts."""
    url = run_outside_loop(create_postgres_database())
    try:
        run_outside_loop(migrate_and_load(url, PROJECT_ROOT / "data"))
        yield url
    finally:
        run_outside_loop(drop_postgres_database(url))


def kind_of(reply: str) -> str:
    for saying, start in SAYINGS.items():
        if start and reply.startswith(start):
            return saying
    return "/help"


async def test_each_chat_is_answered_in_order_across_two_processes(
    migrated_database: str,
) -> None:
    rng = random.Random(16)
    # Telegram waits about a minute for a webhook's answer; a busy machine needs it too.
    config = StandInConfig(webhook_timeout=60.0)
    async with BotApiStandIn(token=TOKEN, config=config) as stand_in:
        env = bot_environment(
            stand_in,
            free_port(),
            DATABASE_URL=migrated_database,
            REDIS_URL=os.environ["TEST_REDIS_URL"],
            LOG_LEVEL="DEBUG",  # aiogram's line per update: which process handled it
        )
        async with BotProcesses(2, env, max_seconds=60) as bots:
            people = [add_person(stand_in.world, f"Житель {n}") for n in range(CHATS)]
            sent = {person.id: rng.choices(list(SAYINGS), k=STEPS) for person in people}
            for person in people:  # all at once: the stand-in holds each chat's queue
                for saying in sent[person.id]:
                    if saying == "sticker":
                        await person.send_sticker(wait=False)
                    else:
                        await person.send(saying, wait=False)
            await eventually(lambda: not stand_in.world.updates.pending(), timeout=90)
            handled = [
                sum("is handled" in line for line in bots.lines_of(worker))
                for worker in bots.processes
            ]
    for person in people:
        answered = [kind_of(reply.text or "") for reply in person.replies()]
        assert answered == sent[person.id], person
    # One reply per update, in order, is checked above; the log tells who handled them (two
    # processes write to one pipe, so a long line may be split: count, do not tally).
    assert all(handled), f"one process handled everything: {handled}"


async def test_a_scheduled_job_runs_once_a_period_across_two_processes(
    migrated_database: str,
) -> None:
    """Two processes fire a job every second for a few seconds (the real claim, the real
    APScheduler cron trigger); each run leaves a row keyed by its period and process."""
    job = f"tick-{os.getpid()}-{datetime.now(UTC).timestamp():.0f}"
    script = Path(__file__).with_name("ticking_process.py")
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            str(script),
            migrated_database,
            job,
            name,
            "4",
            stdout=asyncio.subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    outputs = [await asyncio.wait_for(p.communicate(), 40) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    fired = [int(out.split()[0]) for out, _ in outputs]
    engine = create_engine(migrated_database)
    try:
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text("SELECT key FROM notification_outbox WHERE key LIKE :job"),
                    {"job": f"{job}:%"},
                )
            ).all()
    finally:
        await engine.dispose()
    periods = [key.split(":")[1] for (key,) in rows]
    assert min(fired) >= 3, fired  # both processes fired for every second they ran
    assert len(periods) >= 3 and len(periods) == len(set(periods)), sorted(periods)

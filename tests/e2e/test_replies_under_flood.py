"""Replies survive Telegram's flood control: a restart with updates queued behind it.

The stand-in here is stricter than the bot's own pace (10 messages a second in all instead
of 30), so the rush after the restart meets real 429s; every resident is still answered,
exactly once, and no update is given up.
"""

import logging
from pathlib import Path

import pytest

from domain.clock import StartedClock
from sandbox.pacing import Pacing
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from sandbox.state import StandInConfig
from tests.e2e.harness import START, RunningBot, copy_template, settings_for
from tests.e2e.waiting import eventually

QUEUED = 50
STRICT = Pacing(enabled=True, overall_per_second=10)


async def test_fifty_queued_updates_are_all_answered_through_429s(
    database_template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = StandInConfig(pacing=STRICT, max_lifetime=120.0)
    async with BotApiStandIn(config=config) as stand_in:
        database = copy_template(database_template, tmp_path / "bot.sqlite3")
        bot = RunningBot(settings_for(stand_in, database), StartedClock(START))
        await bot.start()
        await bot.stop()  # down: what residents send now queues up in Telegram
        residents = [add_person(stand_in.world, first_name=f"Житель {i}") for i in range(QUEUED)]
        for resident in residents:
            await resident.send("/help", wait=False)
        caplog.set_level(logging.INFO, logger="bot.reply_pacing")
        await bot.start()
        try:

            def all_answered() -> bool:
                return all(resident.replies() for resident in residents)

            await eventually(all_answered, timeout=30)
        finally:
            await bot.stop()
    unanswered = [r.account.first_name for r in residents if not r.replies()]
    assert unanswered == [], f"{len(unanswered)} of {QUEUED} residents never answered"
    assert all(len(resident.replies()) == 1 for resident in residents)  # once, no apology
    floods = [r for r in caplog.records if "met flood control" in r.getMessage()]
    assert floods, "the stand-in was meant to answer some replies with 429"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

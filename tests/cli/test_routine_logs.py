"""Routine lines (scheduler ticks, migration revisions) stay out of an INFO log; DEBUG has all."""

import logging
from collections.abc import Iterator

import pytest

from bot.cli import quiet_routine_logs

NAMES = ("apscheduler", "apscheduler.executors.default", "alembic.runtime.migration")


@pytest.fixture(autouse=True)
def restore_levels() -> Iterator[None]:
    levels = {name: logging.getLogger(name).level for name in NAMES}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_ticks_and_revisions_are_not_info_when_running() -> None:
    quiet_routine_logs("INFO", "run")
    tick = logging.getLogger("apscheduler.executors.default")
    assert not tick.isEnabledFor(logging.INFO) and tick.isEnabledFor(logging.WARNING)
    assert not logging.getLogger("alembic.runtime.migration").isEnabledFor(logging.INFO)


def test_migrate_still_lists_the_revisions_and_debug_shows_everything() -> None:
    for name in NAMES:
        logging.getLogger(name).setLevel(logging.NOTSET)  # as configured: the root's level
    quiet_routine_logs("INFO", "migrate")
    assert logging.getLogger("alembic.runtime.migration").level == logging.NOTSET
    assert logging.getLogger("apscheduler").level == logging.WARNING
    logging.getLogger("apscheduler").setLevel(logging.NOTSET)
    quiet_routine_logs("DEBUG", "run")
    assert all(logging.getLogger(name).level == logging.NOTSET for name in NAMES)

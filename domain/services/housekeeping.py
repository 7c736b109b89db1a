"""Keeping the database small: forget what is no longer needed."""

from datetime import timedelta

from domain.clock import Clock
from domain.ports import UnitOfWork

# Telegram keeps undelivered updates for 24 hours; a week of ids covers any replay.
PROCESSED_UPDATES_KEPT = timedelta(days=7)


async def forget_old_update_ids(uow: UnitOfWork, clock: Clock) -> int:
    return await uow.updates.prune(clock.now() - PROCESSED_UPDATES_KEPT)

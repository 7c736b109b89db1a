"""Keeping the database small: forget what is no longer needed."""

from datetime import timedelta

from domain.clock import Clock
from domain.ports import UnitOfWork
from domain.services.notify import STAFF_CARD

# Telegram keeps undelivered updates for 24 hours; a week of ids covers any replay.
PROCESSED_UPDATES_KEPT = timedelta(days=7)
# Delivered notices are kept a month for support questions ("I never got it"), then dropped;
# the staff card rows stay: the newest sent one says which message is the card.
DELIVERED_KEPT = timedelta(days=30)


async def forget_old_update_ids(uow: UnitOfWork, clock: Clock) -> int:
    return await uow.updates.prune(clock.now() - PROCESSED_UPDATES_KEPT)


async def forget_delivered_notices(uow: UnitOfWork, clock: Clock) -> int:
    return await uow.outbox.prune_delivered(clock.now() - DELIVERED_KEPT, keep_kinds=[STAFF_CARD])

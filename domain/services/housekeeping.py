"""Keeping the database small: forget what is no longer needed."""

from datetime import timedelta

from domain.alerts.crowd_notices import STAFF_REOPENED_CARD, STAFF_SUSPECTED_CARD
from domain.booking.notices import STAFF_BOOKING_CARD, STAFF_PERFORMER_CARD
from domain.clock import Clock
from domain.ports import UnitOfWork
from domain.services.incidents import STAFF_INCIDENT
from domain.services.notify import STAFF_CARD, STAFF_NEWS

# Telegram keeps undelivered updates for 24 hours; a week of ids covers any replay.
PROCESSED_UPDATES_KEPT = timedelta(days=7)
# Delivered notices are kept a month for support questions ("I never got it"), then dropped;
# the rows of what the staff chat shows stay: the newest sent one of a card says which message
# is the card (requests, bookings, profiles, incidents, suspected and reopened outages), and
# a news row lets a staff reply to the author's news count as an answer.
DELIVERED_KEPT = timedelta(days=30)
KEPT_KINDS = (
    STAFF_CARD,
    STAFF_NEWS,
    STAFF_BOOKING_CARD,
    STAFF_PERFORMER_CARD,
    STAFF_INCIDENT,
    STAFF_SUSPECTED_CARD,
    STAFF_REOPENED_CARD,
)


async def forget_old_update_ids(uow: UnitOfWork, clock: Clock) -> int:
    return await uow.updates.prune(clock.now() - PROCESSED_UPDATES_KEPT)


async def forget_delivered_notices(uow: UnitOfWork, clock: Clock) -> int:
    return await uow.outbox.prune_delivered(clock.now() - DELIVERED_KEPT, keep_kinds=KEPT_KINDS)

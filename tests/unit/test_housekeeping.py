"""Old delivered notices go; what says where a staff chat's cards and news are stays."""

from datetime import UTC, datetime, timedelta

from domain.booking.notices import STAFF_BOOKING_CARD, STAFF_PERFORMER_CARD
from domain.clock import FixedClock
from domain.notifications import Notification, NotificationStatus
from domain.services.housekeeping import DELIVERED_KEPT, forget_delivered_notices
from domain.services.incidents import STAFF_INCIDENT
from domain.services.notify import REQUEST_EVENT, STAFF_CARD, STAFF_NEWS
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
LONG_AGO = NOW - DELIVERED_KEPT - timedelta(days=1)


def sent(kind: str, key: str) -> Notification:
    return Notification(
        key, -100, kind, {}, LONG_AGO, status=NotificationStatus.SENT, sent_message_id=7
    )


async def test_a_month_old_notice_goes_and_every_staff_chat_card_stays() -> None:
    uow = FakeUnitOfWork()
    kept = [STAFF_CARD, STAFF_NEWS, STAFF_BOOKING_CARD, STAFF_PERFORMER_CARD, STAFF_INCIDENT]
    for kind in [REQUEST_EVENT, *kept]:
        await uow.outbox.add(sent(kind, f"{kind}:1"))
    assert await forget_delivered_notices(uow, FixedClock(NOW)) == 1
    assert sorted(n.kind for n in uow.outbox.rows.values()) == sorted(kept)

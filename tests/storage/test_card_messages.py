"""Where a booking's, a profile's or an incident's card stands in the staff chat: the message
the newest sent row reached (a card deleted by hand and posted anew is the new message)."""

from datetime import timedelta

from sqlalchemy import update

from domain.booking.notices import STAFF_BOOKING_CARD, booking_card_key, staff_booking_card
from domain.notifications import NotificationStatus
from storage.models import OutboxRow
from storage.repositories.card_messages import card_state, drop_unposted
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW

STAFF = -100


async def sent(uow: SqlUnitOfWork, key: str, message_id: int) -> None:
    await uow.session.execute(
        update(OutboxRow)
        .where(OutboxRow.key == key)
        .values(status=NotificationStatus.SENT.value, sent_message_id=message_id)
    )


async def test_the_newest_sent_row_names_the_card_and_who_decided(uow: SqlUnitOfWork) -> None:
    rows = [
        staff_booking_card(STAFF, 7, NOW),
        staff_booking_card(STAFF, 7, NOW + timedelta(minutes=1), "confirmed", {"by": "Начальник"}),
        staff_booking_card(STAFF, 7, NOW + timedelta(minutes=2), "cancelled"),
        staff_booking_card(STAFF, 7, NOW + timedelta(minutes=3), "no_show"),  # not sent yet
        staff_booking_card(STAFF, 70, NOW),  # another booking: "staffbooking:70" is not 7's
        staff_booking_card(STAFF - 1, 7, NOW + timedelta(minutes=4)),  # another chat
    ]
    async with uow:
        for row in rows:
            assert await uow.outbox.add(row)
        await sent(uow, rows[0].key, 11)
        await sent(uow, rows[1].key, 11)
        await sent(uow, rows[2].key, 25)  # the card was deleted by hand: posted anew
        await sent(uow, rows[4].key, 99)
        await sent(uow, rows[5].key, 98)
        state = await card_state(uow.session, STAFF_BOOKING_CARD, booking_card_key(7), STAFF)
        never = await card_state(uow.session, STAFF_BOOKING_CARD, booking_card_key(8), STAFF)
        message_id = await uow.cards.message_id(STAFF_BOOKING_CARD, booking_card_key(7), STAFF)
    assert (state.message_id, state.by) == (25, "Начальник")
    assert state.payload == {"booking_id": 7}  # the newest row, sent or not
    assert (never.message_id, never.by, never.payload) == (None, None, None)
    assert message_id == 25  # the unit of work's port reads the same message


async def test_rows_of_a_card_never_posted_are_dropped_and_of_a_posted_one_kept(
    uow: SqlUnitOfWork,
) -> None:
    posted = [staff_booking_card(STAFF, 1, NOW), staff_booking_card(STAFF, 1, NOW, "erased")]
    unposted = [staff_booking_card(STAFF, 2, NOW), staff_booking_card(STAFF, 2, NOW, "erased")]
    async with uow:
        for row in posted + unposted:
            await uow.outbox.add(row)
        await sent(uow, posted[0].key, 5)
        await drop_unposted(uow.session, STAFF_BOOKING_CARD, booking_card_key(1))
        await drop_unposted(uow.session, STAFF_BOOKING_CARD, booking_card_key(2))
        await uow.commit()
    async with uow:
        left = [n.key for n in await uow.outbox.pending(NOW, 10)]
    assert left == [posted[1].key]


async def test_the_newest_row_not_given_up_is_what_the_card_shows(uow: SqlUnitOfWork) -> None:
    rows = [
        staff_booking_card(STAFF, 7, NOW),
        staff_booking_card(STAFF, 7, NOW + timedelta(minutes=1), "confirmed", {"by": "Начальник"}),
        staff_booking_card(STAFF, 7, NOW + timedelta(minutes=2), "cancelled", {"by": "Никто"}),
    ]
    async with uow:
        for row in rows:
            assert await uow.outbox.add(row)
        await uow.session.execute(
            update(OutboxRow)
            .where(OutboxRow.key == rows[2].key)
            .values(status=NotificationStatus.FAILED.value)
        )
        newest = await uow.cards.newest(STAFF_BOOKING_CARD, booking_card_key(7), STAFF)
        assert newest is not None and newest[1]["by"] == "Начальник"  # the failed one is not
        assert await uow.cards.newest(STAFF_BOOKING_CARD, booking_card_key(8), STAFF) is None

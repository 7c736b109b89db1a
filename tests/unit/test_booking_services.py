"""The booking use cases (domain/services/booking.py) on in-memory ports: what is stored,
what is refused (leaving nothing behind), and what the outbox is given to send."""

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from domain.booking.bookings import Booking, BookingPolicy, BookingRefused, BookingStatus, Refusal
from domain.booking.notices import BOOKING_NOTICE, STAFF_BOOKING_CARD
from domain.booking.performers import Performer, PerformerStatus
from domain.booking.sites import Site, Sound
from domain.clock import FixedClock
from domain.errors import NotFound
from domain.notifications import Notification, Priority
from domain.services.booking import (
    accept_offer,
    book,
    cancel,
    expire_offers,
    join_waitlist,
    leave_waitlist,
)
from tests.unit.booking_fakes import FakeBookingUnitOfWork
from tests.unit.test_booking_domain import NOW, POLICY, TUESDAY, city, performer, site

STAFF_CHAT = -100500
ALSU, BORIS, VERA = 1001, 1002, 1003
BAUMAN = site()  # id 7, open 10:00-22:00 every day, slots of 2 hours with 15 minutes between
KREMLIN = site(code="kremlin", name_ru="Кремлёвская", id=8, auto_approve=False)
TEN = city(TUESDAY, 10)  # the first slot of Tuesday
NEXT = city(TUESDAY, 12, 15)  # the second


@pytest.fixture
def uow() -> FakeBookingUnitOfWork:
    return FakeBookingUnitOfWork([BAUMAN, KREMLIN], staff_chat_id=STAFF_CHAT)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


async def registered(uow: FakeBookingUnitOfWork, user_id: int, **changes: Any) -> Performer:
    return await uow.performers.add(performer(user_id=user_id, id=None, **changes))


async def book_at(
    uow: FakeBookingUnitOfWork,
    clock: FixedClock,
    user_id: int,
    at: Site = BAUMAN,
    starts_at: Any = TEN,
    policy: BookingPolicy = POLICY,
) -> Booking:
    assert at.id is not None
    return await book(uow, clock, policy, user_id=user_id, site_id=at.id, starts_at=starts_at)


async def two_waiting(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> tuple[Booking, Performer, Performer]:
    """Alsu has Tuesday's first slot; Boris, then Vera, wait for it."""
    await registered(uow, ALSU)
    boris = await registered(uow, BORIS)
    vera = await registered(uow, VERA)
    booking = await book_at(uow, clock, ALSU)
    assert await join_waitlist(uow, clock, BORIS, 7, TEN)
    assert await join_waitlist(uow, clock, VERA, 7, TEN)
    return booking, boris, vera


def offers(uow: FakeBookingUnitOfWork) -> list[Booking]:
    return [b for b in uow.bookings.rows.values() if b.status is BookingStatus.OFFERED]


def notices(uow: FakeBookingUnitOfWork) -> list[Notification]:
    """What performers are told, in the order written (staff cards left out)."""
    return [n for n in uow.outbox.rows.values() if n.kind == BOOKING_NOTICE]


def refusal(error: pytest.ExceptionInfo[BookingRefused]) -> Refusal:
    return error.value.refusal


async def test_an_auto_approved_booking_is_confirmed_and_holds_its_slot(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    alsu = await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU)
    assert booking.status is BookingStatus.CONFIRMED
    assert booking.performer_id == alsu.id
    assert booking.ends_at - booking.starts_at == timedelta(hours=2)
    assert uow.bookings.rows == {booking.id: booking}
    assert set(uow.bookings.claims.values()) == {booking.id}
    # The answer to the press is the confirmation; staff have no card of it.
    assert uow.outbox.rows == {}


async def test_a_booking_waiting_for_staff_posts_their_card(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=KREMLIN)
    assert booking.status is BookingStatus.PENDING
    [card] = uow.outbox.rows.values()
    assert card.kind == STAFF_BOOKING_CARD and card.chat_id == STAFF_CHAT
    assert card.payload == {"booking_id": booking.id}


async def test_without_a_staff_chat_a_pending_booking_posts_nothing(clock: FixedClock) -> None:
    uow = FakeBookingUnitOfWork([KREMLIN], staff_chat_id=None)
    await registered(uow, ALSU)
    assert (await book_at(uow, clock, ALSU, at=KREMLIN)).status is BookingStatus.PENDING
    assert uow.outbox.rows == {}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": PerformerStatus.PENDING}, Refusal.NOT_APPROVED),
        ({"suspended_until": NOW + timedelta(days=3)}, Refusal.SUSPENDED),
        ({"sound": Sound.UP_TO_90_DB}, Refusal.TOO_LOUD),
        ({"group_size": 6}, Refusal.GROUP_TOO_BIG),
    ],
)
async def test_who_may_not_book(
    uow: FakeBookingUnitOfWork, clock: FixedClock, changes: dict[str, Any], expected: Refusal
) -> None:
    await registered(uow, ALSU, **changes)
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU)
    assert refusal(error) is expected
    assert uow.bookings.rows == {} and uow.bookings.claims == {}


async def test_someone_without_a_profile_is_asked_to_register(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU)
    assert refusal(error) is Refusal.NOT_REGISTERED


@pytest.mark.parametrize(
    ("starts_at", "expected"),
    [
        (city(TUESDAY, 10, 30), Refusal.SITE_CLOSED),  # not a slot of the site
        (city(NOW.date(), 10), Refusal.IN_THE_PAST),
        (city(TUESDAY + timedelta(days=POLICY.horizon_days + 1), 10), Refusal.TOO_FAR),
    ],
)
async def test_slots_out_of_reach(
    uow: FakeBookingUnitOfWork, clock: FixedClock, starts_at: Any, expected: Refusal
) -> None:
    await registered(uow, ALSU)
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU, starts_at=starts_at)
    assert refusal(error) is expected
    assert uow.bookings.rows == {}


async def test_a_slot_starting_too_soon(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    await registered(uow, ALSU)
    clock.set(TEN - POLICY.min_lead + timedelta(minutes=1))
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU)
    assert refusal(error) is Refusal.TOO_CLOSE


async def test_a_taken_slot_is_refused_and_leaves_nothing_behind(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    await registered(uow, BORIS)
    first = await book_at(uow, clock, ALSU)
    held = dict(uow.bookings.claims)
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, BORIS)
    assert refusal(error) is Refusal.SLOT_TAKEN
    assert list(uow.bookings.rows) == [first.id]
    assert uow.bookings.claims == held


async def test_one_act_cannot_be_at_two_sites_at_once(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    await book_at(uow, clock, ALSU)
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU, at=KREMLIN)
    assert refusal(error) is Refusal.OVERLAP


async def test_one_slot_a_day_at_a_site(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    await registered(uow, ALSU)
    await book_at(uow, clock, ALSU)
    with pytest.raises(BookingRefused) as error:
        await book_at(uow, clock, ALSU, starts_at=NEXT)
    assert refusal(error) is Refusal.SITE_DAY
    assert len(uow.bookings.rows) == 1


async def test_the_weekly_limit(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    twice = BookingPolicy(per_week=2)
    await registered(uow, ALSU)
    for day in (TUESDAY, TUESDAY + timedelta(days=1)):
        await book_at(uow, clock, ALSU, starts_at=city(day, 10), policy=twice)
    with pytest.raises(BookingRefused) as error:
        await book_at(
            uow, clock, ALSU, starts_at=city(TUESDAY + timedelta(days=2), 10), policy=twice
        )
    assert refusal(error) is Refusal.WEEK_LIMIT
    assert len(uow.bookings.rows) == 2
    # The next week has its own places.
    await book_at(uow, clock, ALSU, starts_at=city(TUESDAY + timedelta(days=7), 10), policy=twice)


async def test_cancelling_frees_the_slot_and_offers_it_to_the_first_waiting(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    booking, boris, vera = await two_waiting(uow, clock)

    cancelled = await cancel(uow, clock, POLICY, ALSU, booking.id or 0)

    assert cancelled.status is BookingStatus.CANCELLED
    assert uow.bookings.rows[booking.id or 0].status is BookingStatus.CANCELLED
    [offer] = offers(uow)
    assert offer.performer_id == boris.id and offer.starts_at == TEN
    assert offer.offer_expires_at == NOW + POLICY.offer_ttl
    assert set(uow.bookings.claims.values()) == {offer.id}  # the cancelled one let go
    assert await uow.bookings.waiting(7, TEN) == [vera.id]
    [notice] = notices(uow)
    assert notice.kind == BOOKING_NOTICE and notice.chat_id == BORIS
    assert notice.payload == {"booking_id": offer.id, "news": "offered"}
    assert notice.priority == Priority.URGENT


async def test_a_cancelled_pending_booking_redraws_the_staff_card(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU, at=KREMLIN)
    clock.set(NOW + timedelta(minutes=5))
    await cancel(uow, clock, POLICY, ALSU, booking.id or 0)
    cards = [n for n in uow.outbox.rows.values() if n.kind == STAFF_BOOKING_CARD]
    assert len(cards) == 2
    assert cards[-1].key.startswith(f"staffbooking:{booking.id}:cancelled:")


async def test_too_late_to_cancel(uow: FakeBookingUnitOfWork, clock: FixedClock) -> None:
    await registered(uow, ALSU)
    booking = await book_at(uow, clock, ALSU)
    clock.set(TEN - POLICY.cancel_before + timedelta(minutes=1))
    with pytest.raises(BookingRefused) as error:
        await cancel(uow, clock, POLICY, ALSU, booking.id or 0)
    assert refusal(error) is Refusal.TOO_LATE_TO_CANCEL
    assert uow.bookings.rows[booking.id or 0].status is BookingStatus.CONFIRMED


async def test_nobody_cancels_someone_elses_booking(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU)
    await registered(uow, BORIS)
    booking = await book_at(uow, clock, ALSU)
    with pytest.raises(NotFound):
        await cancel(uow, clock, POLICY, BORIS, booking.id or 0)
    assert uow.bookings.rows[booking.id or 0].status is BookingStatus.CONFIRMED


async def test_joining_and_leaving_a_waiting_list(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    alsu = await registered(uow, ALSU)
    assert await join_waitlist(uow, clock, ALSU, 7, TEN)
    assert not await join_waitlist(uow, clock, ALSU, 7, TEN)  # already there
    assert await uow.bookings.waits_of(alsu.id or 0, NOW) == [(7, TEN)]
    assert await leave_waitlist(uow, ALSU, 7, TEN)
    assert not await leave_waitlist(uow, ALSU, 7, TEN)
    assert uow.bookings.waits == []


async def test_the_waiting_list_keeps_the_booking_rules(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    await registered(uow, ALSU, status=PerformerStatus.PENDING)
    await registered(uow, BORIS)
    with pytest.raises(BookingRefused) as error:
        await join_waitlist(uow, clock, ALSU, 7, TEN)
    assert refusal(error) is Refusal.NOT_APPROVED
    with pytest.raises(BookingRefused) as error:
        await join_waitlist(uow, clock, BORIS, 7, city(NOW.date(), 10))
    assert refusal(error) is Refusal.IN_THE_PAST
    assert uow.bookings.waits == []


async def test_an_offer_skips_whoever_can_no_longer_take_it(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    booking, boris, vera = await two_waiting(uow, clock)
    # Meanwhile Boris was suspended: the slot goes to Vera.
    await uow.performers.save(replace(boris, suspended_until=TEN))
    await cancel(uow, clock, POLICY, ALSU, booking.id or 0)
    [offer] = offers(uow)
    assert offer.performer_id == vera.id
    assert uow.bookings.waits == []
    assert [n.chat_id for n in notices(uow)] == [VERA]


async def offered(uow: FakeBookingUnitOfWork, clock: FixedClock, at: Site = BAUMAN) -> Booking:
    """Alsu books, Boris waits, Alsu cancels: Boris holds the offer."""
    await registered(uow, ALSU)
    await registered(uow, BORIS)
    booking = await book_at(uow, clock, ALSU, at=at)
    await join_waitlist(uow, clock, BORIS, at.id or 0, TEN)
    await cancel(uow, clock, POLICY, ALSU, booking.id or 0)
    [offer] = offers(uow)
    return offer


async def test_accepting_an_offer_confirms_it(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    offer = await offered(uow, clock)
    accepted = await accept_offer(uow, clock, BORIS, offer.id or 0)
    assert accepted.status is BookingStatus.CONFIRMED and accepted.offer_expires_at is None
    assert uow.bookings.rows[offer.id or 0] == accepted


async def test_an_accepted_offer_at_a_staff_site_waits_for_staff(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    offer = await offered(uow, clock, at=KREMLIN)
    accepted = await accept_offer(uow, clock, BORIS, offer.id or 0)
    assert accepted.status is BookingStatus.PENDING
    card = list(uow.outbox.rows.values())[-1]
    assert card.kind == STAFF_BOOKING_CARD and card.payload == {"booking_id": offer.id}


async def test_a_lapsed_offer_cannot_be_accepted(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    offer = await offered(uow, clock)
    clock.set(NOW + POLICY.offer_ttl)
    with pytest.raises(BookingRefused) as error:
        await accept_offer(uow, clock, BORIS, offer.id or 0)
    assert refusal(error) is Refusal.SLOT_TAKEN
    assert uow.bookings.rows[offer.id or 0].status is BookingStatus.OFFERED


async def test_lapsed_offers_pass_to_the_next_waiting(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    offer = await offered(uow, clock)
    vera = await registered(uow, VERA)
    await join_waitlist(uow, clock, VERA, 7, TEN)
    assert await expire_offers(uow, clock, POLICY) == 0  # not yet
    clock.set(NOW + POLICY.offer_ttl)

    assert await expire_offers(uow, clock, POLICY) == 1

    assert uow.bookings.rows[offer.id or 0].status is BookingStatus.EXPIRED
    [second] = offers(uow)
    assert second.performer_id == vera.id
    assert second.offer_expires_at == NOW + 2 * POLICY.offer_ttl
    news = [(n.chat_id, n.payload["news"]) for n in notices(uow)]
    assert news == [(BORIS, "offered"), (BORIS, "offer_lapsed"), (VERA, "offered")]


async def test_declining_an_offer_expires_it(
    uow: FakeBookingUnitOfWork, clock: FixedClock
) -> None:
    offer = await offered(uow, clock)
    declined = await cancel(uow, clock, POLICY, BORIS, offer.id or 0)
    assert declined.status is BookingStatus.EXPIRED
    assert uow.bookings.claims == {}

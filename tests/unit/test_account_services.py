"""'My account' (domain/services/account.py) on the whole city in memory: the phone and its
consent, the export of everything about a person, and the erasure that frees their slots,
tells staff, keeps the requests anonymised and leaves nothing personal behind."""

from dataclasses import replace

import pytest

from domain.account import CONSENT_VERSION, ConsentRequired, ForeignContact
from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import SavedAddress
from domain.booking.bookings import BookingStatus
from domain.booking.notices import BOOKING_NOTICE, STAFF_BOOKING_CARD, STAFF_PERFORMER_CARD
from domain.clock import FixedClock
from domain.errors import NotFound
from domain.history import EventKind
from domain.notifications import Notification
from domain.requests import Place, Request, RequestStatus
from domain.services.account import erase_account, export_data, give_consent, share_phone
from domain.services.booking import book, join_waitlist
from domain.services.reports import ReportDraft, submit_request
from domain.services.subscriptions import add_address
from domain.users import User
from tests.unit.account_fakes import FakeCityUnitOfWork
from tests.unit.test_booking_domain import NOW, POLICY, TUESDAY, city, performer, site

STAFF_CHAT = -100500
ANNA, BORIS = 1001, 1002
BAUMAN = site()  # id 7
TEN = city(TUESDAY, 10)
PLACE = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")


@pytest.fixture
def uow() -> FakeCityUnitOfWork:
    city_uow = FakeCityUnitOfWork(staff_chat_id=STAFF_CHAT, sites=[BAUMAN])
    for user_id, name in ((ANNA, "Анна"), (BORIS, "Борис")):
        city_uow.users.rows[user_id] = User(user_id, name, "ru", NOW)
    return city_uow


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


async def report(uow: FakeCityUnitOfWork, clock: FixedClock, author_id: int = ANNA) -> Request:
    draft = ReportDraft("roads", PLACE, "Глубокая яма на проезжей части", ("f1",))
    return await submit_request(uow, clock, author_id, draft)


def card_rows(uow: FakeCityUnitOfWork, request_id: int) -> list[Notification]:
    """Rows of the request's staff card (its key is card<id>:<change>)."""
    return [n for k, n in uow.outbox.rows.items() if k.startswith(f"card{request_id}:")]


async def test_a_phone_needs_consent_first(uow: FakeCityUnitOfWork, clock: FixedClock) -> None:
    anna = uow.users.rows[ANNA]
    with pytest.raises(ConsentRequired):
        await share_phone(uow, clock, anna, ANNA, "8 900 123-45-67")
    assert uow.users.rows[ANNA].phone is None


async def test_only_ones_own_contact(uow: FakeCityUnitOfWork, clock: FixedClock) -> None:
    anna = replace(uow.users.rows[ANNA], consent_version=CONSENT_VERSION)
    with pytest.raises(ForeignContact):
        await share_phone(uow, clock, anna, BORIS, "8 900 123-45-67")
    assert uow.users.rows[ANNA].phone is None


async def test_a_shared_phone_redraws_the_open_requests_cards(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    open_one = await report(uow, clock)
    closed = await report(uow, clock)
    await uow.requests.save(replace(closed, status=RequestStatus.RESOLVED))
    await give_consent(uow, clock, uow.users.rows[ANNA])
    anna = uow.users.rows[ANNA]
    assert (anna.consent_version, anna.consent_at) == (CONSENT_VERSION, NOW)
    before = len(uow.outbox.rows)

    phone = await share_phone(uow, clock, anna, ANNA, "8 900 123-45-67")

    assert phone == uow.users.rows[ANNA].phone == "+79001234567"
    [redrawn] = list(uow.outbox.rows.values())[before:]
    assert redrawn.chat_id == STAFF_CHAT and redrawn.payload == {"request_id": open_one.id}


async def test_consent_to_a_new_text_shows_an_old_phone_again(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    request = await report(uow, clock)
    uow.users.rows[ANNA] = replace(
        uow.users.rows[ANNA], phone="+79001234567", consent_version="2020-01"
    )
    before = set(uow.outbox.rows)
    await give_consent(uow, clock, uow.users.rows[ANNA])
    assert uow.users.rows[ANNA].consent_version == CONSENT_VERSION
    [new] = set(uow.outbox.rows) - before
    assert new.startswith(f"card{request.id}:at")


async def anna_everywhere(uow: FakeCityUnitOfWork, clock: FixedClock) -> None:
    """Anna reports, follows Boris's request, saves an address, performs and waits."""
    await report(uow, clock)
    borises = await report(uow, clock, author_id=BORIS)
    await uow.requests.add_follower(borises.id or 0, ANNA, NOW)
    home = SavedAddress(ANNA, "Дом", "ул. Баумана, 15", NOW, 5, "15")
    await add_address(uow, clock, home, [OutageKind.COLD_WATER])
    await uow.performers.add(performer(user_id=ANNA, id=None))
    await book(uow, clock, POLICY, user_id=ANNA, site_id=7, starts_at=TEN)
    await join_waitlist(uow, clock, ANNA, 7, city(TUESDAY, 12, 15))


async def test_the_export_holds_everything_about_the_person(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    await anna_everywhere(uow, clock)

    document = await export_data(uow, clock, ANNA)

    assert document["profile"]["telegram_id"] == ANNA
    assert [a["label"] for a in document["saved_addresses"]] == ["Дом"]
    [subscription] = document["alerts"]["subscriptions"]
    assert (subscription["topic"], subscription["address"]) == ("outage:cold_water", "Дом")
    [mine] = document["requests"]
    assert mine["number"] == "KZN-000001" and mine["category"]["name"] == "Дороги"
    assert [e["kind"] for e in mine["history"]] == [EventKind.CREATED.value]
    [followed] = document["following"]
    assert followed["number"] == "KZN-000002" and "description" not in followed
    [booking] = document["performer"]["bookings"]
    assert (booking["site"], booking["status"]) == ("Баумана", "confirmed")
    [waiting] = document["performer"]["waiting_for"]
    assert waiting["starts_at"].startswith("2026-03-03T12:15")


async def test_nothing_to_export_for_a_stranger(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    with pytest.raises(NotFound):
        await export_data(uow, clock, 4242)


async def test_erasure_frees_the_slots_tells_staff_and_keeps_requests_anonymised(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    await anna_everywhere(uow, clock)
    resolved = await report(uow, clock)
    await uow.requests.save(replace(resolved, status=RequestStatus.RESOLVED))
    boris = await uow.performers.add(performer(user_id=BORIS, id=None))
    await join_waitlist(uow, clock, BORIS, 7, TEN)
    await uow.outbox.add(Notification("hello", ANNA, "reply", {}, NOW))  # not yet sent to her

    erasure = await erase_account(uow, clock, POLICY, ANNA)

    assert (erasure.requests_kept, erasure.open_requests_noted) == (2, 1)
    assert erasure.bookings_cancelled == 1
    assert ANNA not in uow.users.rows
    # The requests stay with the city, their author unnamed; staff see why on the open one.
    kept = [uow.requests.rows[1], uow.requests.rows[3]]
    assert [r.author_id for r in kept] == [None, None]
    left = (await uow.requests.history(1))[-1]
    assert left.kind is EventKind.AUTHOR_LEFT
    assert (await uow.requests.history(3))[-1].kind is EventKind.CREATED
    assert card_rows(uow, 1)[-1].payload == {"request_id": 1, "event_id": left.id}
    assert len(card_rows(uow, 3)) == 1  # only its creation: a closed card stays as it was
    # Her slot went to Boris, who waited for it.
    [offer] = uow.bookings.rows.values()
    assert (offer.performer_id, offer.status) == (boris.id, BookingStatus.OFFERED)
    assert [n.chat_id for n in uow.outbox.rows.values() if n.kind == BOOKING_NOTICE] == [BORIS]
    # Nothing personal left; cards staff never saw are not posted now.
    assert list(uow.performers.rows.values()) == [boris]
    assert [w.performer_id for w in uow.bookings.waits] == []
    assert uow.subscriptions.rows == {} and uow.subscriptions.addresses_by_id == {}
    assert uow.requests.follows == set()
    assert all(n.chat_id != ANNA for n in uow.outbox.rows.values())
    kinds = {n.kind for n in uow.outbox.rows.values()}
    assert STAFF_PERFORMER_CARD not in kinds


async def test_a_posted_booking_card_is_redrawn_as_erased(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    await uow.performers.add(performer(user_id=ANNA, id=None))
    booking = await book(uow, clock, POLICY, user_id=ANNA, site_id=7, starts_at=TEN)
    posted = Notification(
        f"staffbooking:{booking.id}:pending:0",
        STAFF_CHAT,
        STAFF_BOOKING_CARD,
        {"booking_id": booking.id},
        NOW,
        sent_message_id=77,
    )
    await uow.outbox.add(posted)

    await erase_account(uow, clock, POLICY, ANNA)

    cards = [n for n in uow.outbox.rows.values() if n.kind == STAFF_BOOKING_CARD]
    assert cards[0] == posted
    [erased] = cards[1:]
    assert erased.payload["erased"] is True and erased.payload["site_id"] == 7
    assert erased.payload["starts_at"] == booking.starts_at.isoformat()
    assert uow.bookings.rows == {}


async def test_a_staff_member_leaving_redraws_the_cards_they_took(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    request = await report(uow, clock)
    await uow.requests.save(replace(request, assignee_id=BORIS, status=RequestStatus.IN_PROGRESS))
    before = len(card_rows(uow, request.id or 0))

    erasure = await erase_account(uow, clock, POLICY, BORIS)

    assert erasure == type(erasure)(0, 0, 0)
    assert uow.requests.rows[request.id or 0].assignee_id is None
    assert uow.requests.rows[request.id or 0].author_id == ANNA
    [redrawn] = card_rows(uow, request.id or 0)[before:]
    assert redrawn.payload == {"request_id": request.id}


async def test_erasing_a_stranger_changes_nothing(
    uow: FakeCityUnitOfWork, clock: FixedClock
) -> None:
    with pytest.raises(NotFound):
        await erase_account(uow, clock, POLICY, 4242)
    assert set(uow.users.rows) == {ANNA, BORIS}

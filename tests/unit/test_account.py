"""The account's rules: phones, whose contact it is, consent, and the export's shape."""

import json
from dataclasses import replace
from datetime import UTC, datetime, time

import pytest

from domain.account import (
    CONSENT_VERSION,
    ForeignContact,
    check_own_contact,
    has_current_consent,
    normalise_phone,
)
from domain.account_export import EXPORT_FORMAT, AccountSnapshot, AuthoredRequest, export_document
from domain.alerts.subscriptions import (
    AlertPreferences,
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    Subscription,
)
from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Sound
from domain.categories import Category
from domain.errors import InvalidInput, NotAllowed
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, Place, Request, RequestStatus
from domain.users import User

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
STAFF_ID = 990_001
ANNA = User(id=42, first_name="Анна", locale="ru", created_at=NOW, username="anna")
ROADS = Category("roads", "Дороги", "Юллар", "Roads", 24, 10)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("79001234567", "+79001234567"),
        ("+7 (900) 123-45-67", "+79001234567"),
        ("89001234567", "+79001234567"),
        ("9001234567", "+79001234567"),
        ("+375291234567", "+375291234567"),
    ],
)
def test_phones_are_normalised(raw: str, phone: str) -> None:
    assert normalise_phone(raw) == phone


@pytest.mark.parametrize("raw", ["", "12345", "+1234567890123456", "телефон"])
def test_what_is_not_a_phone_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        normalise_phone(raw)


def test_only_ones_own_contact_is_accepted() -> None:
    check_own_contact(42, 42)
    for other in (43, None):  # someone else's card, or a number without a Telegram account
        with pytest.raises(ForeignContact) as refused:
            check_own_contact(42, other)
        assert isinstance(refused.value, NotAllowed)


def test_consent_counts_only_for_the_current_text() -> None:
    assert not has_current_consent(ANNA)
    assert has_current_consent(replace(ANNA, consent_version=CONSENT_VERSION, consent_at=NOW))
    assert not has_current_consent(replace(ANNA, consent_version="2020-01", consent_at=NOW))


def _request(request_id: int, author_id: int, status: RequestStatus) -> Request:
    return Request(
        id=request_id,
        author_id=author_id,
        category="roads",
        description="Яма у подъезда",
        place=Place("ул. Баумана, 15", district="Вахитовский", lat=55.79, lon=49.11),
        status=status,
        created_at=NOW,
        deadline_at=NOW,
        first_response_due_at=NOW,
        updated_at=NOW,
        photos=("file-1", "file-2"),
        assignee_id=STAFF_ID,
    )


def _snapshot() -> AccountSnapshot:
    user = replace(ANNA, phone="+79001234567", consent_version=CONSENT_VERSION, consent_at=NOW)
    home = SavedAddress(42, "Дом", "ул. Баумана, 15", NOW, district="Вахитовский", id=7)
    mine = _request(1, 42, RequestStatus.IN_PROGRESS)
    history = [
        RequestEvent(1, NOW, EventKind.CREATED, Actor.AUTHOR, 42, to_status=RequestStatus.NEW),
        RequestEvent(1, NOW, EventKind.ANSWER, Actor.STAFF, STAFF_ID, text="Выезжаем"),
    ]
    performer = Performer(42, "Анна и гитара", Genre.MUSIC, 1, Sound.ACOUSTIC, NOW, NOW, id=3)
    booking = Booking(5, 3, NOW, NOW, BookingStatus.CONFIRMED, NOW, NOW, id=9)
    return AccountSnapshot(
        user=user,
        addresses=[home],
        subscriptions=[Subscription(42, "outage:hot_water", Scope.ADDRESS, address_id=7)],
        preferences=AlertPreferences(QuietHours(time(23), time(7)), EventDelivery.DAILY),
        authored=[AuthoredRequest(mine, history)],
        followed=[(_request(2, 77, RequestStatus.NEW), NOW)],
        performer=performer,
        bookings=[booking],
        waits=[],
        categories={"roads": ROADS},
        sites={},
    )


def test_the_export_holds_the_persons_data() -> None:
    document = export_document(_snapshot(), NOW)
    assert document["format"] == EXPORT_FORMAT
    assert document["generated_at"] == "2026-11-30T10:00:00+03:00"  # city time
    assert document["profile"] == {
        "telegram_id": 42,
        "first_name": "Анна",
        "username": "anna",
        "language": "ru",
        "phone": "+79001234567",
        "consent": {"version": CONSENT_VERSION, "given_at": "2026-11-30T10:00:00+03:00"},
        "created_at": "2026-11-30T10:00:00+03:00",
    }
    assert document["saved_addresses"][0]["label"] == "Дом"
    assert document["alerts"]["subscriptions"][0]["address"] == "Дом"
    assert document["alerts"]["preferences"] == {
        "quiet_hours": {"from": "23:00", "to": "07:00"},
        "events": "daily",
    }
    request = document["requests"][0]
    assert (request["number"], request["photos"], request["status"]) == (
        "KZN-000001",
        2,
        "in_progress",
    )
    assert request["category"] == {"code": "roads", "name": "Дороги"}
    assert request["description_public"] is False  # their consent (issue 17) is theirs too
    assert [e["by"] for e in request["history"]] == ["author", "staff"]
    assert request["history"][1]["text"] == "Выезжаем"
    assert document["following"][0]["number"] == "KZN-000002"
    assert document["performer"]["stage_name"] == "Анна и гитара"
    assert document["performer"]["bookings"][0]["status"] == "confirmed"
    json.dumps(document, ensure_ascii=False)  # serialisable as it is


def test_the_export_holds_nothing_of_other_people() -> None:
    text = json.dumps(export_document(_snapshot(), NOW), ensure_ascii=False)
    assert str(STAFF_ID) not in text  # neither the assignee nor the answering staff member
    assert '"77"' not in text and ": 77" not in text  # the followed request's author
    assert "file-1" not in text  # Telegram file ids: photos are counted
    followed = export_document(_snapshot(), NOW)["following"][0]
    assert "description" not in followed  # what another resident wrote


def test_no_performer_profile_exports_as_null() -> None:
    snapshot = replace(_snapshot(), performer=None, bookings=[])
    assert export_document(snapshot, NOW)["performer"] is None

"""The author's phone on the staff card: only shared with the current consent, never once the
account is gone; the card text itself takes the phone as an argument."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.account import CONSENT_VERSION, phone_for_staff
from domain.categories import Category
from domain.requests import Place, Request, RequestStatus
from domain.services.notify import STAFF_CARD, redraw_staff_card
from domain.users import User
from handlers.staff.texts import staff_card
from tests.unit.fakes import FakeUnitOfWork

pytestmark = pytest.mark.usefixtures("russian")

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
PHONE = "+79001234567"
STAFF_CHAT = -100123
ANNA = User(42, "Анна", "ru", NOW, phone=PHONE, consent_version=CONSENT_VERSION, consent_at=NOW)
ROADS = Category("roads", "Дороги", "Юллар", "Roads", 24, 10)
REQUEST = Request(
    id=1,
    author_id=ANNA.id,
    category="roads",
    description="Яма",
    place=Place("ул. Баумана, 15"),
    status=RequestStatus.NEW,
    created_at=NOW,
    deadline_at=NOW + timedelta(days=14),
    first_response_due_at=NOW + timedelta(days=1),
    updated_at=NOW,
)


@pytest.mark.parametrize(
    "author",
    [
        None,  # the account is deleted
        replace(ANNA, phone=None),  # agreed, never shared
        replace(ANNA, consent_version=None, consent_at=None),  # a phone without consent
        replace(ANNA, consent_version="2020-01"),  # agreed to an older text only
    ],
)
def test_staff_see_no_phone_without_a_shared_one_and_current_consent(
    author: User | None,
) -> None:
    assert phone_for_staff(author) is None


def test_staff_see_a_phone_shared_with_current_consent() -> None:
    assert phone_for_staff(ANNA) == PHONE


def card(request: Request, phone: str | None) -> str:
    return staff_card(request, ROADS, [], "ru", NOW, None, phone=phone)


def test_the_card_shows_the_phone_it_is_given() -> None:
    text = card(REQUEST, PHONE)

    assert f"\n📞 {PHONE}" in text
    assert "удалил аккаунт" not in text
    assert "📞" not in card(REQUEST, None)


def test_a_card_of_a_deleted_account_shows_no_phone() -> None:
    text = card(replace(REQUEST, author_id=None), PHONE)

    assert "👤 Житель удалил аккаунт" in text
    assert "📞" not in text


async def test_each_phone_change_redraws_the_card_once() -> None:
    uow = FakeUnitOfWork(staff_chat_id=STAFF_CHAT)
    later = NOW + timedelta(seconds=1)

    assert await redraw_staff_card(uow, 7, NOW)
    assert not await redraw_staff_card(uow, 7, NOW)  # the same change replayed
    assert await redraw_staff_card(uow, 7, later)
    uow.staff_chat_id = None
    assert not await redraw_staff_card(uow, 7, later + timedelta(seconds=1))  # no chat

    rows = list(uow.outbox.rows.values())
    assert [(row.kind, row.chat_id, row.payload) for row in rows] == [
        (STAFF_CARD, STAFF_CHAT, {"request_id": 7})
    ] * 2
    assert all(row.key.startswith("card7:") for row in rows)  # how the card's message is found

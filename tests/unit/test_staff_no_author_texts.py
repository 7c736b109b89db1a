"""What staff are told when a question or an answer reaches nobody in Telegram: for a
request filed by phone, Open311 or a city system the author did not delete an account; the
phone's caller is to be called back, at the number staff see on the card."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.requests import Place, Request, RequestChannel, RequestStatus
from domain.services.staff_actions import Audience
from handlers.staff.texts import nobody_to_ask, nobody_to_tell, reply_prompt

pytestmark = pytest.mark.usefixtures("russian")

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
ALERT_LIMIT = 200  # characters of a callback query's answer
DELETED = "удалил аккаунт"
BOT_REQUEST = Request(
    id=7,
    author_id=None,
    category="roads",
    description="Яма",
    place=Place("ул. Баумана, 15"),
    status=RequestStatus.NEW,
    created_at=NOW,
    deadline_at=NOW + timedelta(days=14),
    first_response_due_at=NOW + timedelta(days=1),
    updated_at=NOW,
)
PHONE_REQUEST = replace(BOT_REQUEST, channel=RequestChannel.PHONE, caller_phone="+79001234567")


@pytest.mark.parametrize("text", [nobody_to_ask, nobody_to_tell])
def test_a_phone_request_asks_staff_to_call_the_caller_back(text) -> None:  # type: ignore[no-untyped-def]
    said = text(PHONE_REQUEST)
    assert DELETED not in said
    assert "перезвоните" in said and "+79001234567" in said
    assert len(said) <= ALERT_LIMIT


@pytest.mark.parametrize("text", [nobody_to_ask, nobody_to_tell])
def test_a_phone_request_without_a_number_says_none_was_written_down(text) -> None:  # type: ignore[no-untyped-def]
    said = text(replace(PHONE_REQUEST, caller_phone=None))
    assert DELETED not in said and "номер заявителя не записан" in said


@pytest.mark.parametrize(
    ("channel", "words"),
    [(RequestChannel.OPEN311, "Open311"), (RequestChannel.CITY_SYSTEM, "городская система")],
)
def test_a_system_filed_request_names_its_channel(channel: RequestChannel, words: str) -> None:
    for text in (nobody_to_ask, nobody_to_tell):
        said = text(replace(BOT_REQUEST, channel=channel))
        assert DELETED not in said and words in said and len(said) <= ALERT_LIMIT


def test_a_bot_request_whose_author_left_still_says_so() -> None:
    assert DELETED in nobody_to_ask(BOT_REQUEST) and DELETED in nobody_to_tell(BOT_REQUEST)
    assert DELETED in nobody_to_tell(None)  # the request is gone altogether


def test_the_followers_prompt_names_the_channel() -> None:
    assert DELETED in reply_prompt(Audience.FOLLOWERS, BOT_REQUEST)
    prompt = reply_prompt(Audience.FOLLOWERS, PHONE_REQUEST)
    assert DELETED not in prompt and prompt.startswith("Автора заявки KZN-000007 нет в боте")
    assert reply_prompt(Audience.AUTHOR, PHONE_REQUEST).startswith("Что ответить автору")

"""The author's consent to show their description publicly (issue 17): only the author gives
or takes it back, a stale copy of the request saved later does not undo it, the card's button
says what a press will do, and Open311 shows the words only while it holds."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.open311.views import request_data
from domain.clock import FixedClock
from domain.errors import NotAllowed, NotFound
from domain.requests import Place, Request
from domain.services.description_consent import set_description_public
from domain.services.my_requests import join_request, withdraw_request
from domain.services.reports import ReportDraft, submit_request
from handlers.my_requests.description_consent import QUOTED, consent_text
from handlers.my_requests.keyboards import request_card_keyboard
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
ANNA, BORIS = 1001, 1002
WORDS = "Яма у подъезда\nФото: https://evil.example/x.jpg"
PLACE = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")


async def filed(uow: FakeUnitOfWork, clock: FixedClock) -> Request:
    request = await submit_request(uow, clock, ANNA, ReportDraft("roads", PLACE, WORDS))
    assert request.id is not None
    return request


async def stored(uow: FakeUnitOfWork, request_id: int) -> bool:
    request = await uow.requests.get(request_id)
    assert request is not None
    return request.description_public


async def test_the_author_agrees_and_takes_it_back() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock)
    assert request.id is not None and not await stored(uow, request.id)

    shown = await set_description_public(uow, ANNA, request.id, True)
    assert shown.description_public and await stored(uow, request.id)
    again = await set_description_public(uow, ANNA, request.id, True)  # a second press
    assert again.description_public and await stored(uow, request.id)

    hidden = await set_description_public(uow, ANNA, request.id, False)
    assert not hidden.description_public and not await stored(uow, request.id)


async def test_nobody_else_may_agree_nor_take_it_back() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock)
    assert request.id is not None
    await join_request(uow, clock, BORIS, request.id)  # a follower sees the card, no more
    with pytest.raises(NotAllowed):
        await set_description_public(uow, BORIS, request.id, True)
    assert not await stored(uow, request.id)

    await set_description_public(uow, ANNA, request.id, True)
    with pytest.raises(NotAllowed):
        await set_description_public(uow, BORIS, request.id, False)
    assert await stored(uow, request.id)
    with pytest.raises(NotFound):
        await set_description_public(uow, ANNA, 404, True)


async def test_a_status_change_keeps_the_consent() -> None:
    """Withdrawing saves a copy read before; consent is not among what a save writes."""
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock)
    assert request.id is not None
    await set_description_public(uow, ANNA, request.id, True)
    await uow.requests.save(replace(request, updated_at=NOW))  # a stale copy, consent false
    await withdraw_request(uow, clock, ANNA, request.id)
    assert await stored(uow, request.id)


async def test_the_cards_button_says_what_a_press_does(russian: None) -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock)

    def labels(request: Request, is_author: bool) -> list[str]:
        markup = request_card_keyboard(request, is_author, 0)
        return [button.text for row in markup.inline_keyboard for button in row]

    assert "🌐 Показать моё описание на публичной странице" in labels(request, True)
    agreed = replace(request, description_public=True)
    assert "🙈 Скрыть описание с публичной страницы" in labels(agreed, True)
    assert "🌐 Показать моё описание на публичной странице" not in labels(agreed, True)
    for shown in (request, agreed):  # a follower's card has neither
        assert not any("описание" in label for label in labels(shown, False))


async def test_open311_shows_the_words_only_while_agreed() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock)
    data = request_data(request, {}, {}, {5: "ул. Баумана"})
    assert data["description"] is None and data["address"] == "ул. Баумана"
    agreed = request_data(replace(request, description_public=True), {}, {}, {5: "ул. Баумана"})
    assert agreed["description"] == WORDS
    assert agreed["address"] == "ул. Баумана"  # the house stays hidden
    assert agreed["media_url"] is None  # a link in a resident's words is not the request's photo


def test_the_question_quotes_the_words_as_text_within_one_message(russian: None) -> None:
    assert "<i>Яма &lt;b&gt; у дома 12</i>" in consent_text("Яма <b> у дома 12")
    longest = consent_text("&" * 2000)  # each escapes to five characters
    assert len(longest) <= 4096 and longest.count("&amp;") == QUOTED - 1

"""Staff mark a request's photo publishable or take the mark back: the card is redrawn with
how many are public, residents are not told, and a photo that is not there is refused."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import FixedClock
from domain.errors import NotFound
from domain.requests import Place
from domain.services.notify import REQUEST_EVENT, STAFF_CARD
from domain.services.photo_publishing import NoSuchPhoto, mark_photo
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_card_view import staff_card_view
from handlers.staff.keyboards import photo_buttons
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
ANNA = 1001
STAFF_CHAT = -100500
PLACE = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")


async def filed_with_photos(uow: FakeUnitOfWork, clock: FixedClock, count: int) -> int:
    photos = tuple(f"file-{n}" for n in range(count))
    draft = ReportDraft("roads", PLACE, "Глубокая яма на проезжей части", photos)
    request = await submit_request(uow, clock, ANNA, draft)
    assert request.id is not None
    return request.id


def card_redraws(uow: FakeUnitOfWork) -> list[str]:
    return [key for key, n in uow.outbox.rows.items() if n.kind == STAFF_CARD and ":at" in key]


async def test_marking_redraws_the_card_and_tells_no_resident() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed_with_photos(uow, clock, 3)
    told = sum(n.kind == REQUEST_EVENT for n in uow.outbox.rows.values())

    shown = await mark_photo(uow, clock, request_id, 2, public=True)
    assert (shown.number, shown.public, shown.changed) == (2, True, True)
    assert (shown.public_count, shown.total) == (1, 3)
    clock.set(NOW + timedelta(seconds=5))
    again = await mark_photo(uow, clock, request_id, 3, public=True)
    assert (again.public_count, again.total) == (2, 3)

    view = await staff_card_view(uow, request_id)
    assert view is not None and view.public_photos == (2, 3)
    assert len(card_redraws(uow)) == 2
    assert sum(n.kind == REQUEST_EVENT for n in uow.outbox.rows.values()) == told


async def test_a_press_that_changes_nothing_redraws_nothing() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed_with_photos(uow, clock, 2)
    hidden = await mark_photo(uow, clock, request_id, 1, public=False)  # an older card's button
    assert not hidden.changed and hidden.public_count == 0
    assert card_redraws(uow) == []
    await mark_photo(uow, clock, request_id, 1, public=True)
    taken_back = await mark_photo(uow, clock, request_id, 1, public=False)
    assert taken_back.changed and taken_back.public_count == 0


async def test_a_photo_or_request_that_is_not_there_is_refused() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed_with_photos(uow, clock, 1)
    with pytest.raises(NoSuchPhoto):
        await mark_photo(uow, clock, request_id, 2, public=True)
    with pytest.raises(NoSuchPhoto):
        await mark_photo(uow, clock, request_id, 0, public=True)
    with pytest.raises(NotFound):
        await mark_photo(uow, clock, 999, 1, public=True)


@pytest.mark.usefixtures("russian")
def test_one_button_a_photo_that_says_what_it_does_within_64_bytes() -> None:
    markup = photo_buttons(2_147_483_647, 10, public_photos=(2, 10)).as_markup()
    buttons = [button for row in markup.inline_keyboard for button in row]
    assert [len(row) for row in markup.inline_keyboard] == [3, 3, 3, 1]
    assert buttons[0].text == "🌐 Показать фото 1" and buttons[1].text == "🙈 Скрыть фото 2"
    assert buttons[1].callback_data == "pu:2147483647:2:0"
    assert all(len((b.callback_data or "").encode()) <= 64 for b in buttons)

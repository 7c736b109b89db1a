"""The staff card's one read: what /find and the outbox's card both show."""

from dataclasses import replace
from datetime import UTC, datetime

from domain.clock import FixedClock
from domain.history import EventKind
from domain.requests import Place
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import Audience, take
from domain.services.staff_card_view import staff_card_view
from domain.users import User
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
ANNA, CLERK = 1001, 2001
PLACE = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")


async def test_the_view_gathers_what_the_card_shows() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    await uow.users.add(User(CLERK, "Ильдар", "ru", NOW))
    draft = ReportDraft("roads", PLACE, "Глубокая яма на проезжей части")
    request = await submit_request(uow, clock, ANNA, draft)
    assert request.id is not None
    await take(uow, clock, CLERK, request.id)
    view = await staff_card_view(uow, request.id)
    assert view is not None
    assert view.request.assignee_id == CLERK and view.assignee == "Ильдар"
    assert view.audience is Audience.AUTHOR
    assert view.history[-1].kind is EventKind.TAKEN
    await uow.requests.save(replace(view.request, author_id=None))
    gone = await staff_card_view(uow, request.id)
    assert gone is not None and gone.audience is Audience.NOBODY


async def test_no_view_of_a_request_that_is_not_there() -> None:
    assert await staff_card_view(FakeUnitOfWork(), 404) is None

from datetime import UTC, datetime, timedelta

import pytest

from domain.address.model import AddressCandidate, AddressMatch, MatchOutcome, Street
from domain.clock import CITY_TZ, FixedClock
from domain.errors import (
    DescriptionTooLong,
    DescriptionTooShort,
    InvalidTransition,
    NotAllowed,
    NotFound,
    TooManyPhotos,
)
from domain.history import EventKind
from domain.requests import Place, RequestStatus
from domain.services.my_requests import (
    PAGE_SIZE,
    join_request,
    my_requests,
    request_card,
    withdraw_request,
)
from domain.services.reports import (
    ReportDraft,
    clean_description,
    similar_open_requests,
    submit_request,
)
from domain.services.users import choose_locale, ensure_user
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday 10:00 in Kazan
ANNA, BORIS = 1001, 1002
BAUMANA_15 = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")
KREMLIN = Place(label="точка", district="Вахитовский", lat=55.7987, lon=49.1059)


def draft(place: Place = BAUMANA_15, category: str = "roads", **kw: object) -> ReportDraft:
    values: dict = {"description": "Глубокая яма на проезжей части", "photos": ("f1", "f2")}
    values.update(kw)
    return ReportDraft(category=category, place=place, **values)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


async def test_submit_assigns_number_deadline_and_history(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    assert request.number == "KZN-000001"
    assert request.status is RequestStatus.NEW
    assert request.photos == ("f1", "f2")
    # roads: 10 working days from Monday 30 Nov -> end of Monday 14 Dec, Kazan time.
    assert request.deadline_at.astimezone(CITY_TZ).date().isoformat() == "2026-12-14"
    assert request.first_response_due_at == NOW + timedelta(hours=24)
    [event] = await uow.requests.history(1)
    assert event.kind is EventKind.CREATED and event.actor_user_id == ANNA


async def test_submit_unknown_category(uow, clock) -> None:
    with pytest.raises(NotFound):
        await submit_request(uow, clock, ANNA, draft(category="nope"))
    assert uow.requests.rows == {}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("коротко", DescriptionTooShort),
        ("   a   b  ", DescriptionTooShort),
        ("я" * 2001, DescriptionTooLong),
    ],
)
def test_description_bounds(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        clean_description(text)


def test_description_keeps_lines_and_trims() -> None:
    assert clean_description("  Яма\nи лужа рядом  ") == "Яма\nи лужа рядом"
    assert clean_description("я" * 2000) == "я" * 2000


async def test_too_many_photos(uow, clock) -> None:
    with pytest.raises(TooManyPhotos):
        await submit_request(uow, clock, ANNA, draft(photos=tuple(f"p{i}" for i in range(6))))


async def test_similar_by_address_and_by_distance(uow, clock) -> None:
    at_address = await submit_request(uow, clock, ANNA, draft())
    near = await submit_request(uow, clock, ANNA, draft(place=KREMLIN))
    await submit_request(uow, clock, ANNA, draft(category="waste"))  # other category
    far = Place(label="далеко", lat=55.7987 + 0.0020, lon=49.1059)  # ~222 m north
    await submit_request(uow, clock, ANNA, draft(place=far))
    mine = draft(place=Place(label="x", street_id=5, house="15", lat=55.7990, lon=49.1060))
    found = {r.id for r in await similar_open_requests(uow, mine)}
    assert found == {at_address.id, near.id}


async def test_similar_ignores_closed_and_other_houses(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    await withdraw_request(uow, clock, ANNA, request.id)
    assert await similar_open_requests(uow, draft()) == []
    other_house = Place(label="ул. Баумана, 17", street_id=5, house="17")
    await submit_request(uow, clock, ANNA, draft(place=other_house))
    assert await similar_open_requests(uow, draft()) == []


async def test_join_makes_a_follower_once(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    await join_request(uow, clock, BORIS, request.id)
    await join_request(uow, clock, BORIS, request.id)
    kinds = [e.kind for e in await uow.requests.history(request.id)]
    assert kinds.count(EventKind.FOLLOWER_JOINED) == 1
    card = await request_card(uow, BORIS, request.id)
    assert not card.is_author


async def test_join_closed_request_refused(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    await withdraw_request(uow, clock, ANNA, request.id)
    with pytest.raises(InvalidTransition):
        await join_request(uow, clock, BORIS, request.id)


async def test_card_of_someone_else_refused(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    with pytest.raises(NotAllowed):
        await request_card(uow, BORIS, request.id)
    with pytest.raises(NotFound):
        await request_card(uow, ANNA, 999)


async def test_withdraw_by_follower_refused_and_changes_nothing(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    await join_request(uow, clock, BORIS, request.id)
    with pytest.raises(NotAllowed):
        await withdraw_request(uow, clock, BORIS, request.id)
    assert (await uow.requests.get(request.id)).status is RequestStatus.NEW


async def test_withdraw_records_history(uow, clock) -> None:
    request = await submit_request(uow, clock, ANNA, draft())
    changed = await withdraw_request(uow, clock, ANNA, request.id)
    assert changed.status is RequestStatus.WITHDRAWN
    last = (await uow.requests.history(request.id))[-1]
    assert (last.from_status, last.to_status) == (RequestStatus.NEW, RequestStatus.WITHDRAWN)
    with pytest.raises(InvalidTransition):
        await withdraw_request(uow, clock, ANNA, request.id)


async def test_my_requests_pages(uow, clock) -> None:
    for minute in range(PAGE_SIZE * 2 + 1):
        clock.set(NOW + timedelta(minutes=minute))
        await submit_request(uow, clock, ANNA, draft())
    first = await my_requests(uow, ANNA, 0)
    assert (first.total, first.pages, len(first.items)) == (11, 3, PAGE_SIZE)
    assert first.items[0].id == 11  # newest first
    last = await my_requests(uow, ANNA, 99)  # clamped
    assert last.page == 2 and len(last.items) == 1
    empty = await my_requests(uow, BORIS, 0)
    assert (empty.total, empty.pages, empty.items) == (0, 1, [])


async def test_ensure_user_creates_with_client_language(uow, clock) -> None:
    user = await ensure_user(uow, clock, ANNA, "Анна", None, "en-GB", "ru")
    assert user.locale == "en"
    again = await ensure_user(uow, clock, ANNA, "Аня", "anya", "ru", "ru")
    assert again.locale == "en"  # existing people keep their choice
    assert uow.users.rows[ANNA].first_name == "Аня"
    stranger = await ensure_user(uow, clock, BORIS, "Bob", None, "de", "ru")
    assert stranger.locale == "ru"


async def test_a_person_who_writes_again_has_unblocked_the_bot(uow, clock) -> None:
    await ensure_user(uow, clock, ANNA, "Анна", None, "ru", "ru")
    await uow.users.set_blocked(ANNA, True)
    user = await ensure_user(uow, clock, ANNA, "Анна", None, "ru", "ru")
    assert not user.blocked_bot and not uow.users.rows[ANNA].blocked_bot


async def test_choose_locale(uow, clock) -> None:
    await ensure_user(uow, clock, ANNA, "Анна", None, None, "ru")
    await choose_locale(uow, ANNA, "tt")
    assert uow.users.rows[ANNA].locale == "tt"
    with pytest.raises(Exception, match="unsupported"):
        await choose_locale(uow, ANNA, "de")


def _match(*candidates: tuple[str | None, float], outcome: MatchOutcome) -> AddressMatch:
    street = Street(name="Баумана", type="улица", districts=("Вахитовский",), id=5)
    found = tuple(AddressCandidate(street, house, "Вахитовский", s) for house, s in candidates)
    return AddressMatch("Баумана 15", outcome, found)


def test_an_exactly_spelt_street_and_house_is_settled_without_asking() -> None:
    match = _match(("15", 100.0), outcome=MatchOutcome.EXACT)
    assert match.settled == match.candidates[0]


@pytest.mark.parametrize(
    "match",
    [
        _match(("15", 93.3), outcome=MatchOutcome.EXACT),  # a corrected typo: show the guess
        _match((None, 100.0), outcome=MatchOutcome.EXACT),  # no house: ask which
        _match(("5", 100.0), ("5", 100.0), outcome=MatchOutcome.AMBIGUOUS),  # two districts
        _match(outcome=MatchOutcome.NOT_FOUND),
    ],
)
def test_any_doubt_is_asked_about(match: AddressMatch) -> None:
    assert match.settled is None

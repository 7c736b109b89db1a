from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidTransition, NotAllowed, ReopenWindowClosed
from domain.requests import (
    OPEN_STATUSES,
    TRANSITIONS,
    Actor,
    Place,
    Request,
    RequestStatus,
    allowed_moves,
    format_number,
    move,
    parse_number,
)

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
AUTHOR = 42


def make(
    status: RequestStatus = RequestStatus.NEW, resolved_at: datetime | None = None
) -> Request:
    return Request(
        id=7,
        author_id=AUTHOR,
        category="roads",
        description="Яма на дороге у дома",
        place=Place(label="ул. Баумана, 15"),
        status=status,
        created_at=NOW,
        updated_at=NOW,
        deadline_at=NOW + timedelta(days=10),
        first_response_due_at=NOW + timedelta(hours=24),
        resolved_at=resolved_at,
    )


@pytest.mark.parametrize(
    ("src", "dst"),
    [
        (RequestStatus.NEW, RequestStatus.IN_PROGRESS),
        (RequestStatus.NEW, RequestStatus.NEED_INFO),
        (RequestStatus.IN_PROGRESS, RequestStatus.NEED_INFO),
        (RequestStatus.NEED_INFO, RequestStatus.IN_PROGRESS),
        (RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED),
        (RequestStatus.NEW, RequestStatus.REJECTED),
        (RequestStatus.NEED_INFO, RequestStatus.DUPLICATE),
    ],
)
def test_staff_moves(src: RequestStatus, dst: RequestStatus) -> None:
    moved = move(make(src), dst, Actor.STAFF, NOW)
    assert moved.status is dst
    assert moved.updated_at == NOW


def test_resolution_sets_resolved_at() -> None:
    assert (
        move(make(RequestStatus.IN_PROGRESS), RequestStatus.RESOLVED, Actor.STAFF, NOW).resolved_at
        == NOW
    )


@pytest.mark.parametrize("src", sorted(OPEN_STATUSES))
def test_author_withdraws_open_request(src: RequestStatus) -> None:
    moved = move(make(src), RequestStatus.WITHDRAWN, Actor.AUTHOR, NOW, actor_user_id=AUTHOR)
    assert moved.status is RequestStatus.WITHDRAWN


def test_someone_else_cannot_withdraw() -> None:
    with pytest.raises(NotAllowed):
        move(make(), RequestStatus.WITHDRAWN, Actor.AUTHOR, NOW, actor_user_id=AUTHOR + 1)


def test_staff_cannot_withdraw_for_the_resident() -> None:
    with pytest.raises(NotAllowed):
        move(make(), RequestStatus.WITHDRAWN, Actor.STAFF, NOW)


def test_author_cannot_resolve_own_request() -> None:
    with pytest.raises(NotAllowed):
        move(
            make(RequestStatus.IN_PROGRESS),
            RequestStatus.RESOLVED,
            Actor.AUTHOR,
            NOW,
            actor_user_id=AUTHOR,
        )


@pytest.mark.parametrize(
    "closed", [RequestStatus.REJECTED, RequestStatus.DUPLICATE, RequestStatus.WITHDRAWN]
)
def test_closed_requests_do_not_move(closed: RequestStatus) -> None:
    for target in RequestStatus:
        with pytest.raises((InvalidTransition, NotAllowed)):
            move(make(closed), target, Actor.STAFF, NOW)


def test_reopen_within_14_days() -> None:
    resolved = make(RequestStatus.RESOLVED, resolved_at=NOW - timedelta(days=13, hours=23))
    reopened = move(resolved, RequestStatus.NEW, Actor.AUTHOR, NOW, actor_user_id=AUTHOR)
    assert reopened.status is RequestStatus.NEW
    assert reopened.resolved_at is None


def test_reopen_after_14_days_refused() -> None:
    resolved = make(RequestStatus.RESOLVED, resolved_at=NOW - timedelta(days=14, seconds=1))
    with pytest.raises(ReopenWindowClosed):
        move(resolved, RequestStatus.NEW, Actor.AUTHOR, NOW, actor_user_id=AUTHOR)


def test_every_transition_names_who_may_make_it() -> None:
    for (src, dst), who in TRANSITIONS.items():
        assert who, f"{src}->{dst} allows nobody"
        assert src != dst


def test_allowed_moves_for_author_of_new_request() -> None:
    assert allowed_moves(RequestStatus.NEW, Actor.AUTHOR) == [RequestStatus.WITHDRAWN]


def test_unknown_move_is_invalid() -> None:
    with pytest.raises(InvalidTransition):
        move(make(RequestStatus.NEW), RequestStatus.NEW, Actor.STAFF, NOW)


def test_request_number_format_and_parse() -> None:
    assert format_number(123) == "KZN-000123"
    assert make().number == "KZN-000007"
    for text in ("KZN-000123", "kzn-123", "#123", "123", " № 123 "):
        assert parse_number(text) == 123, text
    for text in ("", "abc", "KZN-", "0", "-5", "1" * 12, "12a"):
        assert parse_number(text) is None, text


def test_overdue_only_when_open() -> None:
    request = make(RequestStatus.IN_PROGRESS)
    late = request.deadline_at + timedelta(seconds=1)
    assert request.is_overdue(late)
    assert not replace(request, status=RequestStatus.RESOLVED).is_overdue(late)


@pytest.mark.parametrize("actor", [Actor.STAFF, Actor.SYSTEM])
def test_a_move_by_the_city_is_its_first_response(actor: Actor) -> None:
    moved = move(make(RequestStatus.NEW), RequestStatus.IN_PROGRESS, actor, NOW)
    assert moved.first_response_at == NOW
    later = move(moved, RequestStatus.RESOLVED, actor, NOW + timedelta(days=1))
    assert later.first_response_at == NOW  # the first one stays


def test_the_authors_own_move_is_no_response() -> None:
    answered = move(
        make(RequestStatus.NEED_INFO),
        RequestStatus.IN_PROGRESS,
        Actor.AUTHOR,
        NOW,
        actor_user_id=AUTHOR,
    )
    assert answered.first_response_at is None

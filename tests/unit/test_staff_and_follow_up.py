from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from domain.clock import FixedClock
from domain.errors import (
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ReopenWindowClosed,
)
from domain.history import EventKind
from domain.requests import Actor, Place, RequestStatus
from domain.services.follow_up import add_comment, add_photo, rate, reopen
from domain.services.my_requests import join_request, withdraw_request
from domain.services.notify import REQUEST_EVENT, STAFF_CARD
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import (
    NobodyToAsk,
    change_status,
    check_someone_to_ask,
    mark_duplicate,
    official_answer,
    take,
)
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
ANNA, BORIS, CLERK = 1001, 1002, 2001
STAFF_CHAT = -100500
PLACE = Place(label="ул. Баумана, 15", district="Вахитовский", street_id=5, house="15")


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(staff_chat_id=STAFF_CHAT)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


async def filed(uow: FakeUnitOfWork, clock: FixedClock, author: int = ANNA) -> int:
    draft = ReportDraft("roads", PLACE, "Глубокая яма на проезжей части")
    request = await submit_request(uow, clock, author, draft)
    assert request.id is not None
    return request.id


def notices(uow: FakeUnitOfWork, kind: str) -> list[tuple[int, int]]:
    rows = [n for n in uow.outbox.rows.values() if n.kind == kind]
    return [(n.chat_id, n.payload["event_id"]) for n in rows]


async def test_submit_posts_a_staff_card(uow, clock) -> None:
    request_id = await filed(uow, clock)
    [(chat, _)] = notices(uow, STAFF_CARD)
    assert chat == STAFF_CHAT
    assert notices(uow, REQUEST_EVENT) == []  # the author saw the confirmation on screen
    assert uow.outbox.rows[f"card{request_id}:ev1"].payload["request_id"] == request_id


async def test_take_assigns_starts_work_and_tells_author_and_followers(uow, clock) -> None:
    request_id = await filed(uow, clock)
    await join_request(uow, clock, BORIS, request_id)
    clock.set(NOW + timedelta(hours=2))
    taken = await take(uow, clock, CLERK, request_id)
    assert (taken.status, taken.assignee_id) == (RequestStatus.IN_PROGRESS, CLERK)
    assert taken.first_response_at == NOW + timedelta(hours=2)
    event = (await uow.requests.history(request_id))[-1]
    assert event.kind is EventKind.TAKEN and event.actor_user_id == CLERK
    told = sorted(chat for chat, ev in notices(uow, REQUEST_EVENT) if ev == event.id)
    assert told == [ANNA, BORIS]
    assert (STAFF_CHAT, event.id) in notices(uow, STAFF_CARD)


async def test_question_answer_by_comment_resolve_rate_reopen(uow, clock) -> None:
    request_id = await filed(uow, clock)
    await take(uow, clock, CLERK, request_id)
    asked = await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.NEED_INFO,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Какой подъезд?",
    )
    assert asked.status is RequestStatus.NEED_INFO
    answered = await add_comment(uow, clock, ANNA, request_id, "Второй подъезд")
    assert answered.status is RequestStatus.IN_PROGRESS
    resolved = await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Яму заделали",
    )
    assert resolved.resolved_at == NOW
    assert (await rate(uow, clock, ANNA, request_id, 4)).rating == 4
    clock.set(NOW + timedelta(days=13))
    reopened = await reopen(uow, clock, ANNA, request_id, "Яма снова появилась")
    assert (reopened.status, reopened.rating, reopened.assignee_id) == (
        RequestStatus.NEW,
        None,
        None,
    )
    kinds = [e.kind for e in await uow.requests.history(request_id)]
    assert kinds == [
        EventKind.CREATED,
        EventKind.TAKEN,
        EventKind.QUESTION,
        EventKind.COMMENT,
        EventKind.ANSWER,
        EventKind.RATED,
        EventKind.STATUS_CHANGED,
    ]
    # Staff see every step on the card; the author hears of staff steps only.
    assert len(notices(uow, STAFF_CARD)) == 7
    assert len(notices(uow, REQUEST_EVENT)) == 3


async def test_text_required_for_question_answer_and_refusal(uow, clock) -> None:
    request_id = await filed(uow, clock)
    for status in (RequestStatus.NEED_INFO, RequestStatus.RESOLVED, RequestStatus.REJECTED):
        with pytest.raises(InvalidInput):
            await change_status(
                uow,
                clock,
                request_id,
                status,
                actor=Actor.STAFF,
                actor_id=CLERK,
                text="  ",
            )
    with pytest.raises(InvalidInput):
        await official_answer(uow, clock, CLERK, request_id, "я" * 2001)
    assert (await uow.requests.get(request_id)).status is RequestStatus.NEW  # type: ignore[union-attr]
    assert uow.requests.events[-1].kind is EventKind.CREATED


async def test_duplicate_moves_residents_to_the_original(uow, clock) -> None:
    original = await filed(uow, clock, author=BORIS)
    copy = await filed(uow, clock, author=ANNA)
    marked = await mark_duplicate(uow, clock, CLERK, copy, original)
    assert (marked.status, marked.duplicate_of) == (RequestStatus.DUPLICATE, original)
    assert await uow.requests.is_follower(original, ANNA)
    assert (await uow.requests.history(copy))[-1].text == "KZN-000001"
    with pytest.raises(InvalidInput):
        await mark_duplicate(uow, clock, CLERK, original, original)


async def test_only_the_author_follows_up(uow, clock) -> None:
    request_id = await filed(uow, clock)
    await join_request(uow, clock, BORIS, request_id)
    with pytest.raises(NotAllowed):
        await add_comment(uow, clock, BORIS, request_id, "я тоже")
    with pytest.raises(NotAllowed):
        await add_photo(uow, clock, BORIS, request_id, "file")


async def test_rating_rules(uow, clock) -> None:
    request_id = await filed(uow, clock)
    with pytest.raises(InvalidTransition):
        await rate(uow, clock, ANNA, request_id, 5)
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Готово",
    )
    for stars in (0, 6):
        with pytest.raises(InvalidInput):
            await rate(uow, clock, ANNA, request_id, stars)


async def test_reopen_after_14_days_refused(uow, clock) -> None:
    request_id = await filed(uow, clock)
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Готово",
    )
    clock.set(NOW + timedelta(days=15))
    with pytest.raises(ReopenWindowClosed):
        await reopen(uow, clock, ANNA, request_id, "Снова яма")


async def test_photo_added_to_open_request(uow, clock) -> None:
    request_id = await filed(uow, clock)
    changed = await add_photo(uow, clock, ANNA, request_id, "new-photo")
    assert changed.status is RequestStatus.NEW
    assert (await uow.requests.get(request_id)).photos == ("new-photo",)  # type: ignore[union-attr]


async def test_withdrawal_tells_followers_and_staff(uow, clock) -> None:
    request_id = await filed(uow, clock)
    await join_request(uow, clock, BORIS, request_id)
    cards = len(notices(uow, STAFF_CARD))
    await withdraw_request(uow, clock, ANNA, request_id)
    assert [chat for chat, _ in notices(uow, REQUEST_EVENT)] == [BORIS]
    assert len(notices(uow, STAFF_CARD)) == cards + 1


async def test_no_question_once_the_author_left(uow, clock) -> None:
    """Only the author can answer a question: with the author gone (account deleted) the
    request would wait in 'need info' for nobody, so the move is refused and nothing changes."""
    request_id = await filed(uow, clock)
    await join_request(uow, clock, BORIS, request_id)  # a follower cannot answer for her
    request = await uow.requests.get(request_id)
    assert request is not None
    await uow.requests.save(replace(request, author_id=None))
    with pytest.raises(NobodyToAsk):
        await change_status(
            uow,
            clock,
            request_id,
            RequestStatus.NEED_INFO,
            actor=Actor.STAFF,
            actor_id=CLERK,
            text="Какой подъезд?",
        )
    assert (await uow.requests.get(request_id)).status is RequestStatus.NEW  # type: ignore[union-attr]
    resolved = await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Заделали",
    )
    assert resolved.status is RequestStatus.RESOLVED  # the rest of the work goes on


async def test_the_question_button_asks_the_domain_whether_anyone_can_answer(
    uow: FakeUnitOfWork, clock: FixedClock
) -> None:
    """The staff chat's «ask the author» press checks the rule change_status applies."""
    request_id = await filed(uow, clock)
    await check_someone_to_ask(uow, request_id)  # the author is there: nothing to say
    request = await uow.requests.get(request_id)
    assert request is not None
    await uow.requests.save(replace(request, author_id=None))
    with pytest.raises(NobodyToAsk):
        await check_someone_to_ask(uow, request_id)
    with pytest.raises(NotFound):
        await check_someone_to_ask(uow, request_id + 1000)

"""The resident's answers: which requests wait, buttons checked at the press, undo."""

from datetime import timedelta

import pytest

from domain.clock import FixedClock
from domain.errors import NotAllowed, ReopenWindowClosed
from domain.history import EventKind
from domain.requests import Actor, RequestStatus
from domain.services.author_steps import MovedOn, Step, check_step
from domain.services.follow_up import add_comment, add_photo, added_photo
from domain.services.notify import STAFF_CARD, STAFF_NEWS
from domain.services.resident_answers import (
    UNDO_WINDOW,
    UndoExpired,
    awaiting_answer,
    withdraw_addition,
)
from domain.services.staff_actions import change_status, take
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.test_staff_and_follow_up import ANNA, BORIS, CLERK, NOW, STAFF_CHAT, filed


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(staff_chat_id=STAFF_CHAT)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


async def asked(uow: FakeUnitOfWork, clock: FixedClock) -> int:
    request_id = await filed(uow, clock)
    await take(uow, clock, CLERK, request_id)
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.NEED_INFO,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Какой подъезд?",
    )
    return request_id


def last_event_id(uow: FakeUnitOfWork) -> int:
    assert uow.requests.events[-1].id is not None
    return uow.requests.events[-1].id


async def test_only_the_authors_waiting_requests_are_awaiting(uow, clock) -> None:
    first = await asked(uow, clock)
    await filed(uow, clock)  # new, nobody asked
    await filed(uow, clock, author=BORIS)
    assert [r.id for r in await awaiting_answer(uow, ANNA)] == [first]
    assert await awaiting_answer(uow, BORIS) == []


async def test_undo_of_the_answer_waits_for_it_again_and_redraws_the_card(uow, clock) -> None:
    request_id = await asked(uow, clock)
    await add_comment(uow, clock, ANNA, request_id, "Второй подъезд")
    answer_id = last_event_id(uow)
    cards = len([n for n in uow.outbox.rows.values() if n.kind == STAFF_CARD])
    clock.set(NOW + UNDO_WINDOW)
    taken_back = await withdraw_addition(uow, clock, ANNA, request_id, answer_id)
    assert taken_back.text == "Второй подъезд"
    request = await uow.requests.get(request_id)
    assert request is not None and request.status is RequestStatus.NEED_INFO
    withdrawal = uow.requests.events[-1]
    assert (withdrawal.kind, withdrawal.from_status, withdrawal.to_status) == (
        EventKind.ADDITION_WITHDRAWN,
        RequestStatus.IN_PROGRESS,
        RequestStatus.NEED_INFO,
    )
    assert len([n for n in uow.outbox.rows.values() if n.kind == STAFF_CARD]) == cards + 1
    with pytest.raises(UndoExpired):  # once only
        await withdraw_addition(uow, clock, ANNA, request_id, answer_id)


async def test_undo_refused_late_to_others_and_for_an_older_addition(uow, clock) -> None:
    request_id = await asked(uow, clock)
    await add_comment(uow, clock, ANNA, request_id, "Второй подъезд")
    first = last_event_id(uow)
    await add_comment(uow, clock, ANNA, request_id, "И ещё: у самого входа")
    second = last_event_id(uow)
    with pytest.raises(UndoExpired):  # something newer stands on top of it
        await withdraw_addition(uow, clock, ANNA, request_id, first)
    with pytest.raises(NotAllowed):
        await withdraw_addition(uow, clock, BORIS, request_id, second)
    clock.set(NOW + UNDO_WINDOW + timedelta(seconds=1))
    with pytest.raises(UndoExpired):
        await withdraw_addition(uow, clock, ANNA, request_id, second)


async def test_newest_first_and_the_status_stays_if_staff_moved_on(uow, clock) -> None:
    request_id = await asked(uow, clock)
    await add_comment(uow, clock, ANNA, request_id, "Второй подъезд")
    first = last_event_id(uow)
    await add_photo(uow, clock, ANNA, request_id, "photo-1", " Вот она ")
    assert uow.requests.events[-1].text == "Вот она"  # the caption goes with the photo
    photo = last_event_id(uow)
    await withdraw_addition(uow, clock, ANNA, request_id, photo)
    assert uow.requests.events[-1].text is None  # the withdrawal line names a photo
    request = await uow.requests.get(request_id)
    assert (
        request is not None
        and request.photos == ()
        and request.status is RequestStatus.IN_PROGRESS
    )
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.NEED_INFO,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="А этаж?",
    )
    await add_comment(uow, clock, ANNA, request_id, "Пятый")
    await withdraw_addition(uow, clock, ANNA, request_id, last_event_id(uow))
    await withdraw_addition(uow, clock, ANNA, request_id, first)
    request = await uow.requests.get(request_id)
    assert (
        request is not None and request.status is RequestStatus.NEED_INFO
    )  # the second question's wait


async def test_buttons_checked_at_the_press(uow, clock) -> None:
    request_id = await asked(uow, clock)
    assert (
        await check_step(uow, clock, ANNA, request_id, Step.ADD)
    ).status is RequestStatus.NEED_INFO
    with pytest.raises(MovedOn):
        await check_step(uow, clock, ANNA, request_id, Step.REOPEN)
    with pytest.raises(MovedOn):
        await check_step(uow, clock, ANNA, request_id, Step.RATE)
    with pytest.raises(NotAllowed):
        await check_step(uow, clock, BORIS, request_id, Step.ADD)
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Заделали",
    )
    with pytest.raises(MovedOn) as moved:
        await check_step(uow, clock, ANNA, request_id, Step.ADD)
    assert moved.value.request.status is RequestStatus.RESOLVED
    await check_step(uow, clock, ANNA, request_id, Step.REOPEN)
    clock.set(NOW + timedelta(days=15))
    with pytest.raises(ReopenWindowClosed):
        await check_step(uow, clock, ANNA, request_id, Step.REOPEN)


async def test_a_photo_taken_back_is_no_longer_the_photo_of_any_event(uow, clock) -> None:
    request_id = await asked(uow, clock)
    await add_photo(uow, clock, ANNA, request_id, "photo-a")
    first = uow.requests.events[-1]
    await add_photo(uow, clock, ANNA, request_id, "photo-b")
    second = uow.requests.events[-1]
    await withdraw_addition(uow, clock, ANNA, request_id, last_event_id(uow))
    request = await uow.requests.get(request_id)
    history = await uow.requests.history(request_id)
    assert request is not None and request.photos == ("photo-a",)
    assert added_photo(request, history, first) == "photo-a"
    assert added_photo(request, history, second) is None
    news = [n for n in uow.outbox.rows.values() if n.kind == STAFF_NEWS]
    assert news[-1].payload["event_id"] == history[-1].id  # staff hear of the withdrawal

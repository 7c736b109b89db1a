"""What the author adds reaches staff as a new message: one per addition, one per burst of
photos (an album comes as one update per photo), keyed by the event so it is sent once."""

from datetime import timedelta

import pytest

from domain.clock import FixedClock
from domain.history import EventKind, reopened
from domain.requests import Actor, RequestStatus
from domain.services.deadlines_watch import post_overdue_list
from domain.services.follow_up import add_comment, add_photo, added_photo, photo_burst, reopen
from domain.services.notify import PHOTO_BURST, STAFF_CARD, STAFF_NEWS
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import AlreadyTaken, change_status, take
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.test_staff_and_follow_up import ANNA, CLERK, NOW, PLACE, STAFF_CHAT, filed


def news(uow: FakeUnitOfWork) -> list[int]:
    """The event ids staff are told of, in order."""
    return [n.payload["event_id"] for n in uow.outbox.rows.values() if n.kind == STAFF_NEWS]


async def test_comments_and_reopening_are_news_for_staff_rating_is_not() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed(uow, clock)
    await add_comment(uow, clock, ANNA, request_id, "Второй подъезд")
    comment = uow.requests.events[-1]
    assert news(uow) == [comment.id]
    assert uow.outbox.rows[f"news{request_id}:ev{comment.id}"].chat_id == STAFF_CHAT
    await change_status(
        uow,
        clock,
        request_id,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=CLERK,
        text="Да",
    )
    assert not reopened(RequestStatus.RESOLVED, await uow.requests.history(request_id))
    await reopen(uow, clock, ANNA, request_id, "Яма снова тут")
    assert news(uow) == [comment.id, uow.requests.events[-1].id]
    assert reopened(RequestStatus.NEW, await uow.requests.history(request_id))
    uow.staff_chat_id = None  # no staff chat configured
    await add_comment(uow, clock, ANNA, request_id, "Без чата сотрудников")
    assert len(news(uow)) == 2


async def test_photos_sent_together_are_one_notice_showing_them_all() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed(uow, clock)
    for file_id in ("a", "b", "c"):
        await add_photo(uow, clock, ANNA, request_id, file_id)
        clock.set(clock.now() + timedelta(seconds=1))
    [first] = news(uow)
    notice = uow.outbox.rows[f"news{request_id}:ev{first}"]
    assert notice.next_attempt_at == NOW + PHOTO_BURST  # waits for the rest of the album
    clock.set(NOW + PHOTO_BURST + timedelta(seconds=5))
    await add_photo(uow, clock, ANNA, request_id, "d")  # a later one: told apart
    history = await uow.requests.history(request_id)
    request = await uow.requests.get(request_id)
    assert request is not None
    assert news(uow) == [first, history[-1].id]
    burst = photo_burst(history, first)
    assert [added_photo(request, history, e) for e in burst] == ["a", "b", "c"]
    assert [added_photo(request, history, e) for e in photo_burst(history, news(uow)[1])] == ["d"]
    assert [e.kind for e in burst] == [EventKind.PHOTO_ADDED] * 3


async def test_a_taken_request_stays_with_who_took_it() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    request_id = await filed(uow, clock)
    await take(uow, clock, CLERK, request_id)
    with pytest.raises(AlreadyTaken) as refused:
        await take(uow, clock, CLERK + 1, request_id)
    assert refused.value.assignee_id == CLERK
    request = await uow.requests.get(request_id)
    assert request is not None and request.assignee_id == CLERK


async def test_a_late_request_s_card_is_redrawn_once_with_its_mark() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF_CHAT), FixedClock(NOW)
    draft = ReportDraft("waste", PLACE, "Мусор не вывозят")  # 3 working days
    uow.staff_chat_id = None
    late = await submit_request(uow, clock, ANNA, draft)
    assert late.id is not None
    uow.staff_chat_id = STAFF_CHAT
    clock.set(NOW + timedelta(days=4))
    assert await post_overdue_list(uow, clock)
    clock.set(NOW + timedelta(days=5))
    assert await post_overdue_list(uow, clock)  # the next morning's list
    cards = [k for k, n in uow.outbox.rows.items() if n.kind == STAFF_CARD]
    assert cards == [f"card{late.id}:overdue"]  # submitted without a staff chat: no first card

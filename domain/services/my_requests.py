"""Use cases of following one's own requests."""

from dataclasses import dataclass

from domain.clock import Clock
from domain.errors import InvalidTransition, NotAllowed, NotFound
from domain.history import EventKind, RequestEvent
from domain.paging import page_window
from domain.ports import UnitOfWork
from domain.requests import Actor, Request, RequestStatus, move
from domain.services.author_steps import Step, ensure_allowed, own_request
from domain.services.notify import refresh_staff_card, tell_residents

PAGE_SIZE = 5


@dataclass(frozen=True, slots=True)
class RequestPage:
    items: list[Request]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class RequestCard:
    request: Request
    history: list[RequestEvent]
    is_author: bool


async def my_requests(uow: UnitOfWork, user_id: int, page: int) -> RequestPage:
    total = await uow.requests.count_by_author(user_id)
    page, pages = page_window(total, page, PAGE_SIZE)
    items = await uow.requests.list_by_author(user_id, page * PAGE_SIZE, PAGE_SIZE)
    return RequestPage(items=items, page=page, pages=pages, total=total)


async def _visible_request(uow: UnitOfWork, user_id: int, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    if request.author_id != user_id and not await uow.requests.is_follower(request_id, user_id):
        raise NotAllowed("neither the author nor a follower")
    return request


async def request_card(uow: UnitOfWork, user_id: int, request_id: int) -> RequestCard:
    request = await _visible_request(uow, user_id, request_id)
    history = await uow.requests.history(request_id)
    return RequestCard(request=request, history=history, is_author=request.author_id == user_id)


async def join_request(uow: UnitOfWork, clock: Clock, user_id: int, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    if not request.is_open:
        raise InvalidTransition("only open requests can be joined")
    if request.author_id == user_id:
        return request
    now = clock.now()
    if await uow.requests.add_follower(request_id, user_id, now):
        event_id = await uow.requests.add_event(
            RequestEvent(request_id, now, EventKind.FOLLOWER_JOINED, Actor.AUTHOR, user_id)
        )
        # The card counts the residents waiting (its history); an authorless request's reply
        # button also has someone to reach now.
        await refresh_staff_card(uow, request_id, event_id, now)
    return request


async def withdraw_request(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
) -> Request:
    request = await own_request(uow, user_id, request_id)
    now = clock.now()
    ensure_allowed(request, Step.WITHDRAW, now)
    changed = move(request, RequestStatus.WITHDRAWN, Actor.AUTHOR, now, actor_user_id=user_id)
    await uow.requests.save(changed)
    event_id = await uow.requests.add_event(
        RequestEvent(
            request_id=request_id,
            at=now,
            kind=EventKind.STATUS_CHANGED,
            actor=Actor.AUTHOR,
            actor_user_id=user_id,
            from_status=request.status,
            to_status=changed.status,
        )
    )
    await tell_residents(uow, changed, event_id, now, skip=user_id)
    await refresh_staff_card(uow, request_id, event_id, now)
    return changed

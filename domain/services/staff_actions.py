"""What staff do with a request. Every change is recorded, told to the residents, and shown
on the request's card in the staff chat."""

from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from domain.clock import Clock
from domain.errors import DomainError, InvalidInput, InvalidTransition, NotFound
from domain.history import EventKind, RequestEvent
from domain.ports import UnitOfWork
from domain.requests import Actor, Request, RequestStatus, move, responded
from domain.services.notify import refresh_staff_card, tell_residents

TEXT_MAX = 2000
# Moves that must explain themselves to the resident.
NEEDS_TEXT = {
    RequestStatus.NEED_INFO: EventKind.QUESTION,
    RequestStatus.RESOLVED: EventKind.ANSWER,
    RequestStatus.REJECTED: EventKind.ANSWER,
}


class Audience(StrEnum):
    """Who reads a staff member's reply to a request."""

    AUTHOR = "author"  # and the followers, if any
    FOLLOWERS = "followers"  # the author deleted their account; others still follow
    NOBODY = "nobody"  # the author deleted their account and nobody follows


class NobodyToTell(DomainError):
    """A reply would reach no one, so it is not recorded as sent."""

    code = "nobody_to_tell"


class NobodyToAsk(DomainError):
    """A question only the author can answer, and the author deleted their account."""

    code = "nobody_to_ask"


class AlreadyTaken(DomainError):
    """Someone took the request first (a press on an older card): it stays theirs."""

    code = "already_taken"

    def __init__(self, assignee_id: int) -> None:
        super().__init__(f"taken by {assignee_id}")
        self.assignee_id = assignee_id


async def staff_name(uow: UnitOfWork, user_id: int | None) -> str | None:
    """A staff member's name as Telegram gave it (the one who has a request, say)."""
    if user_id is None:
        return None
    user = await uow.users.get(user_id)
    return user.first_name if user is not None else None


async def reply_audience(uow: UnitOfWork, request: Request) -> Audience:
    if request.author_id is not None:
        return Audience.AUTHOR
    assert request.id is not None
    return Audience.FOLLOWERS if await uow.requests.followers(request.id) else Audience.NOBODY


def _someone_to_ask(request: Request) -> None:
    if request.author_id is None:
        # Followers cannot answer for the author; the request would wait for nobody.
        raise NobodyToAsk(f"request {request.id} has no author to ask")


async def check_someone_to_ask(uow: UnitOfWork, request_id: int) -> None:
    """Before staff type a question: NobodyToAsk when its author has left (an older card may
    still offer the button), NotFound when the request is gone."""
    _someone_to_ask(await _load(uow, request_id))


def clean_text(text: str | None, limit: int = TEXT_MAX) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput("empty text")
    if len(cleaned) > limit:
        raise InvalidInput(f"{len(cleaned)} > {limit}")
    return cleaned


async def _load(uow: UnitOfWork, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    return request


async def _record(uow: UnitOfWork, request: Request, event: RequestEvent) -> int:
    event_id = await uow.requests.add_event(event)
    await tell_residents(uow, request, event_id, event.at)
    await refresh_staff_card(uow, event.request_id, event_id, event.at)
    return event_id


def _first_response(request: Request, staff_id: int, at: datetime) -> Request:
    """A staff member's act is the city's response; the first one to act keeps the request."""
    answered = responded(request, Actor.STAFF, at)
    if answered.assignee_id is not None:
        return answered
    return replace(answered, assignee_id=staff_id)


async def take(uow: UnitOfWork, clock: Clock, staff_id: int, request_id: int) -> Request:
    """Assign to oneself; a new request goes to work at the same time. A request someone
    has already taken stays theirs (the card no longer offers it; an older card might)."""
    request = await _load(uow, request_id)
    if not request.is_open:
        raise InvalidTransition("closed requests cannot be taken")
    if request.assignee_id is not None:
        raise AlreadyTaken(request.assignee_id)
    now = clock.now()
    taken = replace(request, assignee_id=staff_id, updated_at=now)
    if request.status is RequestStatus.NEW:
        taken = move(taken, RequestStatus.IN_PROGRESS, Actor.STAFF, now)
    taken = _first_response(taken, staff_id, now)
    await uow.requests.save(taken)
    event = RequestEvent(
        request_id, now, EventKind.TAKEN, Actor.STAFF, staff_id, request.status, taken.status
    )
    await _record(uow, taken, event)
    return taken


async def take_over(uow: UnitOfWork, clock: Clock, staff_id: int, request_id: int) -> Request:
    """A colleague's request becomes the presser's (its taker is away, say); the card says
    who has it now. Residents are not told: for them the city still works on it."""
    request = await _load(uow, request_id)
    if request.assignee_id is None:
        return await take(uow, clock, staff_id, request_id)
    if not request.is_open:
        raise InvalidTransition("closed requests cannot be taken")
    if request.assignee_id == staff_id:
        raise AlreadyTaken(staff_id)
    now = clock.now()
    taken = replace(request, assignee_id=staff_id, updated_at=now)
    await uow.requests.save(taken)
    event = RequestEvent(
        request_id, now, EventKind.TAKEN, Actor.STAFF, staff_id, request.status, taken.status
    )
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request_id, event_id, now)
    return taken


async def change_status(
    uow: UnitOfWork,
    clock: Clock,
    request_id: int,
    to: RequestStatus,
    *,
    actor: Actor,
    actor_id: int | None,
    text: str | None = None,
) -> Request:
    """A status move by staff (`actor_id`: who) or a city system (`actor_id` None);
    questions, answers and refusals need `text`."""
    request = await _load(uow, request_id)
    if to is RequestStatus.NEED_INFO:
        _someone_to_ask(request)
    kind = NEEDS_TEXT.get(to)
    cleaned = clean_text(text) if kind is not None else None
    now = clock.now()
    moved = move(request, to, actor, now)
    if actor_id is not None:
        moved = _first_response(moved, actor_id, now)
    await uow.requests.save(moved)
    event = RequestEvent(
        request_id,
        now,
        kind or EventKind.STATUS_CHANGED,
        actor,
        actor_id,
        request.status,
        to,
        cleaned,
    )
    await _record(uow, moved, event)
    return moved


async def mark_duplicate(
    uow: UnitOfWork,
    clock: Clock,
    staff_id: int,
    request_id: int,
    original_id: int,
) -> Request:
    """Close as a duplicate; the residents are made followers of the original."""
    if original_id == request_id:
        raise InvalidInput("a request cannot duplicate itself")
    original = await _load(uow, original_id)
    request = await _load(uow, request_id)
    now = clock.now()
    moved = _first_response(
        move(request, RequestStatus.DUPLICATE, Actor.STAFF, now), staff_id, now
    )
    moved = replace(moved, duplicate_of=original_id)
    await uow.requests.save(moved)
    for user_id in [request.author_id, *await uow.requests.followers(request_id)]:
        if user_id is not None and user_id != original.author_id:
            await uow.requests.add_follower(original_id, user_id, now)
    event = RequestEvent(
        request_id,
        now,
        EventKind.STATUS_CHANGED,
        Actor.STAFF,
        staff_id,
        request.status,
        RequestStatus.DUPLICATE,
        original.number,
    )
    await _record(uow, moved, event)
    return moved


async def official_answer(
    uow: UnitOfWork,
    clock: Clock,
    staff_id: int,
    request_id: int,
    text: str,
) -> Audience:
    """A reply from the city without a status change (a staff reply to the card); who
    reads it. Refused when nobody would: the author has left and nobody follows."""
    request = await _load(uow, request_id)
    cleaned = clean_text(text)
    audience = await reply_audience(uow, request)
    if audience is Audience.NOBODY:
        raise NobodyToTell(f"request {request_id}: the author left, no followers")
    now = clock.now()
    answered = replace(_first_response(request, staff_id, now), updated_at=now)
    await uow.requests.save(answered)
    event = RequestEvent(request_id, now, EventKind.ANSWER, Actor.STAFF, staff_id, text=cleaned)
    await _record(uow, answered, event)
    return audience

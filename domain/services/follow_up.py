"""What the author does after filing: answer a question, add a comment or a photo, rate the
resolution, reopen it. Staff see each of these on the card; followers hear of reopening."""

from dataclasses import replace

from domain.clock import Clock
from domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from domain.history import EventKind, RequestEvent
from domain.ports import UnitOfWork
from domain.requests import Actor, Request, RequestStatus, move
from domain.services.notify import refresh_staff_card, tell_residents
from domain.services.reports import MAX_PHOTOS
from domain.services.staff_actions import clean_text

S = RequestStatus
RATINGS = range(1, 6)


async def _own(uow: UnitOfWork, user_id: int, request_id: int) -> Request:
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    if request.author_id != user_id:
        raise NotAllowed("only the author may do this")
    return request


async def _author_adds(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request: Request,
    kind: EventKind,
    text: str | None,
    staff_chat_id: int | None,
) -> Request:
    """Something from the author on an open request; while staff wait for information it is
    the answer, and work resumes."""
    if not request.is_open:
        raise InvalidTransition("additions are for open requests")
    assert request.id is not None
    now = clock.now()
    changed = replace(request, updated_at=now)
    if request.status is S.NEED_INFO:
        changed = move(request, S.IN_PROGRESS, Actor.AUTHOR, now, actor_user_id=user_id)
    await uow.requests.save(changed)
    event = RequestEvent(
        request.id, now, kind, Actor.AUTHOR, user_id, request.status, changed.status, text
    )
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request.id, event_id, staff_chat_id, now)
    return changed


async def add_comment(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    text: str,
    staff_chat_id: int | None,
) -> Request:
    request = await _own(uow, user_id, request_id)
    cleaned = clean_text(text)
    return await _author_adds(
        uow, clock, user_id, request, EventKind.COMMENT, cleaned, staff_chat_id
    )


async def add_photo(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    file_id: str,
    staff_chat_id: int | None,
    caption: str | None = None,  # what the author wrote under the photo, kept with it
) -> Request:
    request = await _own(uow, user_id, request_id)
    if len(request.photos) >= MAX_PHOTOS * 2:
        raise InvalidInput("too many photos on one request")
    text = clean_text(caption) if caption else None
    changed = await _author_adds(
        uow, clock, user_id, request, EventKind.PHOTO_ADDED, text, staff_chat_id
    )
    await uow.requests.add_photo(request_id, file_id)
    return replace(changed, photos=(*request.photos, file_id))


async def rate(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    stars: int,
    staff_chat_id: int | None,
) -> Request:
    """Rate a resolved request; rating again replaces the mark."""
    if stars not in RATINGS:
        raise InvalidInput(f"rating {stars}")
    request = await _own(uow, user_id, request_id)
    if request.status is not S.RESOLVED:
        raise InvalidTransition("only a resolved request can be rated")
    now = clock.now()
    rated = replace(request, rating=stars, updated_at=now)
    await uow.requests.save(rated)
    event = RequestEvent(request_id, now, EventKind.RATED, Actor.AUTHOR, user_id, text=str(stars))
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request_id, event_id, staff_chat_id, now)
    return rated


async def reopen(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    reason: str,
    staff_chat_id: int | None,
) -> Request:
    """Within 14 days of resolution the problem may be back: the request returns to triage."""
    request = await _own(uow, user_id, request_id)
    cleaned = clean_text(reason)
    now = clock.now()
    reopened = move(request, S.NEW, Actor.AUTHOR, now, actor_user_id=user_id)
    reopened = replace(reopened, rating=None, assignee_id=None)
    await uow.requests.save(reopened)
    event = RequestEvent(
        request_id,
        now,
        EventKind.STATUS_CHANGED,
        Actor.AUTHOR,
        user_id,
        S.RESOLVED,
        S.NEW,
        cleaned,
    )
    event_id = await uow.requests.add_event(event)
    await tell_residents(uow, reopened, event_id, now, skip=user_id)
    await refresh_staff_card(uow, request_id, event_id, staff_chat_id, now)
    return reopened

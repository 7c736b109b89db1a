"""What the author does after filing: answer a question, add a comment or a photo, rate the
resolution, reopen it. Staff see each of these on the card, and all but the rating in a new
message under it; followers hear of reopening."""

from dataclasses import replace
from datetime import datetime

from domain.clock import Clock
from domain.errors import InvalidInput
from domain.history import EventKind, RequestEvent, standing_additions
from domain.ports import UnitOfWork
from domain.requests import Actor, Request, RequestStatus, move
from domain.services.author_steps import Step, ensure_allowed, own_request
from domain.services.notify import PHOTO_BURST, refresh_staff_card, tell_residents, tell_staff
from domain.services.reports import MAX_PHOTOS
from domain.services.staff_actions import clean_text

RATINGS = range(1, 6)


async def _author_adds(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request: Request,
    kind: EventKind,
    text: str | None,
) -> Request:
    """Something from the author on an open request; while staff wait for information it is
    the answer, and work resumes."""
    now = clock.now()
    ensure_allowed(request, Step.ADD, now)
    assert request.id is not None
    changed = replace(request, updated_at=now)
    if request.status is RequestStatus.NEED_INFO:
        changed = move(
            request, RequestStatus.IN_PROGRESS, Actor.AUTHOR, now, actor_user_id=user_id
        )
    await uow.requests.save(changed)
    event = RequestEvent(
        request.id, now, kind, Actor.AUTHOR, user_id, request.status, changed.status, text
    )
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request.id, event_id, now)
    if kind is EventKind.PHOTO_ADDED:
        burst = await _photo_burst(uow, request.id, user_id, event_id, now)
        if burst is not None:  # the first photo's notice, still waiting, will show this one
            return changed
        await tell_staff(uow, request.id, event_id, now, due=now + PHOTO_BURST)
    else:
        await tell_staff(uow, request.id, event_id, now)
    return changed


async def _photo_burst(
    uow: UnitOfWork, request_id: int, user_id: int, event_id: int, now: datetime
) -> int | None:
    """The first photo event of the burst this photo belongs to, if it is not the first."""
    history = [e for e in await uow.requests.history(request_id) if e.id != event_id]
    run: list[RequestEvent] = []
    for event in reversed(history):
        if event.kind is not EventKind.PHOTO_ADDED or event.actor_user_id != user_id:
            break
        run.insert(0, event)
    first = None
    for event in run:
        if first is None or event.at - first.at >= PHOTO_BURST:
            first = event
    return first.id if first is not None and now - first.at < PHOTO_BURST else None


def photo_burst(history: list[RequestEvent], first_id: int) -> list[RequestEvent]:
    """The photo events told by the notice of `first_id`: it and the author's photos that
    followed it, uninterrupted, within PHOTO_BURST."""
    start = next((i for i, e in enumerate(history) if e.id == first_id), None)
    if start is None:
        return []
    first = history[start]
    burst = []
    for event in history[start:]:
        same = event.kind is EventKind.PHOTO_ADDED and event.actor_user_id == first.actor_user_id
        if not same or event.at - first.at >= PHOTO_BURST:
            break
        burst.append(event)
    return burst


def added_photo(request: Request, history: list[RequestEvent], event: RequestEvent) -> str | None:
    """The file id a photo event added: photos are kept in the order they came, the ones
    added after filing last, one per photo event not taken back (None for one taken back)."""
    added = [e.id for e in standing_additions(history) if e.kind is EventKind.PHOTO_ADDED]
    if event.id not in added:
        return None
    index = len(request.photos) - len(added) + added.index(event.id)
    return request.photos[index] if 0 <= index < len(request.photos) else None


async def add_comment(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    text: str,
) -> Request:
    request = await own_request(uow, user_id, request_id)
    cleaned = clean_text(text)
    return await _author_adds(uow, clock, user_id, request, EventKind.COMMENT, cleaned)


async def add_photo(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    file_id: str,
    caption: str | None = None,  # what the author wrote under the photo, kept with it
) -> Request:
    request = await own_request(uow, user_id, request_id)
    if len(request.photos) >= MAX_PHOTOS * 2:
        raise InvalidInput("too many photos on one request")
    text = clean_text(caption) if caption else None
    changed = await _author_adds(uow, clock, user_id, request, EventKind.PHOTO_ADDED, text)
    await uow.requests.add_photo(request_id, file_id)
    return replace(changed, photos=(*request.photos, file_id))


async def rate(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    stars: int,
) -> Request:
    """Rate a resolved request; rating again replaces the mark."""
    if stars not in RATINGS:
        raise InvalidInput(f"rating {stars}")
    request = await own_request(uow, user_id, request_id)
    now = clock.now()
    ensure_allowed(request, Step.RATE, now)
    rated = replace(request, rating=stars, updated_at=now)
    await uow.requests.save(rated)
    event = RequestEvent(request_id, now, EventKind.RATED, Actor.AUTHOR, user_id, text=str(stars))
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request_id, event_id, now)
    return rated


async def reopen(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    reason: str,
) -> Request:
    """Within 14 days of resolution the problem may be back: the request returns to triage."""
    request = await own_request(uow, user_id, request_id)
    cleaned = clean_text(reason)
    now = clock.now()
    ensure_allowed(request, Step.REOPEN, now)
    reopened = move(request, RequestStatus.NEW, Actor.AUTHOR, now, actor_user_id=user_id)
    reopened = replace(reopened, rating=None, assignee_id=None)
    await uow.requests.save(reopened)
    event = RequestEvent(
        request_id,
        now,
        EventKind.STATUS_CHANGED,
        Actor.AUTHOR,
        user_id,
        RequestStatus.RESOLVED,
        RequestStatus.NEW,
        cleaned,
    )
    event_id = await uow.requests.add_event(event)
    await tell_residents(uow, reopened, event_id, now, skip=user_id)
    await refresh_staff_card(uow, request_id, event_id, now)
    await tell_staff(uow, request_id, event_id, now)
    return reopened

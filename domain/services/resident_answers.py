"""The resident's side of a conversation with staff, without knowing the trick: which of their
requests waits for an answer, whether a button pressed on an old message still applies, and
taking back an answer that went to a request by itself (the next message typed)."""

from dataclasses import dataclass, replace
from datetime import timedelta

from domain.clock import Clock
from domain.errors import InvalidTransition
from domain.history import EventKind, RequestEvent, standing_additions
from domain.ports import UnitOfWork
from domain.requests import Actor, Request, RequestStatus
from domain.services.author_steps import own_request
from domain.services.follow_up import add_comment, add_photo
from domain.services.notify import refresh_staff_card, tell_staff

UNDO_WINDOW = timedelta(minutes=10)


class UndoExpired(InvalidTransition):
    """Too late, already taken back, or something newer was added after it."""


async def awaiting_answer(uow: UnitOfWork, user_id: int) -> list[Request]:
    """The person's requests on which staff wait for the author's answer, oldest first."""
    return await uow.requests.awaiting_author(user_id)


async def withdraw_addition(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    event_id: int,
) -> RequestEvent:
    """Take back the author's newest addition within UNDO_WINDOW; returns what was taken back.

    The history keeps both the addition and its withdrawal. If the addition was the answer
    that resumed the work and nobody has moved the request since, staff wait for the answer
    again (NEED_INFO): the author only undoes their own step, so this is not a status move
    of the author's (the machine does not let authors ask themselves questions)."""
    request = await own_request(uow, user_id, request_id)
    history = await uow.requests.history(request_id)
    standing = standing_additions(history)
    target = standing[-1] if standing else None
    now = clock.now()
    if target is None or target.id != event_id or now - target.at > UNDO_WINDOW:
        raise UndoExpired(f"event {event_id} of request {request_id} cannot be taken back")
    later = [e for e in history if e.id is not None and e.id > event_id]
    moved_since = any(e.to_status is not None and e.to_status != e.from_status for e in later)
    resumed = (
        target.from_status is RequestStatus.NEED_INFO
        and target.to_status is RequestStatus.IN_PROGRESS
    )
    changed = replace(request, updated_at=now)
    if resumed and not moved_since and request.status is RequestStatus.IN_PROGRESS:
        changed = replace(changed, status=RequestStatus.NEED_INFO)
    if target.kind is EventKind.PHOTO_ADDED:
        # Photos are only ever appended, and withdrawals go newest first: it is the last one.
        await uow.requests.remove_last_photo(request_id)
        changed = replace(changed, photos=changed.photos[:-1])
    await uow.requests.save(changed)
    event = RequestEvent(
        request_id,
        now,
        EventKind.ADDITION_WITHDRAWN,
        Actor.AUTHOR,
        user_id,
        request.status,
        changed.status,
        target.text if target.kind is EventKind.COMMENT else None,  # a photo's line says so
    )
    event_id = await uow.requests.add_event(event)
    await refresh_staff_card(uow, request_id, event_id, now)
    await tell_staff(uow, request_id, event_id, now)  # they were told of it
    return target


@dataclass(frozen=True, slots=True)
class Addition:
    request: Request  # as it is after the addition
    event_id: int  # what withdraw_addition takes back
    resumed: bool  # it was the answer staff waited for: the request is back in work


async def add_to_request(
    uow: UnitOfWork,
    clock: Clock,
    user_id: int,
    request_id: int,
    text: str | None,
    photo: str | None,
) -> Addition:
    """A comment (or a photo) that found its request without a button: a reply to one of its
    messages, or the next message while it waits. MovedOn if the request is closed."""
    if photo is not None:  # `text` is its caption
        after = await add_photo(uow, clock, user_id, request_id, photo, text)
    else:
        after = await add_comment(uow, clock, user_id, request_id, text or "")
    added = standing_additions(await uow.requests.history(request_id))[-1]
    assert added.id is not None
    return Addition(after, added.id, added.from_status is RequestStatus.NEED_INFO)

"""What happened to a request, in order: the resident's transparent timeline."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.requests import Actor, RequestStatus


class EventKind(StrEnum):
    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    TAKEN = "taken"  # a staff member assigned it to themselves
    QUESTION = "question"  # staff ask the author for more information
    COMMENT = "comment"  # from the author (an answer to a question is a comment too)
    ANSWER = "answer"  # an official answer from staff
    PHOTO_ADDED = "photo_added"
    FOLLOWER_JOINED = "follower_joined"
    RATED = "rated"
    AUTHOR_LEFT = "author_left"  # the author deleted their account; the request stays
    # The author took back their newest comment or photo (domain/services/resident_answers).
    ADDITION_WITHDRAWN = "addition_withdrawn"
    # A department head (or a city-wide administrator) moved it to another department
    # (text "department:<code>") or gave it to a staff member (text "staff:<user id>").
    REASSIGNED = "reassigned"


@dataclass(frozen=True, slots=True)
class RequestEvent:
    request_id: int
    at: datetime
    kind: EventKind
    actor: Actor
    actor_user_id: int | None = None
    from_status: RequestStatus | None = None
    to_status: RequestStatus | None = None
    text: str | None = None
    id: int | None = None


def is_reopen(event: RequestEvent) -> bool:
    """The author (or staff) brought a resolved request back: it waits for triage again."""
    return (
        event.kind is EventKind.STATUS_CHANGED
        and event.from_status is RequestStatus.RESOLVED
        and event.to_status is RequestStatus.NEW
    )


def reopened(status: RequestStatus, history: list[RequestEvent]) -> bool:
    """A new request that is new again because it was reopened, not because nobody looked."""
    moves = [e for e in history if e.to_status is not None and e.to_status != e.from_status]
    return status is RequestStatus.NEW and bool(moves) and is_reopen(moves[-1])


ADDITIONS = frozenset({EventKind.COMMENT, EventKind.PHOTO_ADDED})


def standing_additions(history: list[RequestEvent]) -> list[RequestEvent]:
    """The author's comments and photos not taken back, in order: each withdrawal takes back
    the newest standing one, so the history alone says which addition it was of (and the
    request's photos are those it was filed with, then one per standing photo event)."""
    standing: list[RequestEvent] = []
    for event in history:
        if event.kind in ADDITIONS and event.actor is Actor.AUTHOR:
            standing.append(event)
        elif event.kind is EventKind.ADDITION_WITHDRAWN and standing:
            standing.pop()
    return standing

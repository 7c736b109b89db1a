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

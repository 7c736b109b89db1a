"""The city request (a resident's report of a problem) and its status machine."""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidTransition, NotAllowed, ReopenWindowClosed

NUMBER_PREFIX = "KZN-"
_NUMBER_RE = re.compile(r"(?:KZN[-\s]?|[#№]\s*)?(\d{1,9})")
REOPEN_WINDOW = timedelta(days=14)


class RequestStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    NEED_INFO = "need_info"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = frozenset({RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.NEED_INFO})


class Actor(StrEnum):
    AUTHOR = "author"
    STAFF = "staff"
    SYSTEM = "system"  # the city's own systems through the admin API, scheduled jobs


class RequestChannel(StrEnum):
    """How a request reached the city: all channels share one queue and one set of figures."""

    BOT = "bot"  # a resident in Telegram
    PHONE = "phone"  # an operator filed it for a caller
    CITY_SYSTEM = "city_system"  # a city system through the admin API
    OPEN311 = "open311"  # a partner application through Open311 GeoReport v2


_STAFF = frozenset({Actor.STAFF, Actor.SYSTEM})
_CLOSING = (RequestStatus.RESOLVED, RequestStatus.REJECTED, RequestStatus.DUPLICATE)

# (from, to) -> who may make the move. Anything not listed is impossible.
TRANSITIONS: dict[tuple[RequestStatus, RequestStatus], frozenset[Actor]] = {
    (RequestStatus.NEW, RequestStatus.IN_PROGRESS): _STAFF,
    (RequestStatus.NEW, RequestStatus.NEED_INFO): _STAFF,
    (RequestStatus.IN_PROGRESS, RequestStatus.NEED_INFO): _STAFF,
    # The resident's answer to a question puts the request back to work.
    (RequestStatus.NEED_INFO, RequestStatus.IN_PROGRESS): frozenset(
        {Actor.STAFF, Actor.SYSTEM, Actor.AUTHOR}
    ),
    **{(src, dst): _STAFF for src in OPEN_STATUSES for dst in _CLOSING},
    **{(src, RequestStatus.WITHDRAWN): frozenset({Actor.AUTHOR}) for src in OPEN_STATUSES},
    # Reopening sends the request back to triage; only within REOPEN_WINDOW of resolution.
    (RequestStatus.RESOLVED, RequestStatus.NEW): frozenset({Actor.AUTHOR, Actor.STAFF}),
}


def allowed_moves(status: RequestStatus, actor: Actor) -> list[RequestStatus]:
    return [dst for (src, dst), who in TRANSITIONS.items() if src == status and actor in who]


def format_number(request_id: int) -> str:
    return f"{NUMBER_PREFIX}{request_id:06d}"


def parse_number(text: str) -> int | None:
    """'KZN-000123', 'kzn 123', '#123', '123' -> 123; anything else -> None."""
    found = _NUMBER_RE.fullmatch(text.strip().upper())
    if found is None:
        return None
    number = int(found.group(1))
    return number if number > 0 else None


@dataclass(frozen=True, slots=True)
class Place:
    """Where the problem is: a matched street address, a shared point, or both."""

    label: str
    district: str | None = None
    street_id: int | None = None
    house: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Request:
    id: int | None
    author_id: int | None
    category: str
    description: str
    place: Place
    status: RequestStatus
    created_at: datetime
    deadline_at: datetime
    first_response_due_at: datetime
    updated_at: datetime
    resolved_at: datetime | None = None
    photos: tuple[str, ...] = field(default=())
    assignee_id: int | None = None  # the staff member who took it
    first_response_at: datetime | None = None  # when the city first acted on it
    rating: int | None = None  # the author's 1-5 mark of the resolution
    duplicate_of: int | None = None
    channel: RequestChannel = RequestChannel.BOT
    # The code of the department that answers for it (data/departments); None: not routed yet.
    department: str | None = None
    # A phone request's caller's number (given to the operator): for staff only, never shown
    # to residents nor published.
    caller_phone: str | None = None
    # The author agreed to show `description` (their words only) on the public page and in
    # Open311; withdrawn at any time, and with the account's erasure (issue 17).
    description_public: bool = False

    @property
    def number(self) -> str:
        if self.id is None:
            raise ValueError("an unsaved request has no number yet")
        return format_number(self.id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and now > self.deadline_at

    def can_reopen(self, now: datetime) -> bool:
        return (
            self.status is RequestStatus.RESOLVED
            and self.resolved_at is not None
            and now - self.resolved_at <= REOPEN_WINDOW
        )


def move(
    request: Request,
    to: RequestStatus,
    actor: Actor,
    now: datetime,
    *,
    actor_user_id: int | None = None,
) -> Request:
    """Apply one transition, checking who may make it; returns the changed request."""
    who = TRANSITIONS.get((request.status, to))
    if who is None:
        raise InvalidTransition(f"{request.status} -> {to} is not a move")
    if actor not in who:
        raise NotAllowed(f"{actor} may not move {request.status} -> {to}")
    if actor is Actor.AUTHOR and actor_user_id != request.author_id:
        raise NotAllowed("only the author may do this")
    reopening = request.status is RequestStatus.RESOLVED and to is RequestStatus.NEW
    if reopening and (request.resolved_at is None or now - request.resolved_at > REOPEN_WINDOW):
        raise ReopenWindowClosed("more than 14 days since resolution")
    resolved_at = (
        now
        if to is RequestStatus.RESOLVED
        else (None if to is RequestStatus.NEW else request.resolved_at)
    )
    moved = replace(request, status=to, updated_at=now, resolved_at=resolved_at)
    return responded(moved, actor, now)


def responded(request: Request, actor: Actor, now: datetime) -> Request:
    """Mark the city's first response. Whoever acts on a request other than its author is the
    city answering: a staff member in the chat and a city system through the admin API alike,
    so the statistics and the "nobody took it" escalation treat both the same way."""
    if actor is Actor.AUTHOR or request.first_response_at is not None:
        return request
    return replace(request, first_response_at=now)

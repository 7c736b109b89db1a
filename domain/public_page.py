"""What the public page shows: figures from the kept counts, the newest requests, and a
request's official history — never a resident's name, phone or house, their words only when
the author agreed to show their description, and of the photos only those staff marked
publishable."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from domain.history import EventKind, RequestEvent
from domain.public_figures import CountKey, on_time_share
from domain.requests import OPEN_STATUSES, Actor, RequestStatus, format_number

OPEN_FILTER = "open"  # the status filter's value for every open status at once


@dataclass(frozen=True, slots=True)
class PublicFilter:
    """The page's query: each part None when not filtered (values already checked)."""

    district: str | None = None
    category: str | None = None
    status: str | None = None  # a RequestStatus value or OPEN_FILTER

    def statuses(self) -> frozenset[RequestStatus] | None:
        if self.status is None:
            return None
        if self.status == OPEN_FILTER:
            return OPEN_STATUSES
        return frozenset({RequestStatus(self.status)})


@dataclass(frozen=True, slots=True)
class CountRow:
    key: CountKey
    requests: int
    on_time: int


@dataclass(frozen=True, slots=True)
class DepartmentShare:
    department: str  # "" for requests not routed to a department yet
    resolved: int
    on_time: int

    @property
    def share(self) -> float | None:
        return on_time_share(self.resolved, self.on_time)


@dataclass(frozen=True, slots=True)
class CityFigures:
    total: int  # requests matching the whole filter
    by_district: dict[str, int]  # matching the category and status filters
    by_category: dict[str, int]  # matching the district and status filters
    open_by_district: dict[str, int]  # open now, matching the category filter (the map)
    on_time: list[DepartmentShare]  # matching the district and category filters
    median_response_minutes: int | None  # city-wide


def city_figures(
    rows: list[CountRow], where: PublicFilter, median_minutes: int | None
) -> CityFigures:
    """Sums over the kept counts (a few hundred rows), each figure with the filters that make
    sense for it: the map keeps every district, the category list every category."""
    statuses = where.statuses()
    by_district: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    open_by_district: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    total = 0
    for row in rows:
        key = row.key
        in_district = where.district is None or key.district == where.district
        in_category = where.category is None or key.category == where.category
        in_status = statuses is None or key.status in statuses
        if in_category and in_status:
            by_district[key.district] += row.requests
        if in_district and in_status:
            by_category[key.category] += row.requests
        if in_category and key.status in OPEN_STATUSES:
            open_by_district[key.district] += row.requests
        if in_district and in_category and key.status is RequestStatus.RESOLVED:
            resolved[key.department] += row.requests
            on_time[key.department] += row.on_time
        if in_district and in_category and in_status:
            total += row.requests
    shares = [DepartmentShare(d, resolved[d], on_time[d]) for d in sorted(resolved) if resolved[d]]
    return CityFigures(
        total,
        _positive(by_district),
        _positive(by_category),
        _positive(open_by_district),
        shares,
        median_response_minutes=median_minutes,
    )


def _positive(counts: Counter[str]) -> dict[str, int]:
    return {key: value for key, value in sorted(counts.items()) if value > 0}


@dataclass(frozen=True, slots=True)
class PublicRequest:
    """A request as anyone may see it: the street without the house, no words of its author
    unless they agreed to show their description."""

    id: int
    category: str
    status: RequestStatus
    district: str | None
    street: str | None  # e.g. «улица Баумана»; None when filed by a point only
    created_at: datetime
    updated_at: datetime
    deadline_at: datetime
    resolved_at: datetime | None = None
    history: tuple[RequestEvent, ...] = field(default=())
    photos: tuple[int, ...] = field(default=())  # the numbers of the photos staff made public
    # The author's words, only while they agree to show them (None otherwise).
    description: str | None = None


# What the official history shows: some events with the city's text, some bare.
_CITY_TEXT = frozenset({EventKind.ANSWER, EventKind.STATUS_CHANGED})
_BARE = frozenset({EventKind.CREATED, EventKind.TAKEN, EventKind.QUESTION})


def official_history(history: list[RequestEvent]) -> list[RequestEvent]:
    """Status changes and the city's public answers. The author's words never (their consent
    covers the description only), nor a question's text (it may quote them); a staff member's
    or city system's text with a status change (a refusal's reason) is the city's answer.
    Nobody's user id is kept."""
    return [
        _public(event, keep_text=event.kind in _CITY_TEXT and event.actor is not Actor.AUTHOR)
        for event in history
        if event.kind in _BARE or event.kind in _CITY_TEXT
    ]


def _public(event: RequestEvent, *, keep_text: bool) -> RequestEvent:
    return RequestEvent(
        event.request_id,
        event.at,
        event.kind,
        event.actor,
        None,
        event.from_status,
        event.to_status,
        event.text if keep_text else None,
    )


REQUEST_PATH = "/r/"  # a request's public page: /r/KZN-000123
PHOTO_PATH = "/photo/"  # a photo staff made public: /r/KZN-000123/photo/1.jpg


def photo_path(request_id: int, photo: int) -> str:
    """Photo `photo` (1, 2, ...) of the request: its number names it, never Telegram's id."""
    return f"{REQUEST_PATH}{format_number(request_id)}{PHOTO_PATH}{photo}.jpg"


@dataclass(frozen=True, slots=True)
class PublicLinks:
    """Where the public pages are reached from outside (PUBLIC_BASE_URL); None: nowhere,
    and the bot shows no link."""

    base_url: str | None = None

    def request(self, request_id: int) -> str | None:
        if self.base_url is None:
            return None
        return f"{self.base_url.rstrip('/')}{REQUEST_PATH}{format_number(request_id)}"

    def photo(self, request_id: int, photo: int) -> str | None:
        if self.base_url is None:
            return None
        return self.base_url.rstrip("/") + photo_path(request_id, photo)

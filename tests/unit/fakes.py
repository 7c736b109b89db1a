"""In-memory implementations of the domain ports: fast, honest, and loud on misuse."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Self

from domain.address.model import Street
from domain.categories import Category
from domain.districts import District
from domain.history import RequestEvent
from domain.notifications import CardState, Notification
from domain.photos import RequestPhoto
from domain.ports import BoundingBox
from domain.requests import OPEN_STATUSES, Request, RequestStatus
from domain.users import User
from tests.unit.department_fakes import FakeDepartments


class FakeRequests:
    def __init__(self) -> None:
        self.rows: dict[int, Request] = {}
        self.events: list[RequestEvent] = []
        self.follows: set[tuple[int, int]] = set()
        self.joined_at: dict[tuple[int, int], datetime] = {}  # (request, follower): when
        self.public_photos: set[tuple[int, int]] = set()  # (request, position) marked public

    async def add(self, request: Request) -> Request:
        assert request.id is None, "add() takes a new request"
        saved = replace(request, id=len(self.rows) + 1)
        self.rows[saved.id] = saved  # type: ignore[index]
        return saved

    async def get(self, request_id: int) -> Request | None:
        return self.rows.get(request_id)

    async def open_in_department(self, department: str, limit: int) -> list[Request]:
        found = [r for r in self.rows.values() if r.department == department and r.is_open]
        return sorted(found, key=lambda r: (r.created_at, r.id or 0))[:limit]

    async def add_photo(self, request_id: int, file_id: str) -> None:
        request = self.rows[request_id]
        self.rows[request_id] = replace(request, photos=(*request.photos, file_id))

    async def remove_last_photo(self, request_id: int) -> None:
        request = self.rows[request_id]
        assert request.photos, "no photo to remove"
        self.public_photos.discard((request_id, len(request.photos) - 1))
        self.rows[request_id] = replace(request, photos=request.photos[:-1])

    async def photos(self, request_id: int) -> list[RequestPhoto]:
        request = self.rows[request_id]
        return [
            RequestPhoto(position, file_id, (request_id, position) in self.public_photos)
            for position, file_id in enumerate(request.photos)
        ]

    async def mark_photo(self, request_id: int, position: int, public: bool) -> None:
        assert position < len(self.rows[request_id].photos), "no such photo"
        if public:
            self.public_photos.add((request_id, position))
        else:
            self.public_photos.discard((request_id, position))

    async def set_description_public(self, request_id: int, public: bool) -> None:
        row = self.rows[request_id]
        self.rows[request_id] = replace(row, description_public=public)

    async def save(self, request: Request) -> None:
        assert request.id in self.rows, "update of an unknown request"
        # As in SQL: save never writes the author's consent (set_description_public does).
        kept = self.rows[request.id].description_public  # type: ignore[index]
        self.rows[request.id] = replace(request, description_public=kept)  # type: ignore[index]

    async def list_by_author(self, author_id: int, offset: int, limit: int) -> list[Request]:
        mine = [r for r in self.rows.values() if r.author_id == author_id]
        mine.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        return mine[offset : offset + limit]

    async def count_by_author(self, author_id: int) -> int:
        return sum(1 for r in self.rows.values() if r.author_id == author_id)

    async def awaiting_author(self, author_id: int) -> list[Request]:
        waiting = [
            r
            for r in self.rows.values()
            if r.author_id == author_id and r.status is RequestStatus.NEED_INFO
        ]
        return sorted(waiting, key=lambda r: (r.updated_at, r.id or 0))

    async def open_at_address(self, category: str, street_id: int, house: str) -> list[Request]:
        return [
            r
            for r in self.rows.values()
            if r.category == category
            and r.status in OPEN_STATUSES
            and r.place.street_id == street_id
            and r.place.house == house
        ]

    async def open_in_box(self, category: str, box: BoundingBox) -> list[Request]:
        return [
            r
            for r in self.rows.values()
            if r.category == category
            and r.status in OPEN_STATUSES
            and r.place.lat is not None
            and r.place.lon is not None
            and box.south <= r.place.lat <= box.north
            and box.west <= r.place.lon <= box.east
        ]

    async def open_due_before(self, at: datetime, limit: int) -> list[Request]:
        due = [r for r in self.rows.values() if r.is_open and r.deadline_at < at]
        return sorted(due, key=lambda r: (r.deadline_at, r.id or 0))[:limit]

    async def unanswered_since(self, at: datetime, limit: int) -> list[Request]:
        late = [
            r
            for r in self.rows.values()
            if r.is_open and r.first_response_at is None and r.first_response_due_at < at
        ]
        return sorted(late, key=lambda r: (r.first_response_due_at, r.id or 0))[:limit]

    async def add_event(self, event: RequestEvent) -> int:
        assert event.request_id in self.rows, "event for an unknown request"
        saved = replace(event, id=len(self.events) + 1)
        self.events.append(saved)
        return saved.id  # type: ignore[return-value]

    async def history(self, request_id: int) -> list[RequestEvent]:
        return [e for e in self.events if e.request_id == request_id]

    async def add_follower(self, request_id: int, user_id: int, at: datetime) -> bool:
        if (request_id, user_id) in self.follows:
            return False
        self.follows.add((request_id, user_id))
        self.joined_at[request_id, user_id] = at
        return True

    async def is_follower(self, request_id: int, user_id: int) -> bool:
        return (request_id, user_id) in self.follows

    async def followers(self, request_id: int) -> list[int]:
        return sorted(user for request, user in self.follows if request == request_id)


class FakeUsers:
    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    async def get(self, user_id: int) -> User | None:
        return self.rows.get(user_id)

    async def add(self, user: User) -> User:
        assert user.id not in self.rows, "duplicate user"
        self.rows[user.id] = user
        return user

    async def set_locale(self, user_id: int, locale: str) -> None:
        self.rows[user_id] = replace(self.rows[user_id], locale=locale, locale_chosen=True)

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        self.rows[user_id] = replace(self.rows[user_id], blocked_bot=blocked)

    async def touch(self, user_id: int, first_name: str, username: str | None) -> None:
        self.rows[user_id] = replace(self.rows[user_id], first_name=first_name, username=username)

    async def set_phone(self, user_id: int, phone: str | None) -> None:
        self.rows[user_id] = replace(self.rows[user_id], phone=phone)

    async def set_consent(self, user_id: int, version: str, at: datetime) -> None:
        self.rows[user_id] = replace(self.rows[user_id], consent_version=version, consent_at=at)


class FakeCategories:
    def __init__(self, categories: Sequence[Category]) -> None:
        self.rows = {c.code: c for c in categories}

    async def list_active(self) -> list[Category]:
        return sorted(self.rows.values(), key=lambda c: c.position)

    async def get(self, code: str) -> Category | None:
        return self.rows.get(code)


class FakeDistricts:
    def __init__(self, districts: Sequence[District] = ()) -> None:
        self.rows = list(districts)

    async def all(self) -> list[District]:
        return list(self.rows)


class FakeCards:
    def __init__(self) -> None:
        self.by_message: dict[tuple[int, int], int] = {}

    async def request_for_message(self, chat_id: int, message_id: int) -> int | None:
        return self.by_message.get((chat_id, message_id))

    async def newest(
        self, kind: str, card_key: str, chat_id: int
    ) -> tuple[int, dict[str, Any]] | None:
        raise AssertionError("no card lookups expected")

    async def state(self, kind: str, card_key: str, chat_id: int) -> CardState:
        raise AssertionError("no card lookups expected")

    async def message_id(self, kind: str, card_key: str, chat_id: int) -> int | None:
        raise AssertionError("no card lookups expected")


class FakeStaff:
    def __init__(self) -> None:
        self.rows: dict[int, tuple[int, datetime]] = {}

    async def is_member(self, user_id: int) -> bool:
        return user_id in self.rows

    async def add(self, user_id: int, added_by: int, at: datetime) -> bool:
        if user_id in self.rows:
            return False
        self.rows[user_id] = (added_by, at)
        return True

    async def remove(self, user_id: int) -> bool:
        return self.rows.pop(user_id, None) is not None

    async def members(self) -> list[int]:
        return list(self.rows)


class FakeTemplates:
    def __init__(self) -> None:
        self.rows: dict[int, str] = {}

    async def all(self) -> list[tuple[int, str]]:
        return sorted(self.rows.items())

    async def get(self, template_id: int) -> str | None:
        return self.rows.get(template_id)

    async def add(self, text: str, by: int, at: datetime) -> int:
        new_id = max(self.rows, default=0) + 1
        self.rows[new_id] = text
        return new_id

    async def remove(self, template_id: int) -> bool:
        return self.rows.pop(template_id, None) is not None


class FakeStreets:
    def __init__(self, streets: Sequence[Street] = ()) -> None:
        self.rows = list(streets)

    async def all(self) -> list[Street]:
        return list(self.rows)


class FakeOutbox:
    def __init__(self) -> None:
        self.rows: dict[str, Notification] = {}

    async def add(self, notification: Notification) -> bool:
        if notification.key in self.rows:
            return False
        self.rows[notification.key] = notification
        return True

    async def prune_delivered(self, before: datetime, keep_kinds: Sequence[str]) -> int:
        old = [
            key
            for key, n in self.rows.items()
            if n.status != "pending" and n.created_at < before and n.kind not in keep_kinds
        ]
        for key in old:
            del self.rows[key]
        return len(old)

    async def pending(self, now: datetime, limit: int) -> Sequence[Notification]:
        return list(self.rows.values())[:limit]


class FakeUpdates:
    def __init__(self) -> None:
        self.seen_at: dict[int, datetime] = {}

    async def claim(self, update_id: int, at: datetime) -> bool:
        if update_id in self.seen_at:
            return False
        self.seen_at[update_id] = at
        return True

    async def prune(self, before: datetime) -> int:
        old = [update_id for update_id, at in self.seen_at.items() if at < before]
        for update_id in old:
            del self.seen_at[update_id]
        return len(old)


ROADS = Category("roads", "Дороги", "Юллар", "Roads", 24, 10, 0)
WASTE = Category("waste", "Мусор", "Чүп-чар", "Waste", 24, 3, 1)


class FakeTransaction:
    """What every fake unit of work does with its transaction: counts the commits."""

    commits = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def commit(self) -> None:
        self.commits += 1

    async def rollback(self) -> None:
        return None


class FakeUnitOfWork(FakeTransaction):
    def __init__(
        self, categories: Sequence[Category] = (ROADS, WASTE), staff_chat_id: int | None = None
    ) -> None:
        self.staff_chat_id = staff_chat_id  # the chat staff cards go to; None: no staff chat
        self.users = FakeUsers()
        self.requests = FakeRequests()
        self.categories = FakeCategories(categories)
        self.districts = FakeDistricts()
        self.streets = FakeStreets()
        self.cards = FakeCards()
        self.staff = FakeStaff()
        self.templates = FakeTemplates()
        self.outbox = FakeOutbox()
        self.updates = FakeUpdates()
        self.departments = FakeDepartments(self.requests.rows)

"""The city's departments: who answers for which requests, where their cards go, who heads
them.

A route maps a category, in one district or in any, to a department; the routing rule is
pure (`route_department`) so that the admin API, the loader and `submit_request` agree.
Where a department's cards go (its own chat or forum topic, else the main staff chat) is
deployment-specific, set through the admin API.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

ANY_DISTRICT = ""  # a route for the category in every district without a route of its own


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name_ru: str
    name_tt: str
    name_en: str
    chat_id: int | None = None  # its own staff chat; None: the main staff chat
    thread_id: int | None = None  # a forum topic of that chat (or of the main one)
    head_user_id: int | None = None  # the Telegram user id of the staff member who heads it
    position: int = 0

    def name(self, locale: str) -> str:
        by_locale = {"ru": self.name_ru, "tt": self.name_tt, "en": self.name_en}
        return by_locale.get(locale) or self.name_ru

    def is_head(self, user_id: int) -> bool:
        return self.head_user_id is not None and self.head_user_id == user_id


@dataclass(frozen=True, slots=True)
class Route:
    """Requests of `category` in `district` (ANY_DISTRICT: anywhere) go to `department`."""

    category: str
    district: str
    department: str


def route_department(routes: Iterable[Route], category: str, district: str | None) -> str | None:
    """The department for a request: the category's route in its district wins over the
    category's city-wide route; None when the category has neither (the main staff chat)."""
    anywhere: str | None = None
    for route in routes:
        if route.category != category:
            continue
        if district and route.district == district:
            return route.department
        if route.district == ANY_DISTRICT:
            anywhere = route.department
    return anywhere


def card_chat(department: Department | None, staff_chat_id: int | None) -> int | None:
    """The chat a request's card and news go to: its department's chat when it has one,
    else the main staff chat (None: no staff chat at all)."""
    if department is not None and department.chat_id is not None:
        return department.chat_id
    return staff_chat_id


def may_reassign(department: Department | None, user_id: int, *, city_admin: bool) -> bool:
    """Who may move a request to another department or person: the head of the department
    it is in now, or an administrator of the main staff chat (city-wide)."""
    return city_admin or (department is not None and department.is_head(user_id))


class DepartmentRepository(Protocol):
    async def all(self) -> list[Department]: ...
    async def get(self, code: str) -> Department | None: ...
    async def save(self, department: Department) -> None: ...
    async def create(self, department: Department) -> bool:
        """Add a new department; False when the code is taken."""
        ...

    async def remove(self, code: str, at: datetime) -> None: ...
    async def request_count(self, code: str) -> int: ...
    async def move_everything(self, from_code: str, to_code: str) -> tuple[int, int]:
        """Move every request and route of `from_code` to `to_code`: (requests, routes)."""
        ...

    async def routes(self) -> list[Route]: ...
    async def set_route(self, route: Route) -> None: ...
    async def remove_route(self, category: str, district: str) -> bool: ...
    async def is_department_chat(self, chat_id: int) -> bool: ...
    async def chat_for_request(self, request_id: int) -> int | None:
        """The own chat of the request's department (None: none, or no department)."""
        ...

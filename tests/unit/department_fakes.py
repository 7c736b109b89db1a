"""An in-memory department repository (domain/departments.py) over the fake requests."""

from collections.abc import MutableMapping
from dataclasses import replace
from datetime import datetime

from domain.departments import Department, Route
from domain.requests import Request


class FakeDepartments:
    def __init__(self, requests: MutableMapping[int, Request]) -> None:
        """`requests`: the fake request rows (FakeRequests.rows), to find a request's."""
        self.rows: dict[str, Department] = {}
        self.route_rows: dict[tuple[str, str], Route] = {}
        self._requests = requests
        self.removed: dict[str, datetime] = {}

    async def all(self) -> list[Department]:
        return sorted(self.rows.values(), key=lambda d: (d.position, d.code))

    async def get(self, code: str) -> Department | None:
        return self.rows.get(code)

    async def save(self, department: Department) -> None:
        self.rows[department.code] = department

    async def create(self, department: Department) -> bool:
        if department.code in self.rows:
            return False
        self.rows[department.code] = department
        self.removed.pop(department.code, None)
        return True

    async def remove(self, code: str, at: datetime) -> None:
        assert code in self.rows, "removal of an unknown department"
        assert await self.request_count(code) == 0, "a removed department's requests stay"
        assert all(r.department != code for r in self.route_rows.values()), "routes stay"
        del self.rows[code]
        self.removed[code] = at

    async def request_count(self, code: str) -> int:
        return sum(1 for r in self._requests.values() if r.department == code)

    async def move_everything(self, from_code: str, to_code: str) -> tuple[int, int]:
        assert to_code in self.rows, "a move to an unknown department"
        requests = [r for r in self._requests.values() if r.department == from_code]
        for request in requests:
            assert request.id is not None
            self._requests[request.id] = replace(request, department=to_code)
        routes = [key for key, r in self.route_rows.items() if r.department == from_code]
        for key in routes:
            self.route_rows[key] = replace(self.route_rows[key], department=to_code)
        return len(requests), len(routes)

    async def routes(self) -> list[Route]:
        return [self.route_rows[key] for key in sorted(self.route_rows)]

    async def set_route(self, route: Route) -> None:
        assert route.department in self.rows, "a route to an unknown department"
        self.route_rows[(route.category, route.district)] = route

    async def remove_route(self, category: str, district: str) -> bool:
        return self.route_rows.pop((category, district), None) is not None

    async def is_department_chat(self, chat_id: int) -> bool:
        return any(d.chat_id == chat_id for d in self.rows.values())

    async def chat_for_request(self, request_id: int) -> int | None:
        request = self._requests.get(request_id)
        if request is None or request.department is None:
            return None
        department = self.rows.get(request.department)
        return department.chat_id if department is not None else None

    def add(self, code: str, **fields: object) -> Department:
        """A department named after its code, for tests."""
        department = replace(Department(code, code, code, code), **fields)  # type: ignore[arg-type]
        self.rows[code] = department
        return department

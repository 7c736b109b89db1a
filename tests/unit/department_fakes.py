"""An in-memory department repository (domain/departments.py) over the fake requests."""

from collections.abc import Mapping
from dataclasses import replace

from domain.departments import Department, Route
from domain.requests import Request


class FakeDepartments:
    def __init__(self, requests: Mapping[int, Request]) -> None:
        """`requests`: the fake request rows (FakeRequests.rows), to find a request's."""
        self.rows: dict[str, Department] = {}
        self.route_rows: dict[tuple[str, str], Route] = {}
        self._requests = requests

    async def all(self) -> list[Department]:
        return sorted(self.rows.values(), key=lambda d: (d.position, d.code))

    async def get(self, code: str) -> Department | None:
        return self.rows.get(code)

    async def save(self, department: Department) -> None:
        self.rows[department.code] = department

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

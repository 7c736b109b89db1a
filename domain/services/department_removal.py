"""Adding a department the city now has, and removing one it no longer has.

A department is removed only when nothing points to it any more, or when the administrator
names the department that takes over its requests (open and closed, so that the figures keep
counting them) and its routes. Each open request moved is recorded in its history and its
card follows it to the new department's chat, as when a head reassigns it; whoever had taken
it keeps it (staff belong to no department; the new head may give it to someone else).
"""

from dataclasses import dataclass, replace

from domain.clock import Clock
from domain.departments import Department
from domain.errors import DomainError, InvalidInput, NotFound
from domain.history import EventKind, RequestEvent
from domain.ports import UnitOfWork
from domain.requests import Actor
from domain.services.departments import TO_DEPARTMENT, card_follows
from domain.services.notify import staff_chat_for


class DepartmentExists(DomainError):
    code = "department_exists"


class DepartmentInUse(DomainError):
    """Requests or routes still point to the department, and no successor was named."""

    code = "department_in_use"

    def __init__(self, code: str, requests: int, routes: int) -> None:
        super().__init__(f"{code}: {requests} requests and {routes} routes point to it")
        self.requests = requests
        self.routes = routes


class NoSuchSuccessor(InvalidInput):
    """The department named to take over is unknown, or is the one removed."""

    code = "no_such_successor"


@dataclass(frozen=True, slots=True)
class Removal:
    requests_moved: int
    routes_moved: int


async def add_department(uow: UnitOfWork, department: Department) -> Department:
    """Add it after the departments there are (their order in lists and reports)."""
    last = max((d.position for d in await uow.departments.all()), default=-1)
    added = replace(department, position=last + 1)
    if not await uow.departments.create(added):
        raise DepartmentExists(department.code)
    return added


async def remove_department(
    uow: UnitOfWork, clock: Clock, code: str, move_to: str | None = None
) -> Removal:
    """Remove `code`; with `move_to`, its requests and routes go there first."""
    if await uow.departments.get(code) is None:
        raise NotFound(f"department {code}")
    requests = await uow.departments.request_count(code)
    routes = sum(1 for route in await uow.departments.routes() if route.department == code)
    now = clock.now()
    if move_to is None:
        if requests or routes:
            raise DepartmentInUse(code, requests, routes)
        await uow.departments.remove(code, now)
        return Removal(0, 0)
    if move_to == code or await uow.departments.get(move_to) is None:
        raise NoSuchSuccessor(move_to)
    still_open = await uow.requests.open_in_department(code, requests)
    old_chats = {r.id: await staff_chat_for(uow, r.id) for r in still_open if r.id is not None}
    moved = await uow.departments.move_everything(code, move_to)
    for request_id, old_chat in old_chats.items():
        event = RequestEvent(
            request_id, now, EventKind.REASSIGNED, Actor.SYSTEM, text=TO_DEPARTMENT + move_to
        )
        await card_follows(uow, event, old_chat)
    await uow.departments.remove(code, now)
    return Removal(*moved)

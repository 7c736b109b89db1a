"""Adding and removing a department (domain/services/department_removal.py): refused while
requests or routes point to it, else they move to the named successor with their cards."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from domain.clock import FixedClock
from domain.departments import ANY_DISTRICT, Department, Route
from domain.errors import NotFound
from domain.history import EventKind
from domain.requests import Actor, RequestStatus
from domain.services.department_removal import (
    DepartmentExists,
    DepartmentInUse,
    NoSuchSuccessor,
    Removal,
    add_department,
    remove_department,
)
from domain.services.notify import STAFF_CARD
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.test_departments import file

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
STAFF_CHAT, ROADS_CHAT = -100, -200
CLOCK = FixedClock(NOW)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork(staff_chat_id=STAFF_CHAT)
    uow.departments.add("roads_dept", chat_id=ROADS_CHAT)
    uow.departments.add("desk", position=1)
    for route in (Route("roads", ANY_DISTRICT, "roads_dept"), Route("waste", "", "desk")):
        uow.departments.route_rows[(route.category, route.district)] = route
    return uow


async def test_a_new_department_comes_last_and_its_code_only_once(uow: FakeUnitOfWork) -> None:
    added = await add_department(uow, Department("parks", "Парки", "Парклар", "Parks"))
    assert added.position == 2 and (await uow.departments.all())[-1] == added
    with pytest.raises(DepartmentExists):
        await add_department(uow, Department("parks", "П", "П", "P"))


async def test_a_department_with_requests_or_routes_is_kept_unless_told_where_they_go(
    uow: FakeUnitOfWork,
) -> None:
    await file(uow)
    with pytest.raises(DepartmentInUse) as refused:
        await remove_department(uow, CLOCK, "roads_dept")
    assert (refused.value.requests, refused.value.routes) == (1, 1)
    for wrong in ("roads_dept", "nope"):
        with pytest.raises(NoSuchSuccessor):
            await remove_department(uow, CLOCK, "roads_dept", move_to=wrong)
    assert await uow.departments.get("roads_dept") is not None
    with pytest.raises(NotFound):
        await remove_department(uow, CLOCK, "nope")


async def test_an_unused_department_is_removed_and_remembered(uow: FakeUnitOfWork) -> None:
    await add_department(uow, Department("parks", "Парки", "Парклар", "Parks"))
    assert await remove_department(uow, CLOCK, "parks") == Removal(0, 0)
    assert await uow.departments.get("parks") is None and uow.departments.removed == {"parks": NOW}


async def test_removed_with_a_successor_everything_moves_and_open_cards_follow(
    uow: FakeUnitOfWork,
) -> None:
    open_id, closed_id = await file(uow), await file(uow)
    rows = uow.requests.rows
    rows[closed_id] = replace(rows[closed_id], status=RequestStatus.RESOLVED)
    uow.outbox.rows.clear()
    removal = await remove_department(uow, CLOCK, "roads_dept", move_to="desk")
    assert (removal.requests_moved, removal.routes_moved) == (2, 1)
    assert {rows[open_id].department, rows[closed_id].department} == {"desk"}
    assert await uow.departments.routes() == [
        Route("roads", "", "desk"),
        Route("waste", "", "desk"),
    ]
    moves = [e for e in uow.requests.events if e.kind == EventKind.REASSIGNED]
    assert [(e.request_id, e.actor, e.text) for e in moves] == [
        (open_id, Actor.SYSTEM, "department:desk")
    ]
    # The open card is redrawn in the main chat, and left behind in the roads chat.
    cards = sorted(n.chat_id for n in uow.outbox.rows.values() if n.kind == STAFF_CARD)
    assert cards == [ROADS_CHAT, STAFF_CHAT]
    assert await uow.departments.get("roads_dept") is None

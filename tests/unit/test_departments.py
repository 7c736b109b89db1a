"""Departments: the routing rule, where cards go, and who may reassign (domain)."""

from datetime import UTC, datetime

import pytest

from domain.clock import FixedClock
from domain.departments import (
    ANY_DISTRICT,
    Department,
    Route,
    card_chat,
    may_reassign,
    route_department,
)
from domain.errors import NotFound
from domain.history import EventKind
from domain.requests import Place, RequestChannel
from domain.services.departments import (
    AlreadyThere,
    NotDepartmentHead,
    NotStaffMember,
    Reassignment,
    department_queue,
    reassign,
)
from domain.services.notify import STAFF_ALBUM, STAFF_CARD
from domain.services.reports import ReportDraft, submit_request
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
STAFF_CHAT, ROADS_CHAT = -100, -200
HEAD, CLERK, STRANGER = 501, 502, 503
ROUTES = [
    Route("waste", "Вахитовский", "vakh"),
    Route("waste", ANY_DISTRICT, "desk"),
    Route("roads", ANY_DISTRICT, "roads_dept"),
    Route("waste", "Советский", "sov"),
]


def test_the_district_route_wins_over_the_city_wide_one() -> None:
    assert route_department(ROUTES, "waste", "Вахитовский") == "vakh"
    assert route_department(ROUTES, "waste", "Советский") == "sov"


def test_an_unknown_or_unrouted_district_takes_the_city_wide_route() -> None:
    assert route_department(ROUTES, "waste", None) == "desk"
    assert route_department(ROUTES, "waste", "Кировский") == "desk"
    assert route_department(ROUTES, "roads", "Вахитовский") == "roads_dept"


def test_a_category_without_routes_has_no_department() -> None:
    assert route_department(ROUTES, "noise", "Вахитовский") is None
    assert route_department([Route("noise", "Советский", "sov")], "noise", None) is None


def test_cards_go_to_the_department_chat_else_the_main_one() -> None:
    assert card_chat(Department("a", "a", "a", "a", chat_id=ROADS_CHAT), STAFF_CHAT) == ROADS_CHAT
    assert card_chat(Department("a", "a", "a", "a"), STAFF_CHAT) == STAFF_CHAT
    assert card_chat(None, STAFF_CHAT) == STAFF_CHAT


def test_only_the_head_or_a_city_admin_may_reassign() -> None:
    department = Department("a", "a", "a", "a", head_user_id=HEAD)
    assert may_reassign(department, HEAD, city_admin=False)
    assert not may_reassign(department, CLERK, city_admin=False)
    assert may_reassign(department, CLERK, city_admin=True)
    assert not may_reassign(None, HEAD, city_admin=False)
    assert not may_reassign(Department("b", "b", "b", "b"), HEAD, city_admin=False)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork(staff_chat_id=STAFF_CHAT)
    uow.departments.add("roads_dept", chat_id=ROADS_CHAT, head_user_id=HEAD)
    uow.departments.add("desk")
    for route in (Route("roads", ANY_DISTRICT, "roads_dept"), Route("waste", "", "desk")):
        uow.departments.route_rows[(route.category, route.district)] = route
    return uow


async def file(uow: FakeUnitOfWork, category: str = "roads", **kw: object) -> int:
    place = Place(label="ул. Баумана, 15", district="Вахитовский")
    draft = ReportDraft(category, place, "Глубокая яма на проезжей части", ("photo",))
    request = await submit_request(uow, FixedClock(NOW), None, draft, **kw)  # type: ignore[arg-type]
    assert request.id is not None
    return request.id


async def test_a_filed_request_records_its_department_and_its_card_goes_to_its_chat(
    uow: FakeUnitOfWork,
) -> None:
    request_id = await file(uow, channel=RequestChannel.PHONE, caller_phone="+79001234567")
    stored = uow.requests.rows[request_id]
    assert (stored.department, stored.channel) == ("roads_dept", RequestChannel.PHONE)
    assert stored.caller_phone == "+79001234567"
    chats = {(n.kind, n.chat_id) for n in uow.outbox.rows.values()}
    assert chats == {(STAFF_CARD, ROADS_CHAT), (STAFF_ALBUM, ROADS_CHAT)}


async def test_a_department_without_a_chat_uses_the_main_staff_chat(uow: FakeUnitOfWork) -> None:
    request_id = await file(uow, category="waste")
    assert uow.requests.rows[request_id].department == "desk"
    assert {n.chat_id for n in uow.outbox.rows.values()} == {STAFF_CHAT}


async def test_the_head_moves_a_request_and_the_card_follows_it(uow: FakeUnitOfWork) -> None:
    request_id = await file(uow)
    uow.outbox.rows.clear()
    moved = await reassign(
        uow, FixedClock(NOW), request_id, HEAD, Reassignment(department="desk"), city_admin=False
    )
    assert moved.department == "desk" and uow.requests.rows[request_id].department == "desk"
    event = uow.requests.events[-1]
    assert (event.kind, event.actor_user_id, event.text) == (
        EventKind.REASSIGNED,
        HEAD,
        "department:desk",
    )
    # The new chat gets the card, the old one its last redraw showing where it went.
    assert sorted(n.chat_id for n in uow.outbox.rows.values() if n.kind == STAFF_CARD) == [
        ROADS_CHAT,
        STAFF_CHAT,
    ]


async def test_a_non_head_is_refused_and_nothing_changes(uow: FakeUnitOfWork) -> None:
    request_id = await file(uow)
    before, events = uow.requests.rows[request_id], len(uow.requests.events)
    with pytest.raises(NotDepartmentHead):
        await reassign(
            uow, FixedClock(NOW), request_id, CLERK, Reassignment("desk"), city_admin=False
        )
    assert uow.requests.rows[request_id] == before and len(uow.requests.events) == events


async def test_the_head_gives_a_request_to_a_staff_member_only(uow: FakeUnitOfWork) -> None:
    request_id = await file(uow)
    await uow.staff.add(CLERK, HEAD, NOW)
    clock = FixedClock(NOW)
    with pytest.raises(NotStaffMember):
        await reassign(
            uow, clock, request_id, HEAD, Reassignment(staff_id=STRANGER), city_admin=False
        )
    given = await reassign(
        uow, clock, request_id, HEAD, Reassignment(staff_id=CLERK), city_admin=False
    )
    assert given.assignee_id == CLERK and given.department == "roads_dept"
    with pytest.raises(AlreadyThere):
        await reassign(
            uow, clock, request_id, HEAD, Reassignment(staff_id=CLERK), city_admin=False
        )


async def test_a_city_admin_may_reassign_but_not_to_an_unknown_department(
    uow: FakeUnitOfWork,
) -> None:
    request_id = await file(uow)
    clock = FixedClock(NOW)
    with pytest.raises(NotFound):
        await reassign(uow, clock, request_id, CLERK, Reassignment("nope"), city_admin=True)
    with pytest.raises(AlreadyThere):
        await reassign(uow, clock, request_id, CLERK, Reassignment("roads_dept"), city_admin=True)


async def test_the_queue_is_the_chat_department_else_what_the_sender_heads(
    uow: FakeUnitOfWork,
) -> None:
    first, second = await file(uow), await file(uow)
    await file(uow, category="waste")  # the desk's, not the roads department's
    await reassign(
        uow, FixedClock(NOW), second, HEAD, Reassignment(staff_id=HEAD), city_admin=False
    )
    in_chat = await department_queue(uow, ROADS_CHAT, STRANGER)
    assert [(d.code, [r.id for r in found]) for d, found in in_chat] == [
        ("roads_dept", [first, second])
    ]
    headed = await department_queue(uow, STAFF_CHAT, HEAD)
    assert [d.code for d, _found in headed] == ["roads_dept"]
    assert await department_queue(uow, STAFF_CHAT, CLERK) == []

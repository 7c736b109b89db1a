from datetime import UTC, datetime, timedelta

from domain.clock import FixedClock
from domain.requests import Actor, Place, RequestStatus
from domain.services.deadlines_watch import (
    STAFF_ESCALATION,
    STAFF_OVERDUE,
    announce_unanswered,
    overdue,
    post_overdue_list,
)
from domain.services.reports import ReportDraft, submit_request
from domain.services.staff_actions import change_status, take
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
STAFF = -100500
PLACE = Place(label="ул. Баумана, 15", street_id=5, house="15")


async def filed(uow: FakeUnitOfWork, clock: FixedClock, category: str = "roads") -> int:
    draft = ReportDraft(category, PLACE, "Глубокая яма на проезжей части")
    request = await submit_request(uow, clock, 1001, draft)
    assert request.id is not None
    return request.id


def rows(uow: FakeUnitOfWork, kind: str) -> list[str]:
    return [key for key, n in uow.outbox.rows.items() if n.kind == kind]


async def test_unanswered_requests_are_announced_once() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF), FixedClock(NOW)
    first, second, taken = [await filed(uow, clock) for _ in range(3)]
    await take(uow, clock, 2001, taken)
    clock.set(NOW + timedelta(hours=23))
    assert await announce_unanswered(uow, clock) == 0  # roads: 24 hours to respond
    clock.set(NOW + timedelta(hours=25))
    assert await announce_unanswered(uow, clock) == 2
    assert await announce_unanswered(uow, clock) == 0  # never twice
    assert sorted(rows(uow, STAFF_ESCALATION)) == [f"escalate{first}", f"escalate{second}"]
    uow.staff_chat_id = None  # no staff chat configured
    assert await announce_unanswered(uow, clock) == 0


async def test_overdue_list_once_a_day_and_only_when_something_is_late() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF), FixedClock(NOW)
    late = await filed(uow, clock, "waste")  # 3 working days: due end of Thu 3 Dec
    done = await filed(uow, clock, "waste")
    await change_status(
        uow,
        clock,
        done,
        RequestStatus.RESOLVED,
        actor=Actor.STAFF,
        actor_id=2001,
        text="ok",
    )
    assert not await post_overdue_list(uow, clock)
    clock.set(NOW + timedelta(days=4))
    assert [r.id for r in await overdue(uow, clock.now())] == [late]
    assert await post_overdue_list(uow, clock)
    assert not await post_overdue_list(uow, clock)
    assert rows(uow, STAFF_OVERDUE) == ["overdue:2026-12-04"]


async def test_due_soon_is_listed_by_the_command() -> None:
    uow, clock = FakeUnitOfWork(), FixedClock(NOW)
    request = await filed(uow, clock, "waste")
    clock.set(NOW + timedelta(days=3))  # Thu 3 Dec, 10:00: due at 23:59 today
    assert [r.id for r in await overdue(uow, clock.now())] == [request]
    assert await overdue(uow, clock.now(), soon=timedelta(0)) == []


async def test_a_city_systems_move_counts_as_an_answer() -> None:
    uow, clock = FakeUnitOfWork(staff_chat_id=STAFF), FixedClock(NOW)
    moved, waiting = [await filed(uow, clock) for _ in range(2)]
    clock.set(NOW + timedelta(hours=1))
    done = await change_status(
        uow,
        clock,
        moved,
        RequestStatus.IN_PROGRESS,
        actor=Actor.SYSTEM,
        actor_id=None,
        text=None,
    )
    assert done.first_response_at == NOW + timedelta(hours=1)
    assert done.assignee_id is None  # a system takes nobody's name
    clock.set(NOW + timedelta(hours=25))
    assert await announce_unanswered(uow, clock) == 1
    assert rows(uow, STAFF_ESCALATION) == [f"escalate{waiting}"]

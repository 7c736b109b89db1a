"""The hourly deadline pass on a real database: each band crossed redraws the staff card once,
a late request is escalated once, to administrators who can be written to."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import CITY_TZ, FixedClock
from domain.deadline_progress import DeadlineBand
from domain.deadlines import add_working_days
from domain.departments import Department
from domain.requests import Request, RequestStatus
from scheduler.jobs import watch_request_deadlines
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW, ROADS, add_categories, make_user
from tests.storage.test_requests import AUTHOR, make_request

STAFF_CHAT = -100500
ADMIN, STRANGER = 2001, 2002  # the stranger never started the bot


async def admins(_request: Request) -> Sequence[int]:
    return [ADMIN, STRANGER]


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=CITY_TZ)


async def file_request(factory: async_sessionmaker[AsyncSession], **changes: object) -> int:
    """Filed on Monday 2 March 12:30; two working days: Tuesday and Wednesday count."""
    async with SqlUnitOfWork(factory, FixedClock(NOW)) as uow:
        if await uow.users.get(AUTHOR) is None:
            await uow.users.add(make_user(AUTHOR))
            await uow.users.add(make_user(ADMIN, first_name="Начальник"))
            await add_categories(uow.session, ROADS)
        request = make_request(deadline_at=add_working_days(NOW, 2), **changes)
        saved = await uow.requests.add(request)
        await uow.commit()
    assert saved.id is not None
    return saved.id


async def run_at(factory: async_sessionmaker[AsyncSession], at: datetime) -> tuple[int, int]:
    done = await watch_request_deadlines(factory, FixedClock(at), STAFF_CHAT, admins)
    return done.redrawn, done.escalated


async def keys(factory: async_sessionmaker[AsyncSession]) -> list[tuple[str, int]]:
    async with factory() as session:
        rows = await session.execute(select(OutboxRow.key, OutboxRow.chat_id).order_by("id"))
        return [(key, chat) for key, chat in rows.tuples()]


async def test_each_band_redraws_once_and_lateness_escalates_once(session_factory) -> None:
    request_id = await file_request(session_factory)
    assert await run_at(session_factory, msk(3, 23)) == (0, 0)  # Tuesday 23:00: 23/48 green
    assert await run_at(session_factory, msk(4, 1)) == (1, 0)  # half: yellow
    assert await run_at(session_factory, msk(4, 2)) == (0, 0)  # still yellow: nothing
    assert await run_at(session_factory, msk(4, 20)) == (1, 0)  # 44/48: red
    assert await run_at(session_factory, msk(5, 0, 5)) == (1, 1)  # late
    assert await run_at(session_factory, msk(6, 9)) == (0, 0)  # late stays late
    assert await keys(session_factory) == [
        (f"card{request_id}:band1", STAFF_CHAT),
        (f"card{request_id}:band2", STAFF_CHAT),
        (f"card{request_id}:band3", STAFF_CHAT),
        (f"late{request_id}:to{ADMIN}", ADMIN),  # the stranger could not be written to
        (f"late{request_id}:told{AUTHOR}", AUTHOR),
    ]
    async with SqlUnitOfWork(session_factory, FixedClock(NOW)) as uow:
        assert await uow.deadline_marks.band(request_id) == (DeadlineBand.LATE, msk(5, 0, 5))


async def test_a_request_late_at_once_escalates_once_and_closed_ones_are_left(
    session_factory,
) -> None:
    late = await file_request(session_factory)
    await file_request(session_factory, status=RequestStatus.RESOLVED)
    assert await run_at(session_factory, msk(9, 10)) == (1, 1)  # green straight to late
    assert await run_at(session_factory, msk(9, 11)) == (0, 0)
    assert [key for key, _ in await keys(session_factory)] == [
        f"card{late}:band3",
        f"late{late}:to{ADMIN}",
        f"late{late}:told{AUTHOR}",
    ]


async def test_without_reachable_administrators_the_staff_chat_hears(session_factory) -> None:
    request_id = await file_request(session_factory)

    async def nobody(_request: Request) -> Sequence[int]:
        return [STRANGER]

    clock = FixedClock(msk(5, 1))
    done = await watch_request_deadlines(session_factory, clock, STAFF_CHAT, nobody)
    assert done.escalated == 1
    assert (f"late{request_id}:to{STAFF_CHAT}", STAFF_CHAT) in await keys(session_factory)


async def test_redraws_of_one_pass_are_spread_out(session_factory) -> None:
    for _ in range(3):
        await file_request(session_factory)
    await run_at(session_factory, msk(4, 1))
    async with session_factory() as session:
        due = list(await session.scalars(select(OutboxRow.due_at).order_by(OutboxRow.id)))
    assert [(at - due[0]).total_seconds() for at in due] == [0, 6, 12]


async def test_the_resident_hears_after_the_quiet_hours(session_factory) -> None:
    request_id = await file_request(session_factory)
    await run_at(session_factory, msk(5, 0, 5))  # late at 00:05: inside the default 22-08
    async with session_factory() as session:
        due = await session.scalar(
            select(OutboxRow.due_at).where(OutboxRow.key == f"late{request_id}:told{AUTHOR}")
        )
        escalated = await session.scalar(
            select(OutboxRow.due_at).where(OutboxRow.key == f"late{request_id}:to{ADMIN}")
        )
    assert due == msk(5, 8) and escalated == msk(5, 0, 5)  # staff are not kept waiting


async def test_a_department_with_its_own_chat_and_head(session_factory) -> None:
    """The card is redrawn where it lives (the department's chat), and the department's head
    hears of the lateness before the staff chat's administrators."""
    head, roads_chat = 2003, -100777
    async with SqlUnitOfWork(session_factory, FixedClock(NOW)) as uow:
        await uow.departments.save(
            Department("roads", "Дороги", "Юллар", "Roads", chat_id=roads_chat, head_user_id=head)
        )
        await uow.users.add(make_user(head, first_name="Глава"))
        await uow.commit()
    request_id = await file_request(session_factory, department="roads")
    assert await run_at(session_factory, msk(4, 1)) == (1, 0)
    assert await run_at(session_factory, msk(5, 0, 5)) == (1, 1)
    assert await keys(session_factory) == [
        (f"card{request_id}:band1", roads_chat),
        (f"card{request_id}:band3", roads_chat),
        (f"late{request_id}:to{head}", head),
        (f"late{request_id}:to{ADMIN}", ADMIN),
        (f"late{request_id}:told{AUTHOR}", AUTHOR),
    ]


async def test_without_anyone_reachable_the_department_s_own_chat_hears(session_factory) -> None:
    """The card lives in the department's chat: the lateness is told there, under the card,
    not in the main chat where the request is not."""
    roads_chat = -100778
    async with SqlUnitOfWork(session_factory, FixedClock(NOW)) as uow:
        await uow.departments.save(
            Department("roads", "Дороги", "Юллар", "Roads", chat_id=roads_chat, head_user_id=None)
        )
        await uow.commit()
    request_id = await file_request(session_factory, department="roads")

    async def nobody(_request: Request) -> Sequence[int]:
        return [STRANGER]

    clock = FixedClock(msk(5, 1))
    await watch_request_deadlines(session_factory, clock, STAFF_CHAT, nobody)
    assert await keys(session_factory) == [
        (f"card{request_id}:band3", roads_chat),
        (f"late{request_id}:to{roads_chat}", roads_chat),
        (f"late{request_id}:told{AUTHOR}", AUTHOR),
    ]

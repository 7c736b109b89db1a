"""The staff's kept figures under concurrent writes (PostgreSQL's row locks): a bulk move of
a staff member's or a department's requests and a request's own change in two transactions
must leave the kept figures equal to a fresh count."""

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, RequestStatus
from storage.department_moves import move_requests
from storage.uow import SqlUnitOfWork
from tests.storage.figures_history import GULNARA, TIMUR, W, _request, seed_history
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories
from tests.storage.test_kept_figures import D, H, _kept_equals_a_fresh_count

M = timedelta(minutes=1)


async def test_an_erasure_loses_no_concurrent_change_of_the_staff_members_request(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    """A resident rates Gulnara's request (the request locked, her day row changed) while her
    account is being erased: the erasure must wait for the rating before it moves her kept
    figures to nobody, or the rating's change is lost (or left under an erased id)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    setup = SqlUnitOfWork(session_factory, clock)
    async with setup:
        await add_categories(setup.session, ROADS, LIGHTING)
        ids = await seed_history(setup)
        await setup.commit()
    rating, erasing = SqlUnitOfWork(session_factory, clock), SqlUnitOfWork(session_factory, clock)

    async def erase() -> None:
        async with erasing:
            await erasing.account.erase(GULNARA)
            await erasing.commit()

    async with rating:
        request = await rating.requests.get(ids["R1"])  # Gulnara's, resolved, rated 5
        assert request is not None and request.assignee_id == GULNARA
        await rating.requests.save(replace(request, rating=1))
        erased = asyncio.create_task(erase())
        await asyncio.sleep(1.0)  # the erasure runs up to the first row it must wait for
        await rating.commit()
    await asyncio.wait_for(erased, 30)
    await _kept_equals_a_fresh_count(setup)


async def test_an_erasure_waits_for_a_request_being_assigned_to_the_staff_member(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    """The head assigns a request to Gulnara while her account is being erased: the request
    is not hers yet when the erasure moves her requests and figures, and the users row's
    ON DELETE SET NULL then takes the request from her behind the figures' back."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    setup = SqlUnitOfWork(session_factory, clock)
    async with setup:
        await add_categories(setup.session, ROADS, LIGHTING)
        ids = await seed_history(setup)
        await setup.commit()
    assigning = SqlUnitOfWork(session_factory, clock)
    erasing = SqlUnitOfWork(session_factory, clock)

    async def erase() -> None:
        async with erasing:
            await erasing.account.erase(GULNARA)
            await erasing.commit()

    async with assigning:
        request = await assigning.requests.get(ids["R4"])  # nobody's, answered, roads
        assert request is not None and request.assignee_id is None
        await assigning.requests.save(replace(request, assignee_id=GULNARA))
        erased = asyncio.create_task(erase())
        await asyncio.sleep(1.0)
        await assigning.commit()
    await asyncio.wait_for(erased, 30)
    await _kept_equals_a_fresh_count(setup)
    async with setup:
        kept = await setup.figures.counts(W - 30 * D, NOW + D, NOW, None)
    assert GULNARA not in {key.assignee_id for key, _ in kept}


async def test_a_department_removal_loses_no_request_moved_into_it_meanwhile(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    """The move's UPDATE does not see a request routed into the department meanwhile (not
    committed yet): the request stays under the removed code (known, left: the request writes
    lock nothing the removal takes), but its kept figures, written when its transaction
    commits, stay where the request is, and the figures stay a fresh count."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    setup = SqlUnitOfWork(session_factory, clock)
    async with setup:
        await add_categories(setup.session, ROADS, LIGHTING)
        ids = await seed_history(setup)
        await setup.commit()
    routing = SqlUnitOfWork(session_factory, clock)
    removing = SqlUnitOfWork(session_factory, clock)

    async def remove() -> None:
        async with removing:
            await move_requests(removing.session, "roads", "lighting")
            await removing.commit()

    async with routing:
        request = await routing.requests.get(ids["R5"])  # not routed, filed the day R4 was
        assert request is not None and request.department is None
        await routing.requests.save(replace(request, department="roads"))
        removed = asyncio.create_task(remove())
        await asyncio.sleep(1.0)
        await routing.commit()
    await asyncio.wait_for(removed, 30)
    await _kept_equals_a_fresh_count(setup)


async def test_two_takings_at_once_do_not_deadlock(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock, db_url: str
) -> None:
    """Gulnara takes yesterday's request A while Timur takes over today's request B from her
    (she had answered it, never taken it); both first responses after 30 minutes."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    setup = SqlUnitOfWork(session_factory, clock)
    async with setup:
        await add_categories(setup.session, ROADS, LIGHTING)
        await seed_history(setup)
        a = await setup.requests.add(_request(NOW - D, NOW + 5 * D))
        b_created = NOW - 2 * H
        b = await setup.requests.add(
            _request(
                b_created,
                NOW + 5 * D,
                status=RequestStatus.IN_PROGRESS,
                assignee_id=GULNARA,
                first_response_at=b_created + 30 * M,
            )
        )
        await setup.commit()
    assert a.id is not None and b.id is not None
    first, second = SqlUnitOfWork(session_factory, clock), SqlUnitOfWork(session_factory, clock)

    def taken(request_id: int, staff: int) -> RequestEvent:
        status = RequestStatus.IN_PROGRESS
        return RequestEvent(request_id, NOW, EventKind.TAKEN, Actor.STAFF, staff, status, status)

    async def take_over() -> None:
        async with second:
            await second.requests.save(replace(b, assignee_id=TIMUR))
            await second.requests.add_event(taken(b.id or 0, TIMUR))
            await second.commit()

    async with first:
        await first.requests.save(
            replace(
                a,
                status=RequestStatus.IN_PROGRESS,
                assignee_id=GULNARA,
                first_response_at=a.created_at + 30 * M,
            )
        )
        over = asyncio.create_task(take_over())
        await asyncio.sleep(1.0)  # Timur's save waits for a response row Gulnara's holds
        await first.requests.add_event(taken(a.id, GULNARA))
        await first.commit()
    await asyncio.wait_for(over, 30)

"""The staff's kept figures (domain/kept_figures.py) against a fresh count of the requests
(storage/figure_recount.py, the SQL of migration 0029), after every kind of write the
repository does: filing, taking (in any order), moves, reopening, rating, a department
change, and a staff member's account erased."""

from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from domain.figures import Dimension, FigureCounts, roll_up
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, RequestStatus
from storage.department_moves import move_requests
from storage.figure_recount import recount_staff_figures
from storage.models import FigureDayCountRow, FigureResponseRow
from storage.uow import SqlUnitOfWork
from tests.storage.figures_history import AUTHOR, GULNARA, TIMUR, W, _request, seed_history
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories, make_user

H = timedelta(hours=1)
D = timedelta(days=1)


async def _kept(uow: SqlUnitOfWork) -> tuple[set[Any], set[Any]]:
    """Both tables' non-zero rows (a row whose requests all moved on stays, at zero)."""
    counts = {
        tuple(row)
        for row in (await uow.session.execute(select(FigureDayCountRow.__table__))).tuples()
        if any(row[4:])
    }
    responses = {
        tuple(row)
        for row in (await uow.session.execute(select(FigureResponseRow.__table__))).tuples()
        if row[-1]
    }
    return counts, responses


async def _kept_equals_a_fresh_count(uow: SqlUnitOfWork) -> None:
    async with uow:
        kept = await _kept(uow)
        await recount_staff_figures(uow.session)
        counted = await _kept(uow)
        await uow.rollback()
    assert kept[0] and kept[1]
    assert kept == counted


async def test_kept_figures_equal_a_fresh_count_of_a_week(uow: SqlUnitOfWork) -> None:
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        ids = await seed_history(uow)
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)
    async with uow:  # a request moved to another department and to another staff member
        moved = await uow.requests.get(next(iter(ids.values())))
        assert moved is not None
        await uow.requests.save(replace(moved, department="lighting", assignee_id=TIMUR))
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)
    async with uow:  # Gulnara's account erased: her requests become nobody's
        await uow.account.erase(GULNARA)
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)
    async with uow:
        groups = await uow.figures.counts(W - 30 * D, NOW + D, NOW, None)
    assert GULNARA not in {key.assignee_id for key, _ in groups}


async def test_a_long_first_response_is_counted_in_its_bucket(uow: SqlUnitOfWork) -> None:
    """Past two hours first responses are kept to 10 minutes, past a day to the hour (the
    public page's buckets), so the median is of the buckets."""
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        ids = await seed_history(uow)
        await uow.commit()
    async with uow:
        request = await uow.requests.get(next(iter(ids.values())))
        assert request is not None
        await uow.requests.save(
            replace(request, first_response_at=request.created_at + 2 * H + timedelta(minutes=37))
        )
        await uow.commit()
    async with uow:
        assert request.department is not None
        medians = await uow.figures.median_first_response(W, W + 7 * D, Dimension.DEPARTMENT, None)
        kept = await _kept(uow)
    bucketed = {row for row in kept[1] if row[0] == "d" and row[5] == 150}
    assert bucketed, "2 h 37 min is kept in the 2 h 30 min bucket"
    assert all(value % 60 == 0 for value in medians.values())


async def test_takings_in_any_order_keep_the_earliest_day(uow: SqlUnitOfWork) -> None:
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        ids = await seed_history(uow)
        request_id = next(iter(ids.values()))
        for at in (NOW - 2 * D, NOW - 5 * D, NOW - D):
            await uow.requests.add_event(
                RequestEvent(
                    request_id,
                    at,
                    EventKind.TAKEN,
                    Actor.STAFF,
                    GULNARA,
                    RequestStatus.NEW,
                    RequestStatus.NEW,
                )
            )
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)
    async with uow:
        groups = await uow.figures.counts(W, NOW + D, NOW, None)
    assert roll_up(groups, Dimension.CITY).get(None, FigureCounts()).taken >= 1


async def test_moments_just_short_of_a_minute_or_a_day_are_counted_before_it(
    uow: SqlUnitOfWork,
) -> None:
    """59.9996 s is minute 0 (domain/public_figures.response_bucket floors the microseconds),
    23:59:59.9996 is still the same day: the fresh count (migration 0029's SQL) must not round
    either up (SQLite's date functions round to the millisecond)."""
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        await uow.users.add(make_user(AUTHOR))
        created = W + D + timedelta(hours=2, microseconds=0)
        await uow.requests.add(
            _request(created, W + 5 * D, first_response_at=created + timedelta(seconds=59.9996))
        )
        # and a request filed 0.4 ms before a city midnight belongs to the day before it
        late = W + 2 * D - timedelta(microseconds=400)
        await uow.requests.add(_request(late, W + 5 * D, first_response_at=late + H))
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)


async def test_a_removed_departments_kept_figures_merge_into_its_successors(
    uow: SqlUnitOfWork,
) -> None:
    """Storage/department_moves.py moves every request in one UPDATE and the kept rows
    set-based: the same as a fresh count, rows of both departments merged."""
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        ids = await seed_history(uow)
        for name in ("R2", "R3"):  # the successor has rows on the same days already
            moved = await uow.requests.get(ids[name])
            assert moved is not None
            await uow.requests.save(replace(moved, department="lighting"))
        await move_requests(uow.session, "roads", "lighting")
        await uow.commit()
    await _kept_equals_a_fresh_count(uow)

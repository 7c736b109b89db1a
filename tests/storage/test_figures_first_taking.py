"""The figures' "taken" counts each request on the day of its first taking (kept on the
request, migration 0024, and in the kept day counts, migration 0029): whatever order the
takings are written in, the earliest one counts, once."""

from datetime import datetime, timedelta

from domain.figures import Dimension, FigureCounts, roll_up
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, RequestStatus
from storage.uow import SqlUnitOfWork
from tests.storage.figures_history import AUTHOR, GULNARA, HISTORY, W
from tests.storage.samples import LIGHTING, NOW, ROADS, add_categories, make_user

H = timedelta(hours=1)
D = timedelta(days=1)
NEW = RequestStatus.NEW


def _taking(request_id: int, at: datetime) -> RequestEvent:
    return RequestEvent(request_id, at, EventKind.TAKEN, Actor.STAFF, GULNARA, NEW, NEW)


async def _taken(uow: SqlUnitOfWork, start: datetime, end: datetime) -> int:
    async with uow:
        groups = await uow.figures.counts(start, end, NOW, None)
    return roll_up(groups, Dimension.CITY).get(None, FigureCounts()).taken


async def test_the_earliest_taking_counts_whatever_the_order_written(uow: SqlUnitOfWork) -> None:
    async with uow:
        await add_categories(uow.session, ROADS, LIGHTING)
        await uow.users.add(make_user(AUTHOR))
        await uow.users.add(make_user(GULNARA, first_name="Гульнара"))
        request = await uow.requests.add(HISTORY[0][1])  # created W + 1 day
        assert request.id is not None
        await uow.requests.add_event(_taking(request.id, W + 2 * D + 6 * H))
        await uow.requests.add_event(_taking(request.id, W + D + 2 * H))  # earlier, written later
        await uow.requests.add_event(_taking(request.id, W + 3 * D))
        await uow.commit()
    assert await _taken(uow, W + D, W + 2 * D) == 1  # the day of the first taking
    assert await _taken(uow, W + 2 * D, W + 5 * D) == 0  # later takings: not first
    assert await _taken(uow, W, W + 7 * 24 * H) == 1

"""A week of requests whose figures are computed by hand (tests/storage/test_figures.py).

The week is Monday 23 Feb to Monday 2 Mar 2026, city time (W = its start); NOW (Monday
2 Mar, 12:30 city time) is just after it. Each request says what it counts for.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.figures import FigureCounts
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, Place, Request, RequestChannel, RequestStatus
from domain.services.staff_actions import NEEDS_TEXT
from domain.unit_of_work import CityUnitOfWork
from tests.storage.samples import NOW, make_user

W = datetime(2026, 2, 22, 21, 0, tzinfo=UTC)  # Monday 23 Feb 00:00 in Kazan
D, H = timedelta(days=1), timedelta(hours=1)
GULNARA, TIMUR, AUTHOR = 501, 502, 1001
ROADS_DEPT = "roads"
S, NEW, WORK = RequestStatus, RequestStatus.NEW, RequestStatus.IN_PROGRESS


def _request(created: datetime, deadline: datetime, **changes: object) -> Request:
    base = Request(
        id=None,
        author_id=AUTHOR,
        category="roads",
        description="Яма",
        place=Place("ул. Баумана, 19"),
        status=NEW,
        created_at=created,
        deadline_at=deadline,
        first_response_due_at=created + D,
        updated_at=created,
        department=ROADS_DEPT,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


Step = tuple[datetime, EventKind, RequestStatus, RequestStatus]


def _move(at: datetime, src: RequestStatus, dst: RequestStatus) -> Step:
    # The kind staff_actions writes: a resolution or a rejection is an answer to the resident.
    return (at, NEEDS_TEXT.get(dst, EventKind.STATUS_CHANGED), src, dst)


def _taken(at: datetime, status: RequestStatus = NEW) -> Step:
    return (at, EventKind.TAKEN, status, status)


# (name, request, its history): the names the hand-computed figures use.
HISTORY: list[tuple[str, Request, list[Step]]] = [
    # R1: taken after 1 h, resolved on time, rated 5.
    ("R1", _request(W + D, W + 5 * D, status=S.RESOLVED, assignee_id=GULNARA,
     first_response_at=W + D + H, resolved_at=W + 2 * D, rating=5),
     [_taken(W + D + H), _move(W + D + H, NEW, WORK), _move(W + 2 * D, WORK, S.RESOLVED)]),
    # R2: by phone, answered after 3 h, resolved late, rated 2.
    ("R2", _request(W + D, W + 4 * D, status=S.RESOLVED, assignee_id=GULNARA,
     channel=RequestChannel.PHONE, first_response_at=W + D + 3 * H, resolved_at=W + 6 * D,
     rating=2),
     [_taken(W + D + 3 * H), _move(W + 6 * D, WORK, S.RESOLVED)]),
    # R3: resolved, reopened, taken again (not a first taking), resolved again on time, 4.
    ("R3", _request(W + 2 * D, W + 10 * D, status=S.RESOLVED, assignee_id=TIMUR,
     first_response_at=W + 2 * D + 2 * H, resolved_at=W + 5 * D, rating=4),
     [_taken(W + 2 * D + 2 * H), _move(W + 3 * D, WORK, S.RESOLVED),
      _move(W + 4 * D, S.RESOLVED, NEW), _taken(W + 4 * D + H),
      _move(W + 5 * D, WORK, S.RESOLVED)]),
    # R4: a duplicate, marked so after 30 minutes (the city's first response).
    ("R4", _request(W + 3 * D, W + 13 * D, status=S.DUPLICATE,
     first_response_at=W + 3 * D + H / 2),
     [_move(W + 3 * D + H / 2, NEW, S.DUPLICATE)]),
    # R5: withdrawn by its author before anyone answered; not routed.
    ("R5", _request(W + 3 * D, W + 13 * D, status=S.WITHDRAWN, department=None),
     [_move(W + 3 * D + H, NEW, S.WITHDRAWN)]),
    # R6: received two weeks ago, taken then, overdue now.
    ("R6", _request(W - 10 * D, W - D, status=WORK, assignee_id=TIMUR,
     first_response_at=W - 10 * D + H),
     [_taken(W - 10 * D + H)]),
    # R7: a call filed on the last day, waiting; not routed.
    ("R7", _request(W + 6 * D, NOW + 10 * D, channel=RequestChannel.PHONE, department=None), []),
    # R8: received the week before, taken then, resolved on time this week; not routed.
    ("R8", _request(W - 3 * D, W + 2 * D, status=S.RESOLVED, assignee_id=TIMUR,
     department=None, first_response_at=W - 3 * D + 2 * H, resolved_at=W + D),
     [_taken(W - 3 * D + 2 * H), _move(W + D, WORK, S.RESOLVED)]),
    # R9: taken after 4 h, in progress.
    ("R9", _request(W + 5 * D, W + 15 * D, status=WORK, assignee_id=GULNARA,
     first_response_at=W + 5 * D + 4 * H),
     [_taken(W + 5 * D + 4 * H)]),
    # R10: after the week.
    ("R10", _request(NOW - H, NOW + 10 * D), []),
    # R12: taken, resolved, reopened and waiting again (nobody has it now).
    ("R12", _request(W + D, W + 20 * D, first_response_at=W + D + H),
     [_taken(W + D + H), _move(W + 2 * D, WORK, S.RESOLVED), _move(W + 3 * D, S.RESOLVED, NEW)]),
]  # fmt: skip


async def seed_history(uow: CityUnitOfWork) -> dict[str, int]:
    """Staff, an author and the requests above; returns each R-name's id."""
    await uow.users.add(make_user(AUTHOR))
    await uow.users.add(make_user(GULNARA, first_name="Гульнара"))
    await uow.users.add(make_user(TIMUR, first_name="Тимур"))
    ids: dict[str, int] = {}
    for name, request, events in HISTORY:
        saved = await uow.requests.add(request)
        assert saved.id is not None
        ids[name] = saved.id
        for at, kind, src, dst in events:
            staff = Actor.AUTHOR if dst is S.WITHDRAWN else Actor.STAFF
            await uow.requests.add_event(
                RequestEvent(saved.id, at, kind, staff, None, from_status=src, to_status=dst)
            )
    return ids


# The figures of the week W, by hand.
CITY = FigureCounts(
    received=8,  # R1 R2 R3 R4 R5 R7 R9 R12
    duplicates=1,  # R4
    withdrawn=1,  # R5
    taken=5,  # first taken: R1 R2 R3 R9 R12 (R3's second taking, R6 and R8 earlier: no)
    resolved=4,  # R1 R2 R3 R8
    resolved_on_time=3,  # R2 was late
    overdue_now=1,  # R6
    ever_resolved=4,  # of the received: R1 R2 R3, and R12 reopened
    reopened=2,  # R3 R12
    rated=3,  # R1 5, R2 2, R3 4
    rating_sum=11,
)
ROADS_FIGURES = FigureCounts(6, 1, 0, 5, 3, 2, 1, 4, 2, 3, 11)
NOT_ROUTED = FigureCounts(received=2, withdrawn=1, resolved=1, resolved_on_time=1)
BY_STAFF = {
    GULNARA: FigureCounts(3, 0, 0, 3, 2, 1, 0, 2, 0, 2, 7),  # R1 R2 R9
    TIMUR: FigureCounts(1, 0, 0, 1, 2, 2, 1, 1, 1, 1, 4),  # R3 (R6 overdue, R8 resolved)
    None: FigureCounts(4, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0),  # R4 R5 R7 R12
}
PHONE = FigureCounts(received=2, taken=1, resolved=1, rated=1, rating_sum=2, ever_resolved=1)

"""The hourly pass over open requests' deadlines (domain/deadline_progress.py's bands).

A request that crossed 50 %, 90 % or 100 % of its deadline since its card was last drawn gets
one card redraw; the band drawn is recorded, so each crossing redraws once. The redraws of one
pass are spread `REDRAW_SPACING` apart (at most 10 a minute: half of the 20 messages a minute a
group takes, the other half left to the cards and news of the hour), and one pass queues at most
an hour of them; the rest are found again by the next pass.

Past 100 % the request is escalated once (recorded with the band): a direct message with the
card to the head of its department and to each of `recipients` (the staff chat's administrators,
bot/escalation.py), or, when none
of them can be written to, a message in the staff chat; its author and followers are told once
that the deadline passed and what happens next (after their quiet hours).
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.alerts.ports import SubscriptionRepository
from domain.alerts.subscriptions import delivery_time
from domain.clock import Clock
from domain.deadline_progress import DeadlineBand, band
from domain.notifications import Notification
from domain.ports import UnitOfWork
from domain.requests import Request
from domain.services.notify import STAFF_CARD, staff_card_key, staff_chat_for

DEADLINE_ESCALATION = "deadline_escalation"  # a late request's card, to one person directly
DEADLINE_PASSED = "deadline_passed"  # its author (and followers) told the deadline passed
REDRAW_SPACING = timedelta(seconds=6)
REDRAWS_PER_PASS = 600  # an hour of redraws at REDRAW_SPACING
PAGE = 500

# Who hears of a late request: user ids (the lead adds the department head here).
EscalationRecipients = Callable[[Request], Awaitable[Sequence[int]]]


@dataclass(frozen=True, slots=True)
class DeadlineState:
    """What the pass reads of an open request: enough for its band."""

    request_id: int
    created_at: datetime
    deadline_at: datetime
    drawn: DeadlineBand  # the band its card was last drawn in


class DeadlineMarks(Protocol):
    async def open_before_late(self, after_id: int, limit: int) -> list[DeadlineState]: ...
    async def record_many(self, bands: Sequence[tuple[int, DeadlineBand]]) -> None: ...
    async def escalate(self, request_id: int, at: datetime) -> bool: ...


class OutboxWriter(Protocol):
    async def write(self, notifications: Sequence[Notification]) -> int:
        """Many outbox rows in one statement (keys already there skipped)."""
        ...


class DeadlineUnitOfWork(UnitOfWork, Protocol):
    @property
    def deadline_marks(self) -> DeadlineMarks: ...
    @property
    def subscriptions(self) -> SubscriptionRepository: ...  # residents' quiet hours
    @property
    def fanouts(self) -> OutboxWriter: ...  # the batch writer of outbox rows


@dataclass(frozen=True, slots=True)
class DeadlinePass:
    redrawn: int = 0
    escalated: int = 0


async def watch_deadlines(
    uow: DeadlineUnitOfWork, clock: Clock, recipients: EscalationRecipients
) -> DeadlinePass:
    now = clock.now()
    redrawn = escalated = after = 0
    while redrawn < REDRAWS_PER_PASS:
        page = await uow.deadline_marks.open_before_late(after, PAGE)
        if not page:
            break
        crossed: list[tuple[int, DeadlineBand]] = []
        for state in page:
            after = state.request_id
            current = band(state.created_at, state.deadline_at, now)
            if current > state.drawn:
                crossed.append((state.request_id, current))
                if redrawn + len(crossed) >= REDRAWS_PER_PASS:
                    break
        await _redraw(uow, crossed, now, first=redrawn)
        redrawn += len(crossed)
        await uow.deadline_marks.record_many(
            [(rid, b) for rid, b in crossed if b is not DeadlineBand.LATE]
        )
        for request_id, _late in (c for c in crossed if c[1] is DeadlineBand.LATE):
            request = await uow.requests.get(request_id)
            if request is not None and await uow.deadline_marks.escalate(request_id, now):
                await _escalate(uow, request, await recipients(request), now)
                escalated += 1
    return DeadlinePass(redrawn, escalated)


async def _redraw(
    uow: DeadlineUnitOfWork, crossed: Sequence[tuple[int, DeadlineBand]], now: datetime, first: int
) -> None:
    """One card redraw per crossing, `REDRAW_SPACING` apart after the pass's `first` ones."""
    if uow.staff_chat_id is None or not crossed:
        return
    rows = []
    for n, (request_id, current) in enumerate(crossed, first):
        due = now + REDRAW_SPACING * n
        # The card lives in its department's chat when the department has one.
        chat_id = await staff_chat_for(uow, request_id)
        if chat_id is None:
            continue
        rows.append(
            Notification(
                key=f"{staff_card_key(request_id)}:band{int(current)}",
                chat_id=chat_id,
                kind=STAFF_CARD,
                payload={"request_id": request_id},
                created_at=now,
                next_attempt_at=due,
            )
        )
    await uow.fanouts.write(rows)


async def _escalate(
    uow: DeadlineUnitOfWork, request: Request, recipients: Sequence[int], now: datetime
) -> None:
    """Direct messages to those who started the bot (Telegram refuses a bot's first word);
    the staff chat when nobody can be written to."""
    assert request.id is not None
    head = await _department_head(uow, request)
    reachable = []
    for user_id in dict.fromkeys([*head, *recipients]):
        user = await uow.users.get(user_id)
        if user is not None and not user.blocked_bot:
            reachable.append(user_id)
    if not reachable:  # the chat the card lives in: its department's own, else the main one
        fallback = await staff_chat_for(uow, request.id)
        reachable = [fallback] if fallback is not None else []
    for chat_id in reachable:
        await uow.outbox.add(
            Notification(
                key=f"late{request.id}:to{chat_id}",
                chat_id=chat_id,
                kind=DEADLINE_ESCALATION,
                payload={"request_id": request.id},
                created_at=now,
            )
        )
    await _tell_residents(uow, request, now)


async def _department_head(uow: DeadlineUnitOfWork, request: Request) -> list[int]:
    """The head of the request's department answers for it first (data/departments.csv,
    set through the admin API); the staff chat's administrators follow."""
    if request.department is None:
        return []
    department = await uow.departments.get(request.department)
    if department is None or department.head_user_id is None:
        return []
    return [department.head_user_id]


async def _tell_residents(uow: DeadlineUnitOfWork, request: Request, now: datetime) -> None:
    assert request.id is not None
    readers = [request.author_id, *await uow.requests.followers(request.id)]
    for user_id in dict.fromkeys(r for r in readers if r is not None):
        quiet = (await uow.subscriptions.preferences(user_id)).quiet
        await uow.outbox.add(
            Notification(
                key=f"late{request.id}:told{user_id}",
                chat_id=user_id,
                kind=DEADLINE_PASSED,
                payload={"request_id": request.id},
                created_at=now,
                next_attempt_at=delivery_time(now, quiet, urgent=False),
            )
        )

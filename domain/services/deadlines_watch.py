"""Deadlines watched for the staff: a request nobody took is announced once, and the overdue
list is posted every morning (each late request's card gains its mark once). "Once" is a
unique outbox key, so a second run or a second process adds nothing."""

from datetime import datetime, timedelta

from domain.clock import CITY_TZ, Clock
from domain.notifications import Notification
from domain.ports import UnitOfWork
from domain.requests import Request
from domain.services.notify import mark_overdue_card, staff_chat_for

STAFF_ESCALATION = "staff_escalation"  # one request nobody took in time
STAFF_OVERDUE = "staff_overdue"  # the morning list of overdue requests
LIST_LIMIT = 50
DUE_SOON = timedelta(days=1)  # /overdue also shows what falls due within a day


async def overdue(uow: UnitOfWork, now: datetime, soon: timedelta = DUE_SOON) -> list[Request]:
    return await uow.requests.open_due_before(now + soon, LIST_LIMIT)


async def announce_unanswered(uow: UnitOfWork, clock: Clock) -> int:
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None:
        return 0
    now = clock.now()
    announced = 0
    for request in await uow.requests.unanswered_since(now, LIST_LIMIT):
        assert request.id is not None
        announced += await uow.outbox.add(
            Notification(
                key=f"escalate{request.id}",
                # The department's own chat when it has one: its people are the ones to act.
                chat_id=await staff_chat_for(uow, request.id) or staff_chat_id,
                kind=STAFF_ESCALATION,
                payload={"request_id": request.id},
                created_at=now,
            )
        )
    return announced


async def post_overdue_list(uow: UnitOfWork, clock: Clock) -> bool:
    """Queue today's list (rendered at send time); nothing when nothing is overdue."""
    staff_chat_id = uow.staff_chat_id
    if staff_chat_id is None:
        return False
    now = clock.now()
    late = await uow.requests.open_due_before(now, LIST_LIMIT)
    if not late:
        return False
    day = now.astimezone(CITY_TZ).date().isoformat()
    posted = await uow.outbox.add(
        Notification(
            key=f"overdue:{day}",
            chat_id=staff_chat_id,
            kind=STAFF_OVERDUE,
            payload={"day": day},
            created_at=now,
        )
    )
    for request in late:
        assert request.id is not None
        if request.updated_at <= request.deadline_at:  # else a later change drew the mark
            await mark_overdue_card(uow, request.id, now)
    return posted

"""What the author of a request may still do with it: one rule for the button at its press
and for the use case when the text arrives (the request may have moved on in between)."""

from datetime import datetime
from enum import StrEnum

from domain.clock import Clock
from domain.errors import InvalidTransition, NotAllowed, NotFound, ReopenWindowClosed
from domain.ports import UnitOfWork
from domain.requests import Request, RequestStatus


class Step(StrEnum):
    """What a button on the author's card offers to do next."""

    ADD = "add"  # a comment, an answer or a photo
    REOPEN = "reopen"
    RATE = "rate"
    WITHDRAW = "withdraw"


class MovedOn(InvalidTransition):
    """The request is no longer where the pressed button or the open prompt expected it."""

    def __init__(self, request: Request, step: Step) -> None:
        super().__init__(f"{step} no longer applies to request {request.id} ({request.status})")
        self.request = request
        self.step = step


async def own_request(uow: UnitOfWork, user_id: int, request_id: int) -> Request:
    """The request, if this person is its author (only the author answers, rates, reopens)."""
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    if request.author_id != user_id:
        raise NotAllowed("only the author may do this")
    return request


def ensure_allowed(request: Request, step: Step, now: datetime) -> None:
    """MovedOn unless the request still allows `step` (ReopenWindowClosed when only the 14
    days since its resolution have passed)."""
    if step in (Step.ADD, Step.WITHDRAW):
        allowed = request.is_open
    elif step is Step.RATE:
        allowed = request.status is RequestStatus.RESOLVED
    else:
        if request.status is RequestStatus.RESOLVED and not request.can_reopen(now):
            raise ReopenWindowClosed("more than 14 days since resolution")
        allowed = request.can_reopen(now)
    if not allowed:
        raise MovedOn(request, step)


async def check_step(
    uow: UnitOfWork, clock: Clock, user_id: int, request_id: int, step: Step
) -> Request:
    """At the press, before a prompt is opened: the author's request still allows `step`."""
    request = await own_request(uow, user_id, request_id)
    ensure_allowed(request, step, clock.now())
    return request

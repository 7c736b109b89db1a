"""What a department head does with the department's requests: move one to another
department, or give it to a staff member. Recorded in the history and shown on the card,
which follows the request to its new department's chat."""

from dataclasses import dataclass, replace

from domain.clock import Clock
from domain.departments import Department, may_reassign
from domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from domain.history import EventKind, RequestEvent
from domain.notifications import Notification
from domain.ports import UnitOfWork
from domain.requests import Actor, Request
from domain.services.notify import (
    LEFT_BEHIND,
    STAFF_CARD,
    refresh_staff_card,
    staff_card_key,
    staff_chat_for,
)

TO_DEPARTMENT = "department:"  # the REASSIGNED event's text: where the request went
TO_STAFF = "staff:"


class NotDepartmentHead(NotAllowed):
    """Only the head of the request's department (or a city-wide administrator) may."""

    code = "not_department_head"


class NotStaffMember(InvalidInput):
    """A request is given only to someone on the staff list or to a department's head."""

    code = "not_staff_member"


class AlreadyThere(InvalidInput):
    """The request is already in that department, or with that person: nothing to change."""

    code = "already_there"


@dataclass(frozen=True, slots=True)
class Reassignment:
    """Where to: a department's code, or a staff member's user id (exactly one)."""

    department: str | None = None
    staff_id: int | None = None


async def request_department(uow: UnitOfWork, request: Request) -> Department | None:
    return await uow.departments.get(request.department) if request.department else None


async def check_may_reassign(
    uow: UnitOfWork, request_id: int, user_id: int, *, city_admin: bool
) -> Request:
    """The request, when `user_id` may reassign it; NotDepartmentHead, NotFound otherwise."""
    request = await uow.requests.get(request_id)
    if request is None:
        raise NotFound(f"request {request_id}")
    if not may_reassign(await request_department(uow, request), user_id, city_admin=city_admin):
        raise NotDepartmentHead(f"{user_id} does not head {request.department}")
    return request


async def reassign(
    uow: UnitOfWork,
    clock: Clock,
    request_id: int,
    by_user_id: int,
    to: Reassignment,
    *,
    city_admin: bool,
) -> Request:
    request = await check_may_reassign(uow, request_id, by_user_id, city_admin=city_admin)
    if not request.is_open:
        raise InvalidTransition("a closed request is not reassigned")
    now = clock.now()
    if to.department is not None:
        target = await uow.departments.get(to.department)
        if target is None:
            raise NotFound(f"department {to.department}")
        if target.code == request.department:
            raise AlreadyThere(target.code)
        # The new department decides who takes it: nobody has it there yet.
        changed = replace(request, department=target.code, assignee_id=None, updated_at=now)
        text = TO_DEPARTMENT + target.code
    elif to.staff_id is not None:
        if to.staff_id == request.assignee_id:
            raise AlreadyThere(str(to.staff_id))
        if not await _is_staff(uow, to.staff_id):
            raise NotStaffMember(str(to.staff_id))
        changed = replace(request, assignee_id=to.staff_id, updated_at=now)
        text = TO_STAFF + str(to.staff_id)
    else:
        raise InvalidInput("a department or a staff member")
    old_chat = await staff_chat_for(uow, request_id)
    await uow.requests.save(changed)
    event = RequestEvent(request_id, now, EventKind.REASSIGNED, Actor.STAFF, by_user_id, text=text)
    await card_follows(uow, event, old_chat)
    return changed


async def card_follows(uow: UnitOfWork, moved: RequestEvent, old_chat: int | None) -> None:
    """Record a move (a REASSIGNED event of a request already saved where it went) and
    redraw its card, in the chat it is in now."""
    request_id, now = moved.request_id, moved.at
    event_id = await uow.requests.add_event(moved)
    await refresh_staff_card(uow, request_id, event_id, now)
    new_chat = await staff_chat_for(uow, request_id)
    if old_chat is not None and old_chat != new_chat:
        # The card left behind says where the request went, without buttons: the chat it
        # went to acts on it (a later move back redraws it there with them).
        await uow.outbox.add(
            Notification(
                key=f"{staff_card_key(request_id)}:ev{event_id}:left",
                chat_id=old_chat,
                kind=STAFF_CARD,
                payload={"request_id": request_id, "event_id": event_id, LEFT_BEHIND: True},
                created_at=now,
            )
        )


async def _is_staff(uow: UnitOfWork, user_id: int) -> bool:
    if await uow.staff.is_member(user_id):
        return True
    return any(d.is_head(user_id) for d in await uow.departments.all())


QUEUE_LIMIT = 50


async def department_queue(
    uow: UnitOfWork, chat_id: int, user_id: int
) -> list[tuple[Department, list[Request]]]:
    """What a department has open, oldest first: the department whose chat this is, else
    the departments `user_id` heads (empty: neither)."""
    departments = await uow.departments.all()
    here = [d for d in departments if d.chat_id == chat_id]
    wanted = here or [d for d in departments if d.is_head(user_id)]
    return [(d, await uow.requests.open_in_department(d.code, QUEUE_LIMIT)) for d in wanted]

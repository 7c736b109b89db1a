"""The staff chat's own lists: who is staff besides the chat's administrators, and the
ready-made answers staff keep for residents."""

from domain.clock import Clock
from domain.ports import UnitOfWork
from domain.services.staff_actions import clean_text


async def add_staff_member(uow: UnitOfWork, clock: Clock, user_id: int, by: int) -> bool:
    """False when the person already was staff."""
    return await uow.staff.add(user_id, by, clock.now())


async def remove_staff_member(uow: UnitOfWork, user_id: int) -> bool:
    """False when the person was not staff."""
    return await uow.staff.remove(user_id)


async def add_template(uow: UnitOfWork, clock: Clock, text: str, by: int) -> int:
    """The new template's number; InvalidInput for an empty or too long text (a template is
    sent to residents as an official answer, under the same limit)."""
    return await uow.templates.add(clean_text(text), by, clock.now())


async def remove_template(uow: UnitOfWork, number: int) -> bool:
    """False when there was no such template."""
    return await uow.templates.remove(number)

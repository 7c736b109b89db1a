"""A department's head passes a request on: the card's «Передать» button opens a picker
(another department, or a staff member), `/reassign KZN-000123 <code>` does the same by
command. Only the head of the request's department, or an administrator of the main staff
chat, may; anyone else is told so and nothing changes."""

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n

from domain.clock import Clock
from domain.errors import DomainError, NotFound
from domain.requests import format_number, parse_number
from domain.services.departments import (
    AlreadyThere,
    NotDepartmentHead,
    NotStaffMember,
    Reassignment,
    check_may_reassign,
    reassign,
)
from domain.services.staff_actions import staff_name
from domain.unit_of_work import CityUnitOfWork
from handlers.replies import alert, toast
from handlers.staff import department_texts as texts
from handlers.staff.access import StaffAccess
from handlers.staff.callbacks import ReassignCb, StaffAction, StaffCb
from handlers.staff.card_buttons import not_staff
from handlers.staff.filters import IsStaff
from handlers.staff.keyboards import reassign_picker
from handlers.transaction import commit_before_telling

REFUSALS = (
    (NotDepartmentHead, texts.not_head),
    (NotFound, texts.gone),
    (AlreadyThere, texts.already_there),
    (NotStaffMember, texts.not_staff_member),
)


def refusal(error: DomainError) -> str:
    return next((text() for kind, text in REFUSALS if isinstance(error, kind)), texts.cannot())


async def open_picker(
    query: CallbackQuery,
    callback_data: StaffCb,
    uow: CityUnitOfWork,
    bot: Bot,
    staff_access: StaffAccess,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    presser, request_id = query.from_user.id, callback_data.request_id
    city_admin = await staff_access.is_admin(bot, presser)
    try:
        request = await check_may_reassign(uow, request_id, presser, city_admin=city_admin)
    except DomainError as error:
        alert(callback_answer, refusal(error))
        return
    others = [d for d in await uow.departments.all() if d.code != request.department]
    people = [(m, await staff_name(uow, m) or str(m)) for m in await uow.staff.members()]
    markup = reassign_picker(request_id, others, people, i18n.current_locale)
    if isinstance(query.message, Message):
        await query.message.answer(
            texts.pick_target(format_number(request_id)), reply_markup=markup
        )


async def picked(
    query: CallbackQuery,
    callback_data: ReassignCb,
    uow: CityUnitOfWork,
    clock: Clock,
    bot: Bot,
    staff_access: StaffAccess,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    target = Reassignment(callback_data.department or None, callback_data.staff_id or None)
    by, request_id = query.from_user.id, callback_data.request_id
    done, text = await _reassign(by, request_id, target, uow, clock, bot, staff_access, i18n)
    if not done:
        alert(callback_answer, text)
        return
    toast(callback_answer, text)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


async def reassign_command(
    message: Message,
    command: CommandObject,
    uow: CityUnitOfWork,
    clock: Clock,
    bot: Bot,
    staff_access: StaffAccess,
    i18n: I18n,
) -> None:
    assert message.from_user is not None
    number_text, _space, code = (command.args or "").strip().partition(" ")
    number = parse_number(number_text)
    departments = await uow.departments.all()
    if number is None or not code.strip():
        await message.reply(texts.reassign_usage(departments, i18n.current_locale))
        return
    if code.strip() not in {d.code for d in departments}:
        await message.reply(texts.unknown_department(departments, i18n.current_locale))
        return
    target = Reassignment(department=code.strip())
    by = message.from_user.id
    _done, text = await _reassign(by, number, target, uow, clock, bot, staff_access, i18n)
    await message.reply(text)


async def _reassign(
    by: int,
    request_id: int,
    target: Reassignment,
    uow: CityUnitOfWork,
    clock: Clock,
    bot: Bot,
    staff_access: StaffAccess,
    i18n: I18n,
) -> tuple[bool, str]:
    """Whether it was done, and what to tell: the change made, or the refusal."""
    city_admin = await staff_access.is_admin(bot, by)
    try:
        request = await reassign(uow, clock, request_id, by, target, city_admin=city_admin)
    except DomainError as error:
        return False, refusal(error)
    await commit_before_telling(uow)
    number = format_number(request_id)
    if target.department is not None:
        department = await uow.departments.get(target.department)
        name = department.name(i18n.current_locale) if department else target.department
        return True, texts.moved_to_department(number, name)
    name = await staff_name(uow, request.assignee_id) or str(target.staff_id)
    return True, texts.given_to(number, name)


def register(router: Router) -> None:
    """Before the card's other buttons (handlers/staff/card_buttons.py), which refuse
    non-staff for every card button."""
    router.callback_query.register(
        open_picker, StaffCb.filter(F.action == StaffAction.REASSIGN), IsStaff()
    )
    router.callback_query.register(picked, ReassignCb.filter(), IsStaff())
    router.callback_query.register(not_staff, ReassignCb.filter())
    router.message.register(reassign_command, Command("reassign"), IsStaff())

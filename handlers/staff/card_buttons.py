"""The buttons of a request's card in the staff chat: take it, start work, or type the
question, answer, reason or number a button asks for (handlers/staff/answers takes the text).
Only staff may act; anyone else gets a short alert and nothing changes."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import DomainError, NotFound
from domain.requests import Actor, RequestStatus, format_number
from domain.services.staff_actions import (
    AlreadyTaken,
    Audience,
    NobodyToAsk,
    change_status,
    check_someone_to_ask,
    reply_audience,
    staff_name,
    take,
    take_over,
)
from domain.unit_of_work import CityUnitOfWork
from handlers.replies import alert, toast
from handlers.staff.callbacks import StaffAction, StaffCb
from handlers.staff.card_chat import passed_on_from
from handlers.staff.filters import IsStaff, StaffInput
from handlers.staff.keyboards import template_picker
from handlers.staff.texts import (
    already_taken,
    nobody_to_ask,
    nobody_to_tell,
    passed_on_text,
    prompt,
    reply_prompt,
)
from handlers.transaction import commit_before_telling

TAKES = {StaffAction.TAKE, StaffAction.TAKE_OVER, StaffAction.IN_PROGRESS}


async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, _("Эти кнопки — для сотрудников города."))


async def passed_on(
    query: CallbackQuery,
    callback_data: StaffCb,
    uow: CityUnitOfWork,
    callback_answer: CallbackAnswer,
) -> bool:
    """A press on a card left in a department's chat after the request was passed on (before
    its redraw without buttons, or in a client that did not redraw it): told so, nothing
    changes. The main staff chat keeps acting on every request (its /find cards)."""
    chat_id = query.message.chat.id if query.message is not None else None
    if not await passed_on_from(uow, chat_id, callback_data.request_id):
        return False
    alert(callback_answer, passed_on_text(format_number(callback_data.request_id)))
    return True


async def take_or_start(
    query: CallbackQuery,
    callback_data: StaffCb,
    uow: CityUnitOfWork,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    if await passed_on(query, callback_data, uow, callback_answer):
        return
    presser, request_id = query.from_user.id, callback_data.request_id
    try:
        if callback_data.action is StaffAction.TAKE:
            await take(uow, clock, presser, request_id)
        elif callback_data.action is StaffAction.TAKE_OVER:
            await take_over(uow, clock, presser, request_id)
        else:
            await change_status(
                uow,
                clock,
                request_id,
                RequestStatus.IN_PROGRESS,
                actor=Actor.STAFF,
                actor_id=presser,
            )
    except AlreadyTaken as taken:
        alert(callback_answer, await _taken_by(uow, presser, taken))
        return
    except DomainError:
        alert(callback_answer, _("С этой заявкой так уже нельзя."))
        return
    await commit_before_telling(uow)
    toast(callback_answer, _("Готово."))


async def _taken_by(uow: CityUnitOfWork, presser: int, taken: AlreadyTaken) -> str:
    if taken.assignee_id == presser:
        return _("Эта заявка уже ваша.")
    return already_taken(await staff_name(uow, taken.assignee_id))


async def ask_for_reply(
    query: CallbackQuery,
    callback_data: StaffCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    callback_answer: CallbackAnswer,
) -> None:
    """An older card may still offer the reply after its author left: say so instead."""
    if await passed_on(query, callback_data, uow, callback_answer):
        return
    request = await uow.requests.get(callback_data.request_id)
    audience = Audience.NOBODY if request is None else await reply_audience(uow, request)
    if request is None or audience is Audience.NOBODY:
        alert(callback_answer, nobody_to_tell(request))
        return
    await wait_for_text(query, callback_data, state, reply_prompt(audience, request))


async def ask_for_text(
    query: CallbackQuery,
    callback_data: StaffCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    callback_answer: CallbackAnswer,
) -> None:
    if await passed_on(query, callback_data, uow, callback_answer):
        return
    if callback_data.action is StaffAction.NEED_INFO:
        try:  # an older card may still offer the question after its author left
            await check_someone_to_ask(uow, callback_data.request_id)
        except (NobodyToAsk, NotFound):
            alert(callback_answer, nobody_to_ask(await uow.requests.get(callback_data.request_id)))
            return
    number = format_number(callback_data.request_id)
    offers = callback_data.action in {StaffAction.RESOLVE, StaffAction.REJECT}
    markup = template_picker(await uow.templates.all()) if offers else None
    text = prompt(callback_data.action, number)
    await wait_for_text(query, callback_data, state, text, markup)


async def wait_for_text(
    query: CallbackQuery,
    callback_data: StaffCb,
    state: FSMContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """The presser's next message is the text the pressed button asked for."""
    await state.set_state(StaffInput.text)
    await state.update_data(action=callback_data.action, request_id=callback_data.request_id)
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


def register(router: Router) -> None:
    router.callback_query.register(not_staff, StaffCb.filter(), ~IsStaff())
    router.callback_query.register(take_or_start, StaffCb.filter(F.action.in_(TAKES)))
    router.callback_query.register(ask_for_reply, StaffCb.filter(F.action == StaffAction.REPLY))
    router.callback_query.register(ask_for_text, StaffCb.filter())

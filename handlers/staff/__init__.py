"""The staff chat: request cards' buttons, questions and answers typed in reply, official
replies to a card. Only staff may act; anyone else gets a short alert and nothing changes."""

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import DomainError
from domain.requests import Actor, RequestStatus, format_number
from domain.services.staff_actions import (
    AlreadyTaken,
    Audience,
    change_status,
    reply_audience,
    staff_name,
    take,
    take_over,
)
from domain.unit_of_work import CityUnitOfWork
from handlers.replies import alert, toast
from handlers.staff import (
    answers,
    bookings,
    faq_stats,
    language,
    lookup,
    performers,
    roster,
    templates,
)
from handlers.staff.callbacks import StaffAction, StaffCb
from handlers.staff.filters import InStaffChat, IsStaff, StaffInput
from handlers.staff.keyboards import template_picker
from handlers.staff.texts import already_taken
from handlers.transaction import commit_before_telling


def prompt(action: StaffAction, number: str) -> str:
    texts = {
        StaffAction.NEED_INFO: _("Что уточнить у автора заявки {number}? Напишите вопрос."),
        StaffAction.RESOLVE: _("Как решена заявка {number}? Напишите короткий ответ жителю."),
        StaffAction.REJECT: _("Почему отклонена заявка {number}? Напишите причину."),
        StaffAction.DUPLICATE: _("Дубликатом какой заявки является {number}? Напишите номер."),
        StaffAction.REPLY: _("Что ответить автору заявки {number}? Напишите ответ."),
    }
    return texts[action].format(number=number) + " " + _("(/cancel — отменить)")


def reply_prompt(audience: Audience, number: str) -> str:
    if audience is not Audience.FOLLOWERS:
        return prompt(StaffAction.REPLY, number)
    text = _("Автор заявки {number} удалил аккаунт; ответ получат её подписчики. Напишите ответ.")
    return text.format(number=number) + " " + _("(/cancel — отменить)")


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


async def _taken_by(uow: CityUnitOfWork, presser: int, taken: AlreadyTaken) -> str:
    if taken.assignee_id == presser:
        return _("Эта заявка уже ваша.")
    return already_taken(await staff_name(uow, taken.assignee_id))


def create_router() -> Router:
    router = Router(name="staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())

    @router.callback_query(StaffCb.filter(), ~IsStaff())
    async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
        alert(callback_answer, _("Эти кнопки — для сотрудников города."))

    @router.callback_query(
        StaffCb.filter(
            F.action.in_({StaffAction.TAKE, StaffAction.TAKE_OVER, StaffAction.IN_PROGRESS})
        )
    )
    async def take_or_start(
        query: CallbackQuery,
        callback_data: StaffCb,
        uow: CityUnitOfWork,
        clock: Clock,
        staff_chat_id: int | None,
        callback_answer: CallbackAnswer,
    ) -> None:
        try:
            presser, request_id = query.from_user.id, callback_data.request_id
            if callback_data.action is StaffAction.TAKE:
                await take(uow, clock, presser, request_id, staff_chat_id)
            elif callback_data.action is StaffAction.TAKE_OVER:
                await take_over(uow, clock, presser, request_id, staff_chat_id)
            else:
                await change_status(
                    uow,
                    clock,
                    callback_data.request_id,
                    RequestStatus.IN_PROGRESS,
                    actor=Actor.STAFF,
                    actor_id=query.from_user.id,
                    text=None,
                    staff_chat_id=staff_chat_id,
                )
        except AlreadyTaken as taken:
            alert(callback_answer, await _taken_by(uow, query.from_user.id, taken))
            return
        except DomainError:
            alert(callback_answer, _("С этой заявкой так уже нельзя."))
            return
        await commit_before_telling(uow)
        toast(callback_answer, _("Готово."))

    @router.callback_query(StaffCb.filter(F.action == StaffAction.REPLY))
    async def ask_for_reply(
        query: CallbackQuery,
        callback_data: StaffCb,
        state: FSMContext,
        uow: CityUnitOfWork,
        callback_answer: CallbackAnswer,
    ) -> None:
        """An older card may still offer the reply after its author left: say so instead."""
        request = await uow.requests.get(callback_data.request_id)
        audience = Audience.NOBODY if request is None else await reply_audience(uow, request)
        if audience is Audience.NOBODY:
            alert(callback_answer, answers.nobody_to_tell())
            return
        number = format_number(callback_data.request_id)
        await wait_for_text(query, callback_data, state, reply_prompt(audience, number))

    @router.callback_query(StaffCb.filter())
    async def ask_for_text(
        query: CallbackQuery,
        callback_data: StaffCb,
        state: FSMContext,
        uow: CityUnitOfWork,
        callback_answer: CallbackAnswer,
    ) -> None:
        if callback_data.action is StaffAction.NEED_INFO:
            # An older card may still offer the question after its author left.
            request = await uow.requests.get(callback_data.request_id)
            if request is None or request.author_id is None:
                alert(callback_answer, answers.nobody_to_ask())
                return
        number = format_number(callback_data.request_id)
        offers = callback_data.action in {StaffAction.RESOLVE, StaffAction.REJECT}
        markup = template_picker(await uow.templates.all()) if offers else None
        text = prompt(callback_data.action, number)
        await wait_for_text(query, callback_data, state, text, markup)

    bookings.register(router)  # before answers: a reason typed in reply is not an answer
    performers.register(router)  # before answers too: a decline reason is not an answer
    answers.register(router)
    lookup.register(router)
    roster.register(router)
    templates.register(router)
    faq_stats.register(router)
    language.register(router)
    return router

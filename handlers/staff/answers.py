"""Text typed by staff: the question, answer, reason or number a button asked for, and
replies to a card, which reach the resident as the city's official answer."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import DomainError
from domain.requests import Actor, RequestStatus, format_number, parse_number
from domain.services.staff_actions import (
    Audience,
    NobodyToAsk,
    NobodyToTell,
    change_status,
    mark_duplicate,
    official_answer,
)
from domain.unit_of_work import CityUnitOfWork
from handlers.replies import alert, drop_buttons, toast
from handlers.staff.callbacks import StaffAction, TemplateCb
from handlers.staff.card_chat import passed_on_from
from handlers.staff.filters import IsStaff, StaffInput
from handlers.staff.texts import nobody_to_ask, nobody_to_tell, passed_on_text
from handlers.transaction import commit_before_telling

ASKS_FOR_TEXT = {
    StaffAction.NEED_INFO: RequestStatus.NEED_INFO,
    StaffAction.RESOLVE: RequestStatus.RESOLVED,
    StaffAction.REJECT: RequestStatus.REJECTED,
}


async def apply_text(
    uow: CityUnitOfWork,
    clock: Clock,
    staff_id: int,
    state: FSMContext,
    text: str,
) -> str:
    """Do what the pressed button asked for with `text`; the reply for the staff chat."""
    data = await state.get_data()
    action, request_id = StaffAction(data["action"]), int(data["request_id"])
    audience = Audience.AUTHOR
    try:
        if action is StaffAction.DUPLICATE:
            original = parse_number(text)
            if original is None:
                return _("Не понял номер. Пример: KZN-000123.")
            await mark_duplicate(uow, clock, staff_id, request_id, original)
        elif action is StaffAction.REPLY:
            audience = await official_answer(uow, clock, staff_id, request_id, text)
        else:
            await change_status(
                uow,
                clock,
                request_id,
                ASKS_FOR_TEXT[action],
                actor=Actor.STAFF,
                actor_id=staff_id,
                text=text,
            )
    except NobodyToTell:
        await state.clear()
        return nobody_to_tell(await uow.requests.get(request_id))
    except NobodyToAsk:
        await state.clear()
        return nobody_to_ask(await uow.requests.get(request_id))
    except DomainError:
        await state.clear()
        return _("Не получилось: заявка уже в другом статусе или номер неверен.")
    await state.clear()
    await commit_before_telling(uow)
    if audience is Audience.FOLLOWERS:
        return _("Готово: подписчики заявки получат уведомление.")
    return _("Готово: житель получит уведомление.")


async def cancel_text(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.reply(_("Отменено."))


async def text_given(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
) -> None:
    assert message.text is not None and message.from_user is not None
    reply = await apply_text(uow, clock, message.from_user.id, state, message.text)
    await message.reply(reply)


async def template_picked(
    query: CallbackQuery,
    callback_data: TemplateCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    text = await uow.templates.get(callback_data.template_id)
    if text is None:
        alert(callback_answer, _("Этого шаблона уже нет."))
        return
    reply = await apply_text(uow, clock, query.from_user.id, state, text)
    toast(callback_answer, reply)
    if isinstance(query.message, Message):
        await drop_buttons(query.message)


async def reply_to_card(message: Message, uow: CityUnitOfWork, clock: Clock) -> None:
    assert message.reply_to_message is not None and message.from_user is not None
    request_id = await uow.cards.request_for_message(
        message.chat.id, message.reply_to_message.message_id
    )
    if request_id is None:
        return  # a conversation among staff, not an answer to a resident
    if await passed_on_from(uow, message.chat.id, request_id):
        await message.reply(passed_on_text(format_number(request_id)))
        return
    try:
        audience = await official_answer(
            uow, clock, message.from_user.id, request_id, message.text or ""
        )
    except NobodyToTell:
        await message.reply(nobody_to_tell(await uow.requests.get(request_id)))
        return
    except DomainError:
        await message.reply(_("Ответ не отправлен: слишком длинный или пустой."))
        return
    await commit_before_telling(uow)
    if audience is Audience.FOLLOWERS:
        await message.reply(_("Ответ отправлен подписчикам заявки."))
    else:
        await message.reply(_("Ответ отправлен жителю."))


def register(router: Router) -> None:
    router.message.register(cancel_text, StaffInput.text, Command("cancel"))
    router.message.register(
        text_given, StaffInput.text, F.text, ~F.text.startswith("/"), IsStaff()
    )
    router.callback_query.register(
        template_picked, TemplateCb.filter(), StaffInput.text, IsStaff()
    )
    router.message.register(
        reply_to_card, F.reply_to_message, F.text, ~F.text.startswith("/"), IsStaff()
    )

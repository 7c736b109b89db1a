"""A resident told once that their request's deadline passed, and what happens next
(domain/services/deadline_bands.py); rendered at send time in their language."""

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.notifications import Notification, Outdated, PermanentFailure
from domain.unit_of_work import UnitOfWorkFactory
from handlers.common import day
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.my_requests.callbacks import RequestAction, RequestCb
from handlers.rendered_message import RenderedMessage


async def deadline_passed(
    notification: Notification, *, open_uow: UnitOfWorkFactory, i18n: I18n
) -> RenderedMessage:
    request_id = int(notification.payload["request_id"])
    async with open_uow() as uow:
        request = await uow.requests.get(request_id)
        user = await uow.users.get(notification.chat_id)
    if request is None:
        raise PermanentFailure(f"request {request_id} is gone")
    if not request.is_open:  # answered while the notice waited for the quiet hours to end
        raise Outdated(f"request {request_id} is no longer open")
    locale = user.locale if user is not None else i18n.default_locale
    with i18n.context(), i18n.use_locale(locale):
        text = _(
            "⏰ <b>Заявка {number}</b>: срок ответа ({date}) истёк, а ответа ещё нет. "
            "Мы передали заявку руководителю, он проследит за ней. Ответ придёт сюда, "
            "в этот чат; писать заново не нужно."
        ).format(number=request.number, date=day(request.deadline_at))
        keyboard = InlineKeyboardBuilder()
        keyboard.button(
            text=_("Открыть заявку"),
            callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
        )
    return RenderedMessage(text, reply_markup=keyboard.as_markup())

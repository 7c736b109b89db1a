"""A change of a request, told to its author and followers: rendered at send time, in the
reader's language, from the state then (a notice waiting in the queue never shows a stale
status)."""

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.notifications import Notification, PermanentFailure
from domain.unit_of_work import UnitOfWorkFactory
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.my_requests.callbacks import RequestAction, RequestCb
from handlers.my_requests.texts import event_line, request_status_label
from handlers.rendered_message import RenderedMessage


async def request_event(
    notification: Notification, *, open_uow: UnitOfWorkFactory, i18n: I18n
) -> RenderedMessage:
    """A REQUEST_EVENT row: what happened, the status now, and the button to the card."""
    request_id = int(notification.payload["request_id"])
    event_id = int(notification.payload["event_id"])
    async with open_uow() as uow:
        request = await uow.requests.get(request_id)
        user = await uow.users.get(notification.chat_id)
        history = await uow.requests.history(request_id)
    event = next((e for e in history if e.id == event_id), None)
    if request is None or event is None:
        raise PermanentFailure(f"request {request_id} or event {event_id} is gone")
    locale = user.locale if user is not None else i18n.default_locale
    with i18n.context(), i18n.use_locale(locale):
        text = "\n".join(
            [
                _("🔔 <b>Заявка {number}</b>").format(number=request.number),
                event_line(event),
                _("Статус: {status}").format(status=request_status_label(request, history)),
            ]
        )
        keyboard = InlineKeyboardBuilder()
        keyboard.button(
            text=_("Открыть заявку"),
            callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
        )
    return RenderedMessage(text, reply_markup=keyboard.as_markup())

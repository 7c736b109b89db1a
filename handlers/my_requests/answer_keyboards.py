"""The buttons under text that found its request by itself: the undo, and "which request?"
when several wait (handlers/my_requests/resident_answers)."""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.requests import Request
from handlers.common import shorten
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.my_requests.callbacks import AnswerAction, AnswerCb, RequestAction, RequestCb


def undo_keyboard(request_id: int, event_id: int | None) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if event_id is not None:
        undo = AnswerCb(action=AnswerAction.UNDO, request_id=request_id, event_id=event_id)
        kb.button(text=_("↩️ Отменить"), callback_data=undo)
    open_card = RequestCb(action=RequestAction.OPEN, request_id=request_id)
    kb.button(text=_("Открыть заявку"), callback_data=open_card)
    kb.adjust(2)
    return kb.as_markup()


def which_keyboard(waiting: list[Request]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for request in waiting:
        assert request.id is not None
        kb.button(
            text=f"❓ {request.number} · {shorten(request.description, 30)}",
            callback_data=AnswerCb(action=AnswerAction.PICK, request_id=request.id),
        )
    not_answer = AnswerCb(action=AnswerAction.NOT_ANSWER)
    kb.button(text=_("Это не ответ — поискать в справке"), callback_data=not_answer)
    kb.adjust(1)
    return kb.as_markup()

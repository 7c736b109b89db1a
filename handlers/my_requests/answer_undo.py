"""Taking back what went to a request by itself, for a while; the text then gets what it
would have got otherwise (the FAQ)."""

from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.contacts import Contact
from domain.errors import NotAllowed, NotFound
from domain.faq.library import FaqLibrary
from domain.history import EventKind
from domain.requests import format_number
from domain.services.resident_answers import UndoExpired, withdraw_addition
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.faq.answers import answer_question
from handlers.my_requests.answer_keyboards import undo_keyboard
from handlers.my_requests.answer_texts import undo_too_late
from handlers.my_requests.callbacks import AnswerCb
from handlers.my_requests.refusal_texts import not_yours
from handlers.replies import alert, redraw, set_buttons, toast
from handlers.transaction import commit_before_telling


async def undo(
    query: CallbackQuery,
    callback_data: AnswerCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    faq: FaqLibrary,
    contacts: list[Contact],
    callback_answer: CallbackAnswer,
) -> None:
    request_id = callback_data.request_id
    try:
        taken = await withdraw_addition(uow, clock, user.id, request_id, callback_data.event_id)
    except (NotFound, NotAllowed):
        alert(callback_answer, not_yours())
        return
    except UndoExpired:
        alert(callback_answer, undo_too_late())
        if isinstance(query.message, Message):  # the dead button goes, the card stays
            await set_buttons(query.message, undo_keyboard(request_id, None))
        return
    await commit_before_telling(uow)
    toast(callback_answer, _("Отменено."))
    number = format_number(request_id)
    if taken.kind is EventKind.PHOTO_ADDED:
        await redraw(query, _("↩️ Отменено: фото убрано из заявки {number}.").format(number=number))
        return
    await redraw(query, _("↩️ Отменено: текст убран из заявки {number}.").format(number=number))
    if isinstance(query.message, Message) and taken.text:  # what it would have got otherwise
        request = await uow.requests.get(request_id)  # its category: a hint for the FAQ
        about = request.category if request is not None else None
        await answer_question(query.message, taken.text, uow, user, faq, contacts, about)

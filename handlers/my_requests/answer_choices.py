"""The answer to "which request?" when several wait: one of them, or "not an answer"
(then the text is a question for the FAQ)."""

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.contacts import Contact
from domain.districts import DistrictDirectory
from domain.faq.library import FaqLibrary
from domain.public_page import PublicLinks
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.faq.answers import answer_question
from handlers.my_requests.answer_delivery import deliver
from handlers.my_requests.callbacks import AnswerCb
from handlers.my_requests.pending_answers import PendingAnswers
from handlers.replies import alert, redraw


async def picked(
    query: CallbackQuery,
    callback_data: AnswerCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    kept = await _kept(query, state, callback_answer)
    if kept is None or not isinstance(query.message, Message):
        return
    await deliver(
        query.message, query, uow, user, clock, districts, public_links, state,
        callback_data.request_id, kept["text"], kept["photo"],
    )  # fmt: skip


async def not_an_answer(
    query: CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    faq: FaqLibrary,
    contacts: list[Contact],
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    kept = await _kept(query, state, callback_answer)
    if kept is None or not isinstance(query.message, Message):
        return
    question = kept["text"]
    if kept["photo"] is not None or question is None:
        await redraw(query, _("Хорошо: фото никуда не отправлено."))
        return
    await redraw(query, _("Хорошо, это не ответ по заявке. Ищу в справке…"))
    await answer_question(query.message, question, uow, user, faq, contacts)


async def _kept(
    query: CallbackQuery, state: FSMContext, answer: CallbackAnswer
) -> dict[str, str | None] | None:
    """The text the pressed question kept; once used, its buttons are gone."""
    asked_in = query.message.message_id if query.message is not None else 0
    kept = await PendingAnswers(state).take(asked_in)
    if kept is None:
        alert(answer, _("Этот текст уже отправлен или не сохранился — пришлите его ещё раз."))
    return kept

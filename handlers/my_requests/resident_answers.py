"""Text or a photo outside any form that answers staff, without knowing the trick: a reply to
one of the bot's messages about a request, or simply the next message while exactly one of
the person's requests waits for their answer (several: they are asked which). What went to a
request by itself can be taken back for a while; then the text gets what it would have got
otherwise (the FAQ). Commands and forms come first: these handlers only see stateless text."""

import re
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __

from domain.clock import Clock
from domain.contacts import Contact
from domain.districts import DistrictDirectory
from domain.errors import DomainError, InvalidTransition, NotAllowed, NotFound
from domain.faq.library import FaqLibrary
from domain.history import EventKind
from domain.requests import NUMBER_PREFIX, Request, format_number
from domain.services.resident_answers import (
    UndoExpired,
    add_to_request,
    awaiting_answer,
    withdraw_addition,
)
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.answer_albums import AlbumDestinations
from handlers.faq.answers import answer_question
from handlers.follow_up import refusal, text_not_added
from handlers.my_requests import not_yours, show_request_card
from handlers.my_requests.callbacks import AnswerAction, AnswerCb
from handlers.replies import alert, redraw, set_buttons, toast
from handlers.resident_answer_screens import undo_keyboard, undo_too_late, went_to, which_keyboard
from handlers.transaction import commit_before_telling

# The request's number opens the first line of every card, notice and confirmation the bot
# sends a resident, in every language: a reply to any of them names its request.
_NUMBER = re.compile(re.escape(NUMBER_PREFIX) + r"(\d{1,9})")
# Not a command, an inline result, nor the «✖️ Отмена» of a reply keyboard left on screen.
ANSWER_CONTENT = (
    F.text & ~F.text.startswith("/") & (F.text != __("✖️ Отмена")) & F.via_bot.is_(None)
) | F.photo


class RepliedRequest(Filter):
    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != bot.id:
            return False
        first_line = (replied.text or replied.caption or "").split("\n", 1)[0]
        found = _NUMBER.search(first_line)
        return {"request_id": int(found.group(1))} if found else False


class Waiting(Filter):
    """Staff wait for the person's answer on at least one request."""

    async def __call__(
        self, message: Message, uow: CityUnitOfWork, user: User
    ) -> bool | dict[str, Any]:
        waiting = await awaiting_answer(uow, user.id)
        return {"waiting": waiting} if waiting else False


class PendingAnswers:
    """Text typed while several requests wait, kept until the person says which it answers;
    keyed by the message that asks, so two such questions never mix (FSM storage, a destiny
    of its own: no form is opened, and the next message is free)."""

    DESTINY = "pending_answers"
    KEPT = 10

    def __init__(self, state: FSMContext) -> None:
        self._storage = state.storage
        self._key = StorageKey(
            state.key.bot_id, state.key.chat_id, state.key.user_id, destiny=self.DESTINY
        )

    async def keep(self, asked_in: int, text: str | None, photo: str | None) -> None:
        pending = await self._storage.get_data(self._key)
        pending[str(asked_in)] = {"text": text, "photo": photo}
        await self._storage.set_data(self._key, dict(list(pending.items())[-self.KEPT :]))

    async def take(self, asked_in: int) -> dict[str, str | None] | None:
        pending = await self._storage.get_data(self._key)
        kept = pending.pop(str(asked_in), None)
        if kept is not None:
            await self._storage.set_data(self._key, pending)
        return kept


async def deliver(
    chat: Message,
    query: CallbackQuery | None,  # the pressed "which request" question, edited in place
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    staff_chat_id: int | None,
    districts: DistrictDirectory,
    state: FSMContext,
    request_id: int,
    text: str | None,
    photo: str | None,
) -> None:
    """Add to the request and say where it went; if it cannot go there, say why."""
    try:
        added = await add_to_request(uow, clock, user.id, request_id, text, photo, staff_chat_id)
    except InvalidTransition as error:  # the request is closed: the card shows what next
        await _say(chat, query, text_not_added(error, request_id, text))
        await show_request_card(chat, uow, user, request_id, 0, clock, districts, state)
        return
    except DomainError as error:
        await _say(chat, query, refusal(error) + "\n" + _("Ваш текст не добавлен."))
        return
    await commit_before_telling(uow)
    if photo is not None:
        await AlbumDestinations(state).remember(chat, request_id)  # its other photos too
    confirmation = went_to(added, photo is not None)
    await _say(chat, query, confirmation, undo_keyboard(request_id, added.event_id))


async def _say(
    chat: Message,
    query: CallbackQuery | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    if query is not None:
        await redraw(query, text, markup)
    else:  # a reply to the person's own message: it shows which text went where
        await chat.reply(text, reply_markup=markup)


def create_router() -> Router:
    router = Router(name="resident_answers")
    router.message.filter(F.chat.type == "private", StateFilter(None), ANSWER_CONTENT)
    router.callback_query.filter(F.message.chat.type == "private")

    @router.message(RepliedRequest())
    async def replied(
        message: Message,
        request_id: int,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        staff_chat_id: int | None,
        districts: DistrictDirectory,
        state: FSMContext,
    ) -> None:
        photo = message.photo[-1].file_id if message.photo else None
        await deliver(
            message, None, uow, user, clock, staff_chat_id, districts, state, request_id,
            message.text or message.caption, photo,
        )  # fmt: skip

    @router.message(Waiting())
    async def next_message(
        message: Message,
        waiting: list[Request],
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        staff_chat_id: int | None,
        districts: DistrictDirectory,
        state: FSMContext,
    ) -> None:
        photo = message.photo[-1].file_id if message.photo else None
        if len(waiting) == 1 and waiting[0].id is not None:
            await deliver(
                message, None, uow, user, clock, staff_chat_id, districts, state,
                waiting[0].id, message.text or message.caption, photo,
            )  # fmt: skip
            return
        question = _("Сотрудники ждут вашего ответа по нескольким заявкам. К какой это?")
        asked = await message.reply(question, reply_markup=which_keyboard(waiting))
        await PendingAnswers(state).keep(asked.message_id, message.text or message.caption, photo)

    _choices(router)
    return router


def _choices(router: Router) -> None:
    @router.callback_query(AnswerCb.filter(F.action == AnswerAction.PICK))
    async def picked(
        query: CallbackQuery,
        callback_data: AnswerCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        staff_chat_id: int | None,
        districts: DistrictDirectory,
        state: FSMContext,
        callback_answer: CallbackAnswer,
    ) -> None:
        kept = await _kept(query, state, callback_answer)
        if kept is None or not isinstance(query.message, Message):
            return
        await deliver(
            query.message, query, uow, user, clock, staff_chat_id, districts, state,
            callback_data.request_id, kept["text"], kept["photo"],
        )  # fmt: skip

    @router.callback_query(AnswerCb.filter(F.action == AnswerAction.NOT_ANSWER))
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

    @router.callback_query(AnswerCb.filter(F.action == AnswerAction.UNDO))
    async def undo(
        query: CallbackQuery,
        callback_data: AnswerCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        staff_chat_id: int | None,
        faq: FaqLibrary,
        contacts: list[Contact],
        callback_answer: CallbackAnswer,
    ) -> None:
        request_id = callback_data.request_id
        try:
            taken = await withdraw_addition(
                uow, clock, user.id, request_id, callback_data.event_id, staff_chat_id
            )
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
            await redraw(
                query, _("↩️ Отменено: фото убрано из заявки {number}.").format(number=number)
            )
            return
        await redraw(query, _("↩️ Отменено: текст убран из заявки {number}.").format(number=number))
        if isinstance(query.message, Message) and taken.text:  # what it would have got otherwise
            await answer_question(query.message, taken.text, uow, user, faq, contacts)


async def _kept(
    query: CallbackQuery, state: FSMContext, answer: CallbackAnswer
) -> dict[str, str | None] | None:
    """The text the pressed question kept; once used, its buttons are gone."""
    asked_in = query.message.message_id if query.message is not None else 0
    kept = await PendingAnswers(state).take(asked_in)
    if kept is None:
        alert(answer, _("Этот текст уже отправлен или не сохранился — пришлите его ещё раз."))
    return kept

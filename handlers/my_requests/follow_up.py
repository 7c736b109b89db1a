"""The author after filing: a comment or an answer to staff's question (text or photo), a
rating of the resolution, reopening it within 14 days."""

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import DomainError, InvalidTransition
from domain.public_page import PublicLinks
from domain.services.author_steps import Step
from domain.services.follow_up import add_comment, add_photo, rate, reopen
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.my_requests.answer_albums import AlbumDestinations
from handlers.my_requests.callbacks import RateCb, RequestAction, RequestCb
from handlers.my_requests.card import allowed_at_press, refuse_stale, show_request_card
from handlers.my_requests.refusal_texts import refusal, text_not_added
from handlers.my_requests.states import FollowUp
from handlers.replies import alert, send, toast
from handlers.transaction import commit_before_telling


async def ask_text(
    query: CallbackQuery,
    callback_data: RequestCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    callback_answer: CallbackAnswer,
) -> None:
    request_id, page = callback_data.request_id, callback_data.page
    comment = callback_data.action is RequestAction.COMMENT
    step = Step.ADD if comment else Step.REOPEN
    # At the press: a prompt must never open for text that cannot be taken.
    if not await allowed_at_press(
        query,
        step,
        uow,
        user,
        request_id,
        page,
        clock,
        districts,
        public_links,
        state,
        callback_answer,
    ):
        return
    await state.set_state(FollowUp.comment if comment else FollowUp.reopen_reason)
    await state.update_data(request_id=request_id)
    if comment:
        text = _("Напишите комментарий или ответ городу, можно прислать фото. /cancel — отменить.")
    else:
        text = _("Что осталось не так? Опишите коротко — заявка вернётся в работу.")
    await send(query, text)


async def comment_given(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
) -> None:
    request_id = int((await state.get_data())["request_id"])
    try:
        if message.photo:
            photo = message.photo[-1].file_id
            await add_photo(uow, clock, user.id, request_id, photo, message.caption)
        else:
            await add_comment(uow, clock, user.id, request_id, message.text or "")
    except InvalidTransition as error:
        await state.clear()
        typed = message.text or message.caption
        await message.answer(text_not_added(error, request_id, typed))
        await show_request_card(
            message, uow, user, request_id, 0, clock, districts, public_links, state
        )
        return
    except DomainError as error:
        await message.answer(refusal(error))
        return
    await state.clear()
    await commit_before_telling(uow)
    await AlbumDestinations(state).remember(message, request_id)  # its other photos too
    await message.answer(_("Добавлено, сотрудники увидят это в заявке."))
    await show_request_card(
        message, uow, user, request_id, 0, clock, districts, public_links, state
    )


async def reason_given(
    message: Message,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
) -> None:
    request_id = int((await state.get_data())["request_id"])
    try:
        await reopen(uow, clock, user.id, request_id, message.text or "")
    except InvalidTransition as error:
        await state.clear()
        await message.answer(text_not_added(error, request_id, message.text))
        await show_request_card(
            message, uow, user, request_id, 0, clock, districts, public_links, state
        )
        return
    except DomainError as error:
        await state.clear()
        await message.answer(refusal(error))
        return
    await state.clear()
    await commit_before_telling(uow)
    await message.answer(_("Заявка открыта повторно, сотрудники видят вашу причину."))
    await show_request_card(
        message, uow, user, request_id, 0, clock, districts, public_links, state
    )


async def other(message: Message) -> None:
    await message.answer(_("Нужен текст (или фото для комментария). /cancel — отменить."))


async def rated(
    query: CallbackQuery,
    callback_data: RateCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    callback_answer: CallbackAnswer,
    state: FSMContext,
) -> None:
    request_id = callback_data.request_id
    try:
        await rate(uow, clock, user.id, request_id, callback_data.stars)
    except InvalidTransition as error:
        await refuse_stale(
            query,
            error,
            uow,
            user,
            request_id,
            0,
            clock,
            districts,
            public_links,
            state,
            callback_answer,
        )
        return
    except DomainError as error:
        alert(callback_answer, refusal(error))
        return
    await commit_before_telling(uow)
    toast(callback_answer, _("Спасибо за оценку!"))
    await show_request_card(query, uow, user, request_id, 0, clock, districts, public_links, state)


def create_router() -> Router:
    router = Router(name="follow_up")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    asks = RequestCb.filter(F.action.in_({RequestAction.COMMENT, RequestAction.REOPEN}))
    router.callback_query.register(ask_text, asks)
    router.message.register(comment_given, FollowUp.comment, F.text | F.photo)
    router.message.register(reason_given, FollowUp.reopen_reason, F.text, ~F.text.startswith("/"))
    router.message.register(other, StateFilter(FollowUp), ~F.text.startswith("/"))
    router.callback_query.register(rated, RateCb.filter())
    return router

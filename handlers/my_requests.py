"""My requests: a paged list, a request's card with its history, withdrawal."""

import logging

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import InvalidTransition, NotAllowed, NotFound
from domain.ports import UnitOfWork
from domain.services.my_requests import my_requests, request_card, withdraw_request
from domain.users import User
from handlers import commands
from handlers.callbacks import MenuAction, MenuCb, PageCb, RequestAction, RequestCb
from handlers.keyboards import (
    home_button,
    request_card_keyboard,
    request_list,
    withdraw_confirm,
)
from handlers.replies import alert, replace, toast
from handlers.texts import request_card as render_card

logger = logging.getLogger(__name__)


async def _list_screen(uow: UnitOfWork, user: User, page: int) -> tuple[str, InlineKeyboardMarkup]:
    result = await my_requests(uow, user.id, page)
    if result.total == 0:
        return _("У вас пока нет заявок. Сообщите о проблеме из меню."), home_button()
    categories = {c.code: c for c in await uow.categories.list_active()}
    text = _("<b>Мои заявки</b> ({total}), страница {page} из {pages}:").format(
        total=result.total, page=result.page + 1, pages=result.pages
    )
    markup = request_list(result.items, categories, user.locale, result.page, result.pages)
    return text, markup


def not_yours() -> str:
    # One answer for "no such request" and "not yours": other people's numbers reveal nothing.
    return _("Заявка не найдена среди ваших.")


async def show_request_card(
    target: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
    answer: CallbackAnswer | None = None,
) -> None:
    try:
        card = await request_card(uow, user.id, request_id)
    except (NotFound, NotAllowed) as error:
        # A number typed or a button forged for someone else's request: refused, on record.
        logger.warning("user %s refused request %s: %r", user.id, request_id, error)
        if isinstance(target, CallbackQuery) and answer is not None:
            alert(answer, not_yours())
        elif isinstance(target, Message):
            await target.answer(not_yours(), reply_markup=home_button())
        return
    category = await uow.categories.get(card.request.category)
    place = card.request.place
    district = districts.name(place.district, user.locale) if place.district else None
    text = render_card(card.request, category, card.history, user.locale, clock.now(), district)
    can_reopen = card.request.can_reopen(clock.now())
    markup = request_card_keyboard(card.request, card.is_author, page, can_reopen)
    if isinstance(target, CallbackQuery):
        await replace(target, text, markup)
    else:
        await target.answer(text, reply_markup=markup)


def create_router() -> Router:
    router = Router(name="my_requests")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")

    @router.message(Command(commands.MY.name))
    async def my_command(message: Message, uow: UnitOfWork, user: User) -> None:
        text, markup = await _list_screen(uow, user, 0)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.action == MenuAction.MINE))
    async def my_button(query: CallbackQuery, uow: UnitOfWork, user: User) -> None:
        text, markup = await _list_screen(uow, user, 0)
        await replace(query, text, markup)

    @router.callback_query(PageCb.filter())
    async def page(
        query: CallbackQuery, callback_data: PageCb, uow: UnitOfWork, user: User
    ) -> None:
        text, markup = await _list_screen(uow, user, callback_data.page)
        await replace(query, text, markup)

    @router.callback_query(RequestCb.filter(F.action == RequestAction.OPEN))
    async def open_request(
        query: CallbackQuery,
        callback_data: RequestCb,
        uow: UnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
        districts: DistrictDirectory,
    ) -> None:
        request_id, page = callback_data.request_id, callback_data.page
        await show_request_card(
            query, uow, user, request_id, page, clock, districts, callback_answer
        )

    @router.callback_query(RequestCb.filter(F.action == RequestAction.WITHDRAW))
    async def ask_withdraw(query: CallbackQuery, callback_data: RequestCb) -> None:
        text = _("Отозвать заявку? Город перестанет над ней работать.")
        await replace(query, text, withdraw_confirm(callback_data.request_id, callback_data.page))

    @router.callback_query(RequestCb.filter(F.action == RequestAction.WITHDRAW_CONFIRM))
    async def withdraw(
        query: CallbackQuery,
        callback_data: RequestCb,
        uow: UnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
        districts: DistrictDirectory,
        staff_chat_id: int | None,
    ) -> None:
        try:
            await withdraw_request(uow, clock, user.id, callback_data.request_id, staff_chat_id)
        except (NotFound, NotAllowed):
            alert(callback_answer, not_yours())
            return
        except InvalidTransition:
            alert(callback_answer, _("Эту заявку уже нельзя отозвать."))
            return
        await uow.commit()
        toast(callback_answer, _("Заявка отозвана."))
        await show_request_card(
            query, uow, user, callback_data.request_id, callback_data.page, clock, districts
        )

    return router

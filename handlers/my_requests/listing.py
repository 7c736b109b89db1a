"""The author's requests: the paged list (/my or the menu), and a request opened from it."""

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.public_page import PublicLinks
from domain.services.my_requests import my_requests
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.menu import home_button
from handlers.my_requests.callbacks import PageCb, RequestCb
from handlers.my_requests.card import show_request_card
from handlers.my_requests.card_copies import CardCopies
from handlers.my_requests.keyboards import request_list
from handlers.replies import redraw


async def list_screen(
    uow: CityUnitOfWork, user: User, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    result = await my_requests(uow, user.id, page)
    if result.total == 0:
        return _("У вас пока нет заявок. Сообщите о проблеме из меню."), home_button()
    categories = {c.code: c for c in await uow.categories.list_active()}
    text = _("<b>Мои заявки</b> ({total}), страница {page} из {pages}:").format(
        total=result.total, page=result.page + 1, pages=result.pages
    )
    markup = request_list(result.items, categories, user.locale, result.page, result.pages)
    return text, markup


async def my_command(message: Message, uow: CityUnitOfWork, user: User) -> None:
    text, markup = await list_screen(uow, user, 0)
    await message.answer(text, reply_markup=markup)


async def my_button(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
    text, markup = await list_screen(uow, user, 0)
    await redraw(query, text, markup)


async def page(
    query: CallbackQuery,
    callback_data: PageCb,
    uow: CityUnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    text, markup = await list_screen(uow, user, callback_data.page)
    shown = await redraw(query, text, markup)
    if shown is not None:
        await CardCopies(state).left(shown)


async def open_request(
    query: CallbackQuery,
    callback_data: RequestCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
) -> None:
    request_id, page = callback_data.request_id, callback_data.page
    await show_request_card(
        query, uow, user, request_id, page, clock, districts, public_links, state, callback_answer
    )

"""Withdrawing a request: asked once, then done; the card shows the result."""

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.public_page import PublicLinks
from domain.services.author_steps import Step
from domain.services.my_requests import withdraw_request
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.my_requests.callbacks import RequestCb
from handlers.my_requests.card import allowed_at_press, show_request_card
from handlers.my_requests.keyboards import withdraw_confirm
from handlers.replies import redraw, toast
from handlers.transaction import commit_before_telling


async def ask_withdraw(
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
    if not await allowed_at_press(
        query, Step.WITHDRAW, uow, user, request_id, page, clock, districts, public_links, state,
        callback_answer,
    ):  # fmt: skip
        return
    text = _("Отозвать заявку? Город перестанет над ней работать.")
    await redraw(query, text, withdraw_confirm(request_id, page))


async def withdraw(
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
    if not await allowed_at_press(
        query, Step.WITHDRAW, uow, user, request_id, page, clock, districts, public_links, state,
        callback_answer,
    ):  # fmt: skip
        return
    await withdraw_request(uow, clock, user.id, request_id)
    await commit_before_telling(uow)
    toast(callback_answer, _("Заявка отозвана."))
    await show_request_card(
        query, uow, user, request_id, page, clock, districts, public_links, state
    )

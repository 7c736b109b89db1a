"""My subscriptions (one-tap unsubscribe) and my addresses (removal, confirmed first)."""

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.districts import DistrictDirectory
from domain.errors import NotFound
from domain.paging import page_window
from domain.services.alert_views import overview
from domain.services.subscriptions import remove_address, unfollow
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.alerts import list_keyboards, list_texts
from handlers.alerts.callbacks import AddressDropCb, AlertsAction, AlertsCb, SubDropCb
from handlers.alerts.texts import district_namer
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling

logger = logging.getLogger(__name__)
PAGE_SIZE = 15  # a screenful of lines, and well under Telegram's 100 buttons a keyboard


async def show_subscriptions(
    query: CallbackQuery, uow: CityUnitOfWork, user: User, districts: DistrictDirectory, page: int
) -> None:
    mine = await overview(uow, user.id)
    page, pages = page_window(len(mine.subscriptions), page, PAGE_SIZE)
    shown = mine.subscriptions[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    addresses = {a.id: a for a in mine.addresses if a.id is not None}
    name = district_namer(districts, user.locale)
    text = list_texts.subscriptions(shown, addresses, name, page, pages)
    markup = list_keyboards.subscriptions(shown, addresses, name, page, pages)
    await redraw(query, text, markup)


async def show_addresses(
    query: CallbackQuery, uow: CityUnitOfWork, user: User, districts: DistrictDirectory
) -> None:
    mine = await overview(uow, user.id)
    name = district_namer(districts, user.locale)
    text = list_texts.addresses(mine.addresses, mine.followed_at(), name)
    await redraw(query, text, list_keyboards.addresses(mine.addresses))


async def open_subscriptions(
    query: CallbackQuery,
    callback_data: AlertsCb,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
) -> None:
    await show_subscriptions(query, uow, user, districts, callback_data.page)


async def drop_subscription(
    query: CallbackQuery,
    callback_data: SubDropCb,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    # The service deletes only the presser's own row: a forged id changes nothing.
    if not await unfollow(uow, user.id, callback_data.subscription_id):
        logger.info("user %s: no subscription %s", user.id, callback_data.subscription_id)
        alert(callback_answer, list_texts.not_your_subscription())
        return
    await commit_before_telling(uow)
    toast(callback_answer, list_texts.unsubscribed())
    await show_subscriptions(query, uow, user, districts, callback_data.page)


async def open_addresses(
    query: CallbackQuery, uow: CityUnitOfWork, user: User, districts: DistrictDirectory
) -> None:
    await show_addresses(query, uow, user, districts)


async def ask_removal(
    query: CallbackQuery,
    callback_data: AddressDropCb,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    mine = await overview(uow, user.id)
    address = mine.address(callback_data.address_id)
    if address is None or address.id is None:
        alert(callback_answer, list_texts.not_your_address())
        return
    count = mine.followed_at()[address.id]
    name = district_namer(districts, user.locale)
    text = list_texts.confirm_removal(address, count, name)
    await redraw(query, text, list_keyboards.confirm_removal(address.id))


async def remove_confirmed(
    query: CallbackQuery,
    callback_data: AddressDropCb,
    uow: CityUnitOfWork,
    user: User,
    districts: DistrictDirectory,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        await remove_address(uow, user.id, callback_data.address_id)
    except NotFound:
        logger.info("user %s: no address %s", user.id, callback_data.address_id)
        alert(callback_answer, list_texts.not_your_address())
        return
    await commit_before_telling(uow)
    toast(callback_answer, list_texts.address_removed())
    await show_addresses(query, uow, user, districts)


def register(router: Router) -> None:
    router.callback_query.register(
        open_subscriptions, AlertsCb.filter(F.action == AlertsAction.SUBSCRIPTIONS)
    )
    router.callback_query.register(drop_subscription, SubDropCb.filter())
    router.callback_query.register(
        open_addresses, AlertsCb.filter(F.action == AlertsAction.ADDRESSES)
    )
    router.callback_query.register(ask_removal, AddressDropCb.filter(~F.confirm))
    router.callback_query.register(remove_confirmed, AddressDropCb.filter(F.confirm))

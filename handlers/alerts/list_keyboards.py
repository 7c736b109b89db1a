"""Keyboards of the lists: subscriptions with one-tap unsubscribe, addresses with removal."""

from collections.abc import Mapping, Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.alerts.subscriptions import SavedAddress, Subscription
from handlers.alerts.callbacks import AddressDropCb, AlertsAction, AlertsCb, SubDropCb
from handlers.alerts.keyboards import back_button
from handlers.alerts.list_texts import subscription_line
from handlers.alerts.texts import DistrictName
from handlers.common import page_buttons, shorten
from handlers.keyboard_builder import InlineKeyboardBuilder

BUTTON_TEXT_MAX = 60


def subscriptions(
    shown: Sequence[Subscription],
    addresses: Mapping[int, SavedAddress],
    district_name: DistrictName,
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    """One "✖ <what>" button per line of the list: pressing it unsubscribes at once."""
    kb = InlineKeyboardBuilder()
    for subscription in shown:
        assert subscription.id is not None
        line = subscription_line(subscription, addresses, district_name)
        kb.button(
            text=shorten(f"✖ {line}", BUTTON_TEXT_MAX),
            callback_data=SubDropCb(subscription_id=subscription.id, page=page),
        )
    kb.adjust(1)
    nav = page_buttons(
        page, pages, lambda to: AlertsCb(action=AlertsAction.SUBSCRIPTIONS, page=to)
    )
    back_button(nav)
    kb.attach(nav)
    return kb.as_markup()


def addresses(items: Sequence[SavedAddress]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for address in items:
        assert address.id is not None
        kb.button(
            text=shorten(_("🗑 Удалить «{label}»").format(label=address.label), BUTTON_TEXT_MAX),
            callback_data=AddressDropCb(address_id=address.id),
        )
    kb.button(text=_("➕ Добавить адрес"), callback_data=AlertsCb(action=AlertsAction.ADD_ADDRESS))
    back_button(kb)
    kb.adjust(1)
    return kb.as_markup()


def confirm_removal(address_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("Да, удалить"), callback_data=AddressDropCb(address_id=address_id, confirm=True)
    )
    kb.button(text=_("Нет, оставить"), callback_data=AlertsCb(action=AlertsAction.ADDRESSES))
    kb.adjust(2)
    return kb.as_markup()

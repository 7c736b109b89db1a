"""Keyboards of the alerts home screen, quiet hours and the delivery of events, and the
buttons every alert screen shares (back home, ticks).
"""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.alerts.subscriptions import AlertPreferences, EventDelivery
from handlers.alerts.callbacks import QUIET_PRESETS, AlertsAction, AlertsCb, DeliveryCb, QuietCb
from handlers.alerts.texts import delivery_name, quiet_text
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.menu import MenuAction, MenuCb

TICK = "✅"
UNTICKED = "▫️"


def _go(kb: InlineKeyboardBuilder, text: str, action: AlertsAction) -> None:
    kb.button(text=text, callback_data=AlertsCb(action=action))


def back_button(kb: InlineKeyboardBuilder) -> None:
    """ "⬅️ Оповещения": back to the alerts home screen, under every alert screen."""
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)


def home() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    _go(kb, _("❓ Что отключено по моим адресам?"), AlertsAction.OFF_NOW)
    _go(kb, _("🏠 Мои адреса"), AlertsAction.ADDRESSES)
    _go(kb, _("📋 Подписки"), AlertsAction.SUBSCRIPTIONS)
    _go(kb, _("➕ Добавить адрес"), AlertsAction.ADD_ADDRESS)
    _go(kb, _("🏙 Отключения в районе"), AlertsAction.DISTRICT_OUTAGES)
    _go(kb, _("🎭 События"), AlertsAction.EVENTS)
    _go(kb, _("🌙 Тихие часы"), AlertsAction.QUIET)
    _go(kb, _("📬 Доставка событий"), AlertsAction.DELIVERY)
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(1, 2, 2, 1, 2, 1)
    return kb.as_markup()


def back_to_alerts() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    back_button(kb)
    return kb.as_markup()


def add_address_button() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    _go(kb, _("➕ Добавить адрес"), AlertsAction.ADD_ADDRESS)
    back_button(kb)
    kb.adjust(1)
    return kb.as_markup()


def quiet_presets(preferences: AlertPreferences) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for preset, hours in QUIET_PRESETS.items():
        mark = TICK if hours == preferences.quiet else UNTICKED
        name = _("Без тихих часов") if hours is None else quiet_text(hours)
        kb.button(text=f"{mark} {name}", callback_data=QuietCb(preset=preset))
    back_button(kb)
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def delivery_options(preferences: AlertPreferences) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for delivery in EventDelivery:
        mark = TICK if delivery is preferences.events else UNTICKED
        name = delivery_name(delivery)
        text = f"{mark} {name[:1].upper()}{name[1:]}"
        kb.button(text=text, callback_data=DeliveryCb(delivery=delivery))
    back_button(kb)
    kb.adjust(1)
    return kb.as_markup()

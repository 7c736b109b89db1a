"""Keyboards of the alert settings: the home screen, the address form, quiet hours, delivery."""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from domain.alerts.subscriptions import AlertPreferences, EventDelivery
from handlers.address_choice import AddressCb
from handlers.alerts.callbacks import (
    QUIET_PRESETS,
    AddressDropCb,
    AlertsAction,
    AlertsCb,
    DeliveryCb,
    KindsCb,
    KindsTarget,
    LabelCb,
    LabelPreset,
    QuietCb,
)
from handlers.alerts.texts import delivery_name, quiet_text
from handlers.menu import MenuAction, MenuCb

TICK = "✅"
UNTICKED = "▫️"


def label_names() -> dict[LabelPreset, str]:
    """The preset labels in the person's language: saved in their words, as if typed."""
    return {
        LabelPreset.HOME: _("Дом"),
        LabelPreset.WORK: _("Работа"),
        LabelPreset.PARENTS: _("Родители"),
    }


def _go(kb: InlineKeyboardBuilder, text: str, action: AlertsAction) -> None:
    kb.button(text=text, callback_data=AlertsCb(action=action))


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
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)
    return kb.as_markup()


def add_address_button() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    _go(kb, _("➕ Добавить адрес"), AlertsAction.ADD_ADDRESS)
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)
    kb.adjust(1)
    return kb.as_markup()


def label_presets() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    icons = {LabelPreset.HOME: "🏠", LabelPreset.WORK: "💼", LabelPreset.PARENTS: "👵"}
    for preset, name in label_names().items():
        kb.button(text=f"{icons[preset]} {name}", callback_data=LabelCb(preset=preset))
    _go(kb, _("✖️ Отмена"), AlertsAction.HOME)
    kb.adjust(3, 1)
    return kb.as_markup()


def confirm_address() -> InlineKeyboardMarkup:
    """The one clear match: save it, or type again (the candidate is kept in the form)."""
    kb = InlineKeyboardBuilder()
    kb.button(text=_("✅ Да, сохранить"), callback_data=AddressCb(index=0))
    kb.button(text=_("Нет — ввести заново"), callback_data=AddressCb(index=-1))
    kb.adjust(1)
    return kb.as_markup()


def followed(address_id: int, mask: int) -> InlineKeyboardMarkup:
    """Under a just-saved address: its kinds checklist (opened by a press), its removal
    (a typed address is taken as understood, without asking back), or back."""
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("⚙️ Какие отключения"),
        callback_data=KindsCb(target=KindsTarget.ADDRESS, ref=address_id, mask=mask),
    )
    kb.button(text=_("🗑 Не тот адрес"), callback_data=AddressDropCb(address_id=address_id))
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)
    kb.adjust(1)
    return kb.as_markup()


def quiet_presets(preferences: AlertPreferences) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for preset, hours in QUIET_PRESETS.items():
        mark = TICK if hours == preferences.quiet else UNTICKED
        name = _("Без тихих часов") if hours is None else quiet_text(hours)
        kb.button(text=f"{mark} {name}", callback_data=QuietCb(preset=preset))
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)
    kb.adjust(2, 2, 1)
    return kb.as_markup()


def delivery_options(preferences: AlertPreferences) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for delivery in EventDelivery:
        mark = TICK if delivery is preferences.events else UNTICKED
        name = delivery_name(delivery)
        text = f"{mark} {name[:1].upper()}{name[1:]}"
        kb.button(text=text, callback_data=DeliveryCb(delivery=delivery))
    _go(kb, _("⬅️ Оповещения"), AlertsAction.HOME)
    kb.adjust(1)
    return kb.as_markup()

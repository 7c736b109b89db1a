"""Keyboards of adding an address: preset labels, the one clear match, and what follows
a saved address.
"""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from handlers.address_choice import AddressCb
from handlers.alerts.callbacks import (
    AddressDropCb,
    AlertsAction,
    AlertsCb,
    KindsCb,
    KindsTarget,
    LabelCb,
    LabelPreset,
)
from handlers.alerts.keyboards import back_button
from handlers.keyboard_builder import InlineKeyboardBuilder


def label_names() -> dict[LabelPreset, str]:
    """The preset labels in the person's language: saved in their words, as if typed."""
    return {
        LabelPreset.HOME: _("Дом"),
        LabelPreset.WORK: _("Работа"),
        LabelPreset.PARENTS: _("Родители"),
    }


def label_presets() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    icons = {LabelPreset.HOME: "🏠", LabelPreset.WORK: "💼", LabelPreset.PARENTS: "👵"}
    for preset, name in label_names().items():
        kb.button(text=f"{icons[preset]} {name}", callback_data=LabelCb(preset=preset))
    kb.button(text=_("✖️ Отмена"), callback_data=AlertsCb(action=AlertsAction.HOME))
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
    back_button(kb)
    kb.adjust(1)
    return kb.as_markup()

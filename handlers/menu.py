"""The main menu every feature returns to, and the language picker."""

import functools
from collections.abc import Callable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.users import SUPPORTED_LOCALES
from handlers.keyboard_builder import InlineKeyboardBuilder, per_language


def menu_text() -> str:
    return _("Главное меню. Что сделаем?")


class MenuAction(StrEnum):
    REPORT = "r"
    MINE = "m"
    HELP = "h"
    ALERTS = "al"
    ART = "art"
    SETTINGS = "s"
    INFO = "i"  # the city FAQ and contacts
    ACCOUNT = "acc"  # my profile, data and consent
    HOME = "home"


class MenuCb(CallbackData, prefix="mn"):
    action: MenuAction


class LangCb(CallbackData, prefix="lg"):
    locale: str


LANGUAGE_NAMES = {"ru": "Русский", "tt": "Татарча", "en": "English"}


def main_menu() -> InlineKeyboardMarkup:
    """The same buttons for everyone who speaks a language: built once per language, since
    aiogram's builder deep-copies every button (about 1.5 ms a menu, measured)."""
    return _main_menu(get_i18n().current_locale)


@functools.cache
def _main_menu(locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("📝 Сообщить о проблеме"), callback_data=MenuCb(action=MenuAction.REPORT))
    kb.button(text=_("📋 Мои заявки"), callback_data=MenuCb(action=MenuAction.MINE))
    kb.button(text=_("🔔 Оповещения"), callback_data=MenuCb(action=MenuAction.ALERTS))
    kb.button(text=_("🎸 Арт-проспект"), callback_data=MenuCb(action=MenuAction.ART))
    kb.button(text=_("ℹ️ Справка"), callback_data=MenuCb(action=MenuAction.INFO))
    kb.button(text=_("👤 Профиль"), callback_data=MenuCb(action=MenuAction.ACCOUNT))
    kb.button(text=_("⚙️ Язык"), callback_data=MenuCb(action=MenuAction.SETTINGS))
    kb.button(text=_("❔ Помощь"), callback_data=MenuCb(action=MenuAction.HELP))
    kb.adjust(1, 1, 1, 1, 2, 2)
    return kb.as_markup()


@functools.cache
def language_picker(
    choice: Callable[[str], CallbackData] = lambda locale: LangCb(locale=locale),
) -> InlineKeyboardMarkup:
    """The person's language by default; `choice` makes the buttons set another's (a chat's)."""
    kb = InlineKeyboardBuilder()
    for locale in SUPPORTED_LOCALES:
        kb.button(text=LANGUAGE_NAMES[locale], callback_data=choice(locale))
    kb.adjust(3)
    return kb.as_markup()


@per_language
def home_button() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    return kb.as_markup()

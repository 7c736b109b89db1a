"""Keyboards as pure functions of what they show."""

import functools
from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from domain.categories import Category
from domain.requests import Request, RequestStatus
from domain.users import SUPPORTED_LOCALES
from handlers.callbacks import (
    LangCb,
    MenuAction,
    MenuCb,
    PageCb,
    RateCb,
    RequestAction,
    RequestCb,
)
from handlers.texts import STATUS_MARKS, day, shorten

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


def page_buttons(
    page: int, pages: int, to_page: Callable[[int], CallbackData]
) -> InlineKeyboardBuilder:
    """«◀️ Назад» / «Дальше ▶️» of a list shown a page at a time (pages count from 0)."""
    nav = InlineKeyboardBuilder()
    if page > 0:
        nav.button(text=_("◀️ Назад"), callback_data=to_page(page - 1))
    if page + 1 < pages:
        nav.button(text=_("Дальше ▶️"), callback_data=to_page(page + 1))
    return nav


def home_button() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    return kb.as_markup()


def open_request_button(request_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("Открыть заявку"),
        callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
    )
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def cancel_reply_keyboard(with_location: bool = False) -> ReplyKeyboardMarkup:
    rows = []
    if with_location:
        rows.append([KeyboardButton(text=_("📍 Отправить геопозицию"), request_location=True)])
    rows.append([KeyboardButton(text=_("✖️ Отмена"))])
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, one_time_keyboard=False)


def request_list(
    requests: Sequence[Request],
    categories: dict[str, Category],
    locale: str,
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for request in requests:
        assert request.id is not None
        category = categories.get(request.category)
        name = category.name(locale) if category else request.category
        label = f"{STATUS_MARKS[request.status]} {request.number} · {shorten(name, 24)}"
        kb.button(
            text=f"{label} · {day(request.created_at)}",
            callback_data=RequestCb(action=RequestAction.OPEN, request_id=request.id, page=page),
        )
    kb.adjust(1)
    nav = page_buttons(page, pages, lambda to: PageCb(page=to))
    nav.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.attach(nav)
    return kb.as_markup()


def request_card_keyboard(
    request: Request, is_author: bool, page: int, can_reopen: bool = False
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    assert request.id is not None
    sizes: list[int] = []
    if is_author and request.is_open:
        asked = request.status is RequestStatus.NEED_INFO
        label = _("💬 Ответить на вопрос") if asked else _("💬 Комментарий или фото")
        kb.button(text=label, callback_data=_act(RequestAction.COMMENT, request.id, page))
        kb.button(
            text=_("↩️ Отозвать заявку"),
            callback_data=_act(RequestAction.WITHDRAW, request.id, page),
        )
        sizes += [1, 1]
    if is_author and request.status is RequestStatus.RESOLVED:
        for stars in range(1, 6):
            mark = "★" if request.rating is not None and stars <= request.rating else "☆"
            kb.button(
                text=f"{mark}{stars}", callback_data=RateCb(request_id=request.id, stars=stars)
            )
        sizes.append(5)
        if can_reopen:
            kb.button(
                text=_("🔄 Проблема осталась"),
                callback_data=_act(RequestAction.REOPEN, request.id, page),
            )
            sizes.append(1)
    kb.button(text=_("📋 К списку"), callback_data=PageCb(page=page))
    kb.adjust(*sizes, 1)
    return kb.as_markup()


def _act(action: RequestAction, request_id: int, page: int) -> RequestCb:
    return RequestCb(action=action, request_id=request_id, page=page)


def withdraw_confirm(request_id: int, page: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("Да, отозвать"),
        callback_data=RequestCb(
            action=RequestAction.WITHDRAW_CONFIRM, request_id=request_id, page=page
        ),
    )
    kb.button(
        text=_("Нет, оставить"),
        callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id, page=page),
    )
    kb.adjust(2)
    return kb.as_markup()

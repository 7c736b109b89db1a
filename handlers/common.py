"""What every feature's screens share: dates as people read them, lengths as Telegram counts
them, list paging, the cancel keyboard and the answer to a button that no longer applies."""

from collections.abc import Callable
from datetime import datetime

from aiogram.filters.callback_data import CallbackData
from aiogram.types import KeyboardButton, ReplyKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from domain.clock import to_city_time
from handlers.keyboard_builder import InlineKeyboardBuilder, per_language

MESSAGE_LIMIT = 4096


def stale_button_text() -> str:
    """A button from an old message that no longer applies: the way back is the menu."""
    return _("Эта кнопка устарела. Откройте меню: /menu")


def when(at: datetime) -> str:
    return to_city_time(at).strftime("%d.%m.%Y %H:%M")


def day(at: datetime) -> str:
    return to_city_time(at).strftime("%d.%m.%Y")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def telegram_length(text: str) -> int:
    """A text's length as Telegram counts its limits: in UTF-16 code units (an emoji is 2)."""
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> str:
    """`text`, shortened with "…" until Telegram counts at most `limit` for it."""
    if telegram_length(text) <= limit:
        return text
    cut = min(len(text), limit)
    while cut > 0 and telegram_length(text[:cut]) + 1 > limit:
        cut -= 1
    return text[:cut].rstrip() + "…"


def distance_text(metres: float) -> str:
    """ "350 м", "1,4 км": rounded as people say distances (the decimal comma per language)."""
    if metres < 1000:
        return _("{metres} м").format(metres=round(metres / 10) * 10)
    km = format_decimal(metres / 1000, format="0.0", locale=get_i18n().current_locale)
    return _("{km} км").format(km=km)


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


@per_language
def cancel_reply_keyboard(with_location: bool = False) -> ReplyKeyboardMarkup:
    rows = []
    if with_location:
        rows.append([KeyboardButton(text=_("📍 Отправить геопозицию"), request_location=True)])
    rows.append([KeyboardButton(text=_("✖️ Отмена"))])
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, one_time_keyboard=False)

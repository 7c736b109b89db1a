"""Keyboards of the report form."""

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.categories import Category
from domain.requests import Request
from handlers.keyboard_builder import InlineKeyboardBuilder, per_language
from handlers.reports.callbacks import (
    CategoryCb,
    JoinCb,
    OutageOfferAction,
    OutageOfferCb,
    PhotosAction,
    PhotosCb,
    SummaryAction,
    SummaryCb,
)


def categories(items: Sequence[Category], locale: str) -> InlineKeyboardMarkup:
    return _categories(tuple(items), locale)


@per_language
def _categories(items: tuple[Category, ...], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for category in items:
        kb.button(text=category.name(locale), callback_data=CategoryCb(code=category.code))
    kb.adjust(2)
    return kb.as_markup()


@per_language
def photos(has_photos: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if has_photos:
        kb.button(text=_("Готово"), callback_data=PhotosCb(action=PhotosAction.DONE))
    else:
        kb.button(text=_("Пропустить"), callback_data=PhotosCb(action=PhotosAction.SKIP))
    return kb.as_markup()


@per_language
def summary() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("✅ Отправить"), callback_data=SummaryCb(action=SummaryAction.SUBMIT))
    kb.button(text=_("✏️ Категория"), callback_data=SummaryCb(action=SummaryAction.EDIT_CATEGORY))
    kb.button(text=_("✏️ Место"), callback_data=SummaryCb(action=SummaryAction.EDIT_PLACE))
    kb.button(text=_("✏️ Фото"), callback_data=SummaryCb(action=SummaryAction.EDIT_PHOTOS))
    kb.button(text=_("✏️ Описание"), callback_data=SummaryCb(action=SummaryAction.EDIT_DESCRIPTION))
    kb.button(text=_("✖️ Отменить"), callback_data=SummaryCb(action=SummaryAction.CANCEL))
    kb.adjust(1, 2, 2, 1)
    return kb.as_markup()


def similar(requests: Sequence[Request]) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for request in requests:
        assert request.id is not None
        kb.button(
            text=_("Присоединиться к {number}").format(number=request.number),
            callback_data=JoinCb(request_id=request.id),
        )
    kb.button(
        text=_("Всё равно отправить свою"),
        callback_data=SummaryCb(action=SummaryAction.SUBMIT_ANYWAY),
    )
    kb.button(text=_("✖️ Отменить"), callback_data=SummaryCb(action=SummaryAction.CANCEL))
    kb.adjust(1)
    return kb.as_markup()


@per_language
def outage_offer() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("🔔 Сообщить, когда дадут"),
        callback_data=OutageOfferCb(action=OutageOfferAction.FOLLOW),
    )
    kb.button(
        text=_("Всё равно отправить заявку"),
        callback_data=OutageOfferCb(action=OutageOfferAction.FILE_ANYWAY),
    )
    kb.adjust(1)
    return kb.as_markup()

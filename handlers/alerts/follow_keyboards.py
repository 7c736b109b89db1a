"""Checklists of outage kinds and event categories, and the choice of a district."""

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.districts import District
from handlers.alerts.callbacks import (
    CITY_WIDE,
    DistrictPickCb,
    EventPlaceCb,
    EventsCb,
    KindsCb,
    KindsTarget,
    bit_of,
)
from handlers.alerts.keyboards import TICK, UNTICKED, back_button
from handlers.alerts.texts import EVENT_MARKS, OUTAGE_MARKS, event_category_name, outage_kind_name
from handlers.keyboard_builder import InlineKeyboardBuilder


def kinds_checklist(target: KindsTarget, ref: int, mask: int) -> InlineKeyboardMarkup:
    """Each kind toggles its tick (the button carries the mask it leads to)."""
    kb = InlineKeyboardBuilder()
    for kind in OutageKind:
        mark = TICK if mask & bit_of(kind) else UNTICKED
        kb.button(
            text=f"{mark} {OUTAGE_MARKS[kind]} {outage_kind_name(kind)}",
            callback_data=KindsCb(target=target, ref=ref, mask=mask ^ bit_of(kind)),
        )
    kb.button(
        text=_("💾 Сохранить"), callback_data=KindsCb(target=target, ref=ref, mask=mask, save=True)
    )
    back_button(kb)
    kb.adjust(2, 2, 1, 1, 1)
    return kb.as_markup()


def districts_for_outages(districts: Sequence[District], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for index, district in enumerate(districts):
        kb.button(text=district.name(locale), callback_data=DistrictPickCb(index=index))
    back_button(kb)
    kb.adjust(*([2] * ((len(districts) + 1) // 2)), 1)
    return kb.as_markup()


def events_checklist(mask: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for category in EventCategory:
        mark = TICK if mask & bit_of(category) else UNTICKED
        kb.button(
            text=f"{mark} {EVENT_MARKS[category]} {event_category_name(category)}",
            callback_data=EventsCb(mask=mask ^ bit_of(category)),
        )
    kb.button(text=_("Дальше: где? ▶️"), callback_data=EventsCb(mask=mask, done=True))
    back_button(kb)
    kb.adjust(2, 2, 2, 1, 1, 1)
    return kb.as_markup()


def event_places(mask: int, districts: Sequence[District], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("🏙 Весь город"), callback_data=EventPlaceCb(mask=mask, index=CITY_WIDE))
    for index, district in enumerate(districts):
        kb.button(text=district.name(locale), callback_data=EventPlaceCb(mask=mask, index=index))
    kb.button(text=_("◀️ Категории"), callback_data=EventsCb(mask=mask))
    kb.adjust(1, *([2] * ((len(districts) + 1) // 2)), 1)
    return kb.as_markup()

"""Keyboards of Art-prospect booking, as pure functions of what they show."""

from collections.abc import Sequence
from datetime import date

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer, PerformerStatus
from domain.booking.sites import Site, Slot
from domain.districts import DistrictDirectory
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking.callbacks import (
    BrowseAction,
    BrowseCb,
    CalendarCb,
    DayCb,
    SiteCb,
    SlotAction,
    SlotCb,
    TodayCb,
    TodayScope,
    to_unix,
)
from handlers.booking.texts import slot_time
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.menu import MenuAction, MenuCb


def home(performer: Performer | None, bookable: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    if performer is None:
        kb.button(text=_("Стать исполнителем"), callback_data=ArtCb(action=ArtAction.REGISTER))
    elif performer.status is PerformerStatus.DECLINED:
        kb.button(text=_("Изменить анкету"), callback_data=ArtCb(action=ArtAction.REGISTER))
    elif performer.status is PerformerStatus.PENDING:
        kb.button(text=_("Моя анкета"), callback_data=ArtCb(action=ArtAction.PROFILE))
    else:
        if bookable:
            kb.button(
                text=_("Забронировать площадку"), callback_data=ArtCb(action=ArtAction.BROWSE)
            )
        kb.button(text=_("Мои брони"), callback_data=ArtCb(action=ArtAction.MINE))
        kb.button(text=_("Моя анкета"), callback_data=ArtCb(action=ArtAction.PROFILE))
    kb.button(text=_("Кто выступает сегодня"), callback_data=ArtCb(action=ArtAction.TODAY))
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def sites(labelled: Sequence[tuple[int, str]], near: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for site_id, label in labelled:
        kb.button(text=label, callback_data=SiteCb(site_id=site_id))
    if not near:
        kb.button(text=_("📍 Рядом со мной"), callback_data=BrowseCb(action=BrowseAction.NEAR))
    else:
        kb.button(text=_("🔤 Все по списку"), callback_data=ArtCb(action=ArtAction.BROWSE))
    kb.button(text=_("⬅️ Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def site_card(site_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("📅 Выбрать дату"), callback_data=CalendarCb(site_id=site_id))
    kb.button(text=_("⬅️ К площадкам"), callback_data=ArtCb(action=ArtAction.BROWSE))
    kb.adjust(1)
    return kb.as_markup()


def day_slots(
    site: Site,
    free: Sequence[Slot],
    taken: Sequence[Slot],
    waited: set[int],
    calendar_page: int,
) -> InlineKeyboardMarkup:
    """Every bookable slot in time order: free to book, taken to wait for (or to stop
    waiting for, when the performer already is in line)."""
    assert site.id is not None
    kb = InlineKeyboardBuilder()
    free_starts = {slot.starts_at for slot in free}
    for slot in sorted([*free, *taken], key=lambda s: s.starts_at):
        at, span = to_unix(slot.starts_at), slot_time(slot.starts_at, slot.ends_at)
        if slot.starts_at in free_starts:
            action, label = SlotAction.PICK, span
        elif at in waited:
            action, label = (
                SlotAction.LEAVE,
                _("⏳ {time} — вы в очереди, выйти").format(time=span),
            )
        else:
            action, label = SlotAction.WAIT, _("{time} занято — в лист ожидания").format(time=span)
        kb.button(text=label, callback_data=SlotCb(action=action, site_id=site.id, at=at))
    kb.button(text=_("⬅️ Календарь"), callback_data=CalendarCb(site_id=site.id, page=calendar_page))
    kb.adjust(1)
    return kb.as_markup()


def confirm(slot: Slot, day: date, can_book: bool = True) -> InlineKeyboardMarkup:
    """`can_book=False` after a refusal: the ways on, not the same button again."""
    kb = InlineKeyboardBuilder()
    at = to_unix(slot.starts_at)
    if can_book:
        kb.button(
            text=_("✅ Забронировать"),
            callback_data=SlotCb(action=SlotAction.BOOK, site_id=slot.site_id, at=at),
        )
    kb.button(
        text=_("⬅️ Другое время"),
        callback_data=DayCb(site_id=slot.site_id, day=day.toordinal()),
    )
    if not can_book:
        kb.button(text=_("Мои брони"), callback_data=ArtCb(action=ArtAction.MINE))
        kb.button(text=_("⬅️ Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def after_booking(site_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("Мои брони"), callback_data=ArtCb(action=ArtAction.MINE))
    kb.button(text=_("📅 Другая дата"), callback_data=CalendarCb(site_id=site_id))
    kb.button(text=_("⬅️ Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def waiting(slot: Slot, day: date) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    at = to_unix(slot.starts_at)
    kb.button(
        text=_("Выйти из очереди"),
        callback_data=SlotCb(action=SlotAction.LEAVE, site_id=slot.site_id, at=at),
    )
    kb.button(
        text=_("⬅️ Другое время"),
        callback_data=DayCb(site_id=slot.site_id, day=day.toordinal()),
    )
    kb.button(text=_("Мои брони"), callback_data=ArtCb(action=ArtAction.MINE))
    kb.adjust(1)
    return kb.as_markup()


def today_picker(districts: DistrictDirectory, locale: str) -> InlineKeyboardMarkup:
    """Who is performing today: near me, each district, the whole city."""
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=_("📍 Рядом со мной"), callback_data=TodayCb(scope=TodayScope.NEAR))
    for index, name in enumerate(sorted(districts.names())):
        keyboard.button(
            text=districts.name(name, locale),
            callback_data=TodayCb(scope=TodayScope.DISTRICT, district=index),
        )
    keyboard.button(text=_("🏙 Весь город"), callback_data=TodayCb(scope=TodayScope.ALL))
    keyboard.button(text=_("🎭 Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    keyboard.adjust(1, 2)
    return keyboard.as_markup()

"""The words every alert text shares (called inside the reader's i18n context): kinds
and categories, times, places, quiet hours and the delivery of events.
"""

from collections.abc import Callable
from datetime import datetime, time, timedelta
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.address.english import english_label
from domain.alerts.events import EventCategory
from domain.alerts.outages import Outage, OutageKind
from domain.alerts.subscriptions import EventDelivery, QuietHours, SavedAddress, parse_topic
from domain.clock import to_city_time
from domain.districts import DistrictDirectory

DistrictName = Callable[[str], str]  # a district's Russian key → its name in the person's language

OUTAGE_MARKS = {
    OutageKind.COLD_WATER: "🚱",
    OutageKind.HOT_WATER: "♨️",
    OutageKind.ELECTRICITY: "💡",
    OutageKind.HEATING: "🌡",
    OutageKind.GAS: "🔥",
}
EVENT_MARKS = {
    EventCategory.CONCERTS: "🎵",
    EventCategory.EXHIBITIONS: "🖼",
    EventCategory.THEATRE: "🎭",
    EventCategory.SPORT: "⚽",
    EventCategory.FESTIVALS: "🎪",
    EventCategory.CHILDREN: "🧸",
    EventCategory.HOLIDAYS: "🎉",
}


def outage_kind_name(kind: OutageKind) -> str:
    names = {
        OutageKind.COLD_WATER: _("Холодная вода"),
        OutageKind.HOT_WATER: _("Горячая вода"),
        OutageKind.ELECTRICITY: _("Электричество"),
        OutageKind.HEATING: _("Отопление"),
        OutageKind.GAS: _("Газ"),
    }
    return names[kind]


def event_category_name(category: EventCategory) -> str:
    names = {
        EventCategory.CONCERTS: _("Концерты"),
        EventCategory.EXHIBITIONS: _("Выставки"),
        EventCategory.THEATRE: _("Театр"),
        EventCategory.SPORT: _("Спорт"),
        EventCategory.FESTIVALS: _("Фестивали"),
        EventCategory.CHILDREN: _("Детям"),
        EventCategory.HOLIDAYS: _("Городские праздники"),
    }
    return names[category]


def topic_name(subject: OutageKind | EventCategory) -> str:
    if isinstance(subject, OutageKind):
        return outage_kind_name(subject)
    return event_category_name(subject)


def topic_label(topic: str) -> str:
    """ "🚰 Холодная вода" for "outage:cold_water", "🎵 Концерты" for "event:concerts"."""
    subject = parse_topic(topic)
    if isinstance(subject, OutageKind):
        return f"{OUTAGE_MARKS[subject]} {outage_kind_name(subject)}"
    return f"{EVENT_MARKS[subject]} {event_category_name(subject)}"


def day_word(at: datetime, now: datetime) -> str:
    """ "сегодня", "завтра" or "05.12": relative to when the message is read (Kazan time)."""
    day, today = to_city_time(at).date(), to_city_time(now).date()
    if day == today:
        return _("сегодня")
    if day == today + timedelta(days=1):
        return _("завтра")
    return day.strftime("%d.%m")


def day_word_and_time(at: datetime, now: datetime) -> str:
    """ "сегодня 10:00", "завтра 10:00", "05.12 10:00"."""
    return f"{day_word(at, now)} {to_city_time(at).strftime('%H:%M')}"


def end_text(outage: Outage, now: datetime) -> str:
    if outage.ends_at is None:
        return _("срок не объявлен")
    return _("окончание: {moment}").format(moment=day_word_and_time(outage.ends_at, now))


def span(start: datetime, end: datetime, now: datetime) -> str:
    """ "завтра 09:00–17:00" within a day, "05.12 09:00 – 06.12 17:00" across days."""
    first = day_word_and_time(start, now)
    if to_city_time(start).date() == to_city_time(end).date():
        return f"{first}–{to_city_time(end).strftime('%H:%M')}"
    return f"{first} – {day_word_and_time(end, now)}"


def hour_minute(at: time) -> str:
    return at.strftime("%H:%M")


def quiet_text(quiet: QuietHours | None) -> str:
    if quiet is None:
        return _("выключены")
    return f"{hour_minute(quiet.start)}–{hour_minute(quiet.end)}"


def delivery_name(delivery: EventDelivery) -> str:
    names = {
        EventDelivery.INSTANT: _("сразу, как событие объявлено"),
        EventDelivery.DAILY: _("сводкой каждый день в 09:30"),
        EventDelivery.WEEKLY: _("сводкой по понедельникам в 09:30"),
    }
    return names[delivery]


def district_namer(districts: DistrictDirectory, locale: str) -> DistrictName:
    """A district's stored (Russian) name → its name in the person's language."""
    return lambda name: districts.name(name, locale)


def district_text(name: str) -> str:
    # Tatar and English names already say "district"; only Russian needs the word.
    return _("{district} район").format(district=name)


def place_text(address: SavedAddress, district_name: DistrictName) -> str:
    """ "ул. Баумана, 15 (Вахитовский район)", escaped for HTML; an English reader gets
    "Baumana St (ул. Баумана), 15 (Vakhitovsky City District)"."""
    text = address.text
    place = escape(english_label(text) if get_i18n().current_locale == "en" else text)
    if address.district:
        place += f" ({escape(district_text(district_name(address.district)))})"
    return place


def address_text(address: SavedAddress, district_name: DistrictName) -> str:
    """ "<b>Дом</b> — ул. Баумана, 15 (Вахитовский район)": the person's words escaped."""
    return f"<b>{escape(address.label)}</b> — {place_text(address, district_name)}"


def stale() -> str:
    return _("Эта кнопка устарела. Откройте «🔔 Оповещения» заново.")

"""Names and formatters of alert settings: kinds, categories, quiet hours, outage lines."""

from collections.abc import Callable, Mapping
from datetime import datetime, time
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.alerts.outages import Outage, OutageKind
from domain.alerts.subscriptions import (
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    Subscription,
    parse_topic,
)
from domain.clock import to_city_time
from handlers.alert_texts import (
    EVENT_MARKS,
    OUTAGE_MARKS,
    end_text,
    event_category_name,
    moment,
    outage_kind_name,
)
from handlers.common import shorten

DistrictName = Callable[[str], str]  # a district's Russian key → its name in the person's language
DESCRIPTION_ROOM = 160  # one outage stays one or two lines: ten addresses fit one message

# The names and marks of kinds and categories are shared with the alerts themselves.
kind_name = outage_kind_name
category_name = event_category_name
KIND_ICONS = OUTAGE_MARKS
CATEGORY_ICONS = EVENT_MARKS


def topic_label(topic: str) -> str:
    """ "🚰 Холодная вода" for "outage:cold_water", "🎵 Концерты" for "event:concerts"."""
    subject = parse_topic(topic)
    if isinstance(subject, OutageKind):
        return f"{KIND_ICONS[subject]} {kind_name(subject)}"
    return f"{CATEGORY_ICONS[subject]} {category_name(subject)}"


def clock_time(at: time) -> str:
    return at.strftime("%H:%M")


def quiet_text(quiet: QuietHours | None) -> str:
    if quiet is None:
        return _("выключены")
    return f"{clock_time(quiet.start)}–{clock_time(quiet.end)}"


def delivery_name(delivery: EventDelivery) -> str:
    names = {
        EventDelivery.INSTANT: _("сразу, как событие объявлено"),
        EventDelivery.DAILY: _("сводкой каждый день в 09:30"),
        EventDelivery.WEEKLY: _("сводкой по понедельникам в 09:30"),
    }
    return names[delivery]


def district_text(name: str) -> str:
    # Tatar and English names already say "district"; only Russian needs the word.
    return _("{district} район").format(district=name)


def place_text(address: SavedAddress, district_name: DistrictName) -> str:
    """ "ул. Баумана, 15 (Вахитовский район)", escaped for HTML."""
    place = escape(address.text)
    if address.district:
        place += f" ({escape(district_text(district_name(address.district)))})"
    return place


def address_text(address: SavedAddress, district_name: DistrictName) -> str:
    """ "<b>Дом</b> — ул. Баумана, 15 (Вахитовский район)": the person's words escaped."""
    return f"<b>{escape(address.label)}</b> — {place_text(address, district_name)}"


def where_text(
    subscription: Subscription, addresses: Mapping[int, SavedAddress], district_name: DistrictName
) -> str:
    """Plain text (an address's label is the person's words: escape it for HTML)."""
    if subscription.scope is Scope.ADDRESS and subscription.address_id is not None:
        address = addresses.get(subscription.address_id)
        return address.label if address is not None else "—"
    if subscription.scope is Scope.DISTRICT and subscription.district is not None:
        return district_text(district_name(subscription.district))
    return _("весь город")


def subscription_line(
    subscription: Subscription, addresses: Mapping[int, SavedAddress], district_name: DistrictName
) -> str:
    """ "🚰 Холодная вода — Дом", plain text: fit for a button; escape it for a message."""
    where = where_text(subscription, addresses, district_name)
    return f"{topic_label(subscription.topic)} — {where}"


def span(start: datetime, end: datetime, now: datetime) -> str:
    """ "завтра 09:00–17:00" within a day, "05.12 09:00 – 06.12 17:00" across days."""
    first = moment(start, now)
    if to_city_time(start).date() == to_city_time(end).date():
        return f"{first}–{to_city_time(end).strftime('%H:%M')}"
    return f"{first} – {moment(end, now)}"


def outage_line(outage: Outage, now: datetime) -> str:
    """ "• 🚱 Холодная вода (авария) — начало: сегодня 09:00; срок не объявлен. Авария…";
    a planned one with a known end as a span: "• 🌡 Отопление — завтра 09:00–17:00"."""
    name = f"{KIND_ICONS[outage.kind]} {kind_name(outage.kind)}"
    if outage.emergency:
        name += " " + _("(авария)")
    if outage.ends_at is not None and not outage.current(now):
        period = span(outage.starts_at, outage.ends_at, now)
    else:
        # The same wording of times as the alerts themselves (handlers/alert_texts.py).
        period = _("начало: {start}; {end}").format(
            start=moment(outage.starts_at, now), end=end_text(outage, now)
        )
    line = f"• {name} — {period}"
    if outage.description:
        line += f". {escape(shorten(outage.description, DESCRIPTION_ROOM))}"
    return line

"""Texts of outage and event alerts as sent (called inside the recipient's i18n context).

Every text a source wrote (descriptions, titles, places, prices) is escaped here, and the
free-form parts are shortened so that a whole alert stays under Telegram's 4096 characters.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape

from aiogram import html
from aiogram.utils.i18n import gettext as _

from domain.alerts.events import CityEvent
from domain.alerts.outages import Outage, OutageKind, StreetSpan
from domain.clock import to_city_time
from handlers.alerts.texts import (
    EVENT_MARKS,
    OUTAGE_MARKS,
    day_word,
    end_text,
    moment,
    outage_kind_name,
)

MAX_DESCRIPTION = 1500  # an outage notice or an event's blurb; the rest is at the source
MAX_EVENT_DESCRIPTION = 600
MAX_STREETS = 3  # more than a few streets is read as "a big area": the count says it
MAX_PLACE = 120  # also one street's houses, and a saved address
MAX_LABEL = 40
MAX_LINK = 500  # a longer link is a tracking monster: the title goes without it
MESSAGE_BUDGET = 4000  # Telegram's 4096, with room for the digest's "and more" line


def quoted(text: str, limit: int) -> str:
    """Escaped for HTML and at most `limit` characters so (an entity is never cut in two):
    "<" grows fourfold when escaped, so shortening first is not enough."""
    pieces: list[str] = []
    size = 0
    for char in text:
        piece = html.quote(char)
        if size + len(piece) > limit - 1:
            return "".join(pieces).rstrip() + "…"
        pieces.append(piece)
        size += len(piece)
    return "".join(pieces)


def restored_title(kind: OutageKind) -> str:
    # One whole sentence per kind: the participle agrees with the noun in Russian.
    titles = {
        OutageKind.COLD_WATER: _("Холодная вода восстановлена"),
        OutageKind.HOT_WATER: _("Горячая вода восстановлена"),
        OutageKind.ELECTRICITY: _("Электричество восстановлено"),
        OutageKind.HEATING: _("Отопление восстановлено"),
        OutageKind.GAS: _("Газ восстановлен"),
    }
    return titles[kind]


def span_text(span: StreetSpan, street: str) -> str:
    houses = [f"{r.first}–{r.last}" for r in span.ranges] + list(span.houses)
    return f"{street}, {', '.join(houses)}" if houses else street


def area_text(
    outage: Outage,
    district_name: Callable[[str], str],
    street_label: Callable[[int], str],
    address: tuple[str, str] | None,
) -> str:
    """The resident's own address when one matched, else the districts and first streets."""
    if address is not None:
        label, text = address
        return _("📍 {label}: {address}").format(
            label=quoted(label, MAX_LABEL), address=quoted(text, MAX_PLACE)
        )
    district = _("{district} район")
    parts = [district.format(district=district_name(d)) for d in outage.area.districts]
    spans = outage.area.streets
    parts += [span_text(span, street_label(span.street_id)) for span in spans[:MAX_STREETS]]
    line = "; ".join(quoted(part, MAX_PLACE) for part in parts)
    if len(spans) > MAX_STREETS:
        line += " " + _("(ещё улиц: {count})").format(count=len(spans) - MAX_STREETS)
    return "📍 " + line


def outage_details(outage: Outage) -> list[str]:
    lines = []
    if outage.description:
        lines.append(quoted(outage.description, MAX_DESCRIPTION))
    lines.append(_("Источник: {source}").format(source=quoted(outage.source, 100)))
    return lines


def outage_heading(outage: Outage) -> str:
    mark, name = OUTAGE_MARKS[outage.kind], outage_kind_name(outage.kind)
    if outage.emergency:
        return _("{mark} <b>Аварийное отключение: {kind}</b>").format(mark=mark, kind=name)
    return _("{mark} <b>Плановое отключение: {kind}</b>").format(mark=mark, kind=name)


def outage_period(outage: Outage, now: datetime) -> str:
    return _("🕒 Начало: {start}; {end}").format(
        start=moment(outage.starts_at, now), end=end_text(outage, now)
    )


def new_end(outage: Outage, now: datetime) -> str:
    if outage.ends_at is None:
        return _("Новый срок: не объявлен")
    return _("Новый срок: {moment}").format(moment=moment(outage.ends_at, now))


def rescheduled(outage: Outage) -> str:
    return _("📅 {mark} <b>Отключение перенесено: {kind}</b>").format(
        mark=OUTAGE_MARKS[outage.kind], kind=outage_kind_name(outage.kind)
    )


def reminder(outage: Outage, now: datetime, hour_before: bool) -> str:
    mark, name = OUTAGE_MARKS[outage.kind], outage_kind_name(outage.kind)
    day, start = day_word(outage.starts_at, now), to_city_time(outage.starts_at)
    if hour_before:
        text = _("⏰ {mark} Через час, в {time}, — плановое отключение: {kind}; {end}")
    else:
        text = _("⏰ {mark} Напоминаем: {day} с {time} — плановое отключение: {kind}; {end}")
    end = end_text(outage, now)
    return text.format(mark=mark, day=day, time=start.strftime("%H:%M"), kind=name, end=end)


def cancelled(outage: Outage, now: datetime) -> str:
    return _("❎ <b>Отключение отменено: {kind}</b> (было назначено на {start})").format(
        kind=outage_kind_name(outage.kind), start=moment(outage.starts_at, now)
    )


def restored(outage: Outage) -> str:
    return "✅ <b>" + restored_title(outage.kind) + "</b>"


def event_price(event: CityEvent) -> str | None:
    if event.free:
        return _("бесплатно")
    return quoted(event.price, 40) if event.price else None


def event_title(event: CityEvent, limit: int = 200) -> str:
    title = quoted(event.title, limit)
    if event.link and len(event.link) <= MAX_LINK:
        # aiogram's quote leaves '"' alone: the attribute needs the stdlib's full escape.
        return f'<a href="{escape(event.link, quote=True)}">{title}</a>'
    return title


def event_when(event: CityEvent, now: datetime) -> str:
    start = moment(event.starts_at, now)
    if event.ends_at is None:
        return start
    return f"{start} – {moment(event.ends_at, now)}"


def event_card(event: CityEvent, now: datetime, district: str | None) -> str:
    place = quoted(event.place, MAX_PLACE)
    if district:
        place += f" ({quoted(district, MAX_LABEL)})"
    lines = [
        f"{EVENT_MARKS[event.category]} <b>{event_title(event)}</b>",
        _("📅 {when}").format(when=event_when(event, now)),
        _("📍 {place}").format(place=place),
    ]
    if (price := event_price(event)) is not None:
        lines.append(_("🎟 {price}").format(price=price))
    if event.description:
        lines += ["", quoted(event.description, MAX_EVENT_DESCRIPTION)]
    return "\n".join(lines)


def event_cancelled(event: CityEvent, now: datetime) -> str:
    return _("❌ <b>Отменено:</b> {title} ({when})").format(
        title=event_title(event), when=moment(event.starts_at, now)
    )


def digest(events: Sequence[CityEvent], weekly: bool) -> str:
    heading = _("🗓 <b>Новое в афише за неделю</b>") if weekly else _("🗓 <b>Новое в афише</b>")
    lines = [heading, ""]
    size = len(heading)
    for shown, event in enumerate(events):
        line = digest_line(event)
        if size + len(line) + 1 > MESSAGE_BUDGET:  # long links: the rest would not fit
            lines.append(_("…и ещё событий: {count}").format(count=len(events) - shown))
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def digest_line(event: CityEvent) -> str:
    local = to_city_time(event.starts_at).strftime("%d.%m %H:%M")
    line = f"• {local} — {event_title(event, 120)}, {quoted(event.place, 60)}"
    if (price := event_price(event)) is not None:
        line += f", {price}"
    return line


def unsubscribe_button(name: str) -> str:
    return _("🔕 Отписаться от «{kind}»").format(kind=name)


def what_else_button() -> str:
    return _("Что ещё отключено?")


def unsubscribed(name: str) -> str:
    return _("Вы отписались от «{kind}»").format(kind=name)


def already_unsubscribed() -> str:
    return _("Подписки уже нет")

"""Texts of event alerts as sent: one event's card, its cancellation, and the digest."""

from collections.abc import Sequence
from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.alerts.events import CityEvent
from domain.clock import to_city_time
from handlers.alerts.notice_texts import MAX_LABEL, MAX_PLACE, quoted
from handlers.alerts.texts import EVENT_MARKS, day_word_and_time

MAX_EVENT_DESCRIPTION = 600
MAX_LINK = 500  # a longer link is a tracking monster: the title goes without it
MESSAGE_BUDGET = 4000  # Telegram's 4096, with room for the digest's "and more" line


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
    start = day_word_and_time(event.starts_at, now)
    if event.ends_at is None:
        return start
    return f"{start} – {day_word_and_time(event.ends_at, now)}"


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
        title=event_title(event), when=day_word_and_time(event.starts_at, now)
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

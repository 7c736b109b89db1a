"""Texts of outage alerts as sent: announced, moved, reminded of, cancelled, restored."""

from collections.abc import Callable
from datetime import datetime

from aiogram.utils.i18n import gettext as _

from domain.alerts.outages import Outage, OutageKind, StreetSpan
from domain.clock import to_city_time
from domain.services.crowd import RESIDENTS_SOURCE
from handlers.alerts.notice_texts import MAX_LABEL, MAX_PLACE, quoted
from handlers.alerts.texts import (
    OUTAGE_MARKS,
    day_word,
    day_word_and_time,
    end_text,
    outage_kind_name,
)

MAX_DESCRIPTION = 1500  # an outage notice's own words; the rest is at the source
MAX_STREETS = 3  # more than a few streets is read as "a big area": the count says it


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
    lines.append(_("Источник: {source}").format(source=source_name(outage.source)))
    return lines


def source_name(source: str) -> str:
    """A publisher's own name as it signed; an outage staff confirmed from residents' reports
    carries an internal code, which a resident must not see as is."""
    if source == RESIDENTS_SOURCE:
        return _("сообщения жителей")
    return quoted(source, 100)


def outage_heading(outage: Outage) -> str:
    mark, name = OUTAGE_MARKS[outage.kind], outage_kind_name(outage.kind)
    if outage.emergency:
        return _("{mark} <b>Аварийное отключение: {kind}</b>").format(mark=mark, kind=name)
    return _("{mark} <b>Плановое отключение: {kind}</b>").format(mark=mark, kind=name)


def outage_period(outage: Outage, now: datetime) -> str:
    return _("🕒 Начало: {start}; {end}").format(
        start=day_word_and_time(outage.starts_at, now), end=end_text(outage, now)
    )


def new_end(outage: Outage, now: datetime) -> str:
    if outage.ends_at is None:
        return _("Новый срок: не объявлен")
    return _("Новый срок: {moment}").format(moment=day_word_and_time(outage.ends_at, now))


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
        kind=outage_kind_name(outage.kind), start=day_word_and_time(outage.starts_at, now)
    )


def restored(outage: Outage) -> str:
    return "✅ <b>" + restored_title(outage.kind) + "</b>"

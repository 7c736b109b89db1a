"""The figures as the staff chat reads them: `/stats` and the weekly report.

A department shows by its name in the chat's language (`departments_label`, from the
departments read once per render); a code no department has any more shows as itself, and
requests not routed as «без отдела».
"""

from collections.abc import Callable, Iterable
from datetime import timedelta
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from domain.departments import Department
from domain.figures import Dimension, FigureCounts, Figures, Key
from domain.figures_period import Period
from domain.requests import RequestChannel
from domain.services.figures_report import FiguresReport
from handlers.common import MESSAGE_LIMIT, day, shorten, telegram_length

Label = Callable[[str | None], str]
NAME_LIMIT = 40
SLICE_LINES = (12, 8, 5, 3, 2)  # lines per section tried in turn, until the text fits


def department_label(code: str | None) -> str:
    """By its code: what a department shows as when its name is not known."""
    return code if code is not None else _("без отдела")


def departments_label(departments: Iterable[Department], locale: str) -> Label:
    """Departments by their names in `locale`, read once for the whole text or chart."""
    names = {department.code: department.name(locale) for department in departments}

    def label(code: str | None) -> str:
        if code is not None and code in names:
            return names[code]
        return department_label(code)

    return label


def channel_label(channel: RequestChannel) -> str:
    names = {
        RequestChannel.BOT: _("бот"),
        RequestChannel.PHONE: _("телефон"),
        RequestChannel.CITY_SYSTEM: _("городские системы"),
        RequestChannel.OPEN311: _("Open311"),
    }
    return names[channel]


def period_text(period: Period) -> str:
    last_day = period.end - timedelta(microseconds=1)
    return f"{day(period.start)}–{day(last_day)}"


def duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = round(value.total_seconds() / 60)
    if minutes < 60:
        return _("{minutes} мин").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return _("{hours} ч {minutes} мин").format(hours=hours, minutes=minutes)
    return _("{days} дн {hours} ч").format(days=hours // 24, hours=hours % 24)


def share(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def rating(counts: FigureCounts) -> str:
    if counts.average_rating is None:
        return "—"
    return _("{rating} (оценок: {rated})").format(
        rating=_decimal(counts.average_rating), rated=counts.rated
    )


def summary_lines(figures: Figures) -> list[str]:
    """The figures of the whole scope, one per line."""
    c = figures.counts
    return [
        _("Получено: {received} (дубликатов {duplicates}, отозвано {withdrawn})").format(
            received=c.received, duplicates=c.duplicates, withdrawn=c.withdrawn
        ),
        _("Взято в работу: {taken}").format(taken=c.taken),
        _("Решено: {resolved}, в срок: {share}").format(
            resolved=c.resolved, share=share(c.on_time_share)
        ),
        _("Медиана первого ответа: {median}").format(
            median=duration(figures.median_first_response)
        ),
        _("Просрочено сейчас: {overdue}").format(overdue=c.overdue_now),
        _("Переоткрыто: {share} ({reopened} из {resolved})").format(
            share=share(c.reopened_share), reopened=c.reopened, resolved=c.ever_resolved
        ),
        _("Средняя оценка: {rating}").format(rating=rating(c)),
    ]


def slice_line(name: str, figures: Figures) -> str:
    """One department, staff member or channel in one line (read with `legend()`)."""
    c = figures.counts
    on_time = share(c.on_time_share)
    stars = "—" if c.average_rating is None else f"{_decimal(c.average_rating)} ({c.rated})"
    shown = escape(shorten(name, NAME_LIMIT))
    return (
        f"<b>{shown}</b> — {c.received} / {c.taken} / {c.resolved} ({on_time}) · "
        f"{duration(figures.median_first_response)} · ⏰ {c.overdue_now} · "
        f"↺ {share(c.reopened_share)} · ★ {stars}"
    )


def legend() -> str:
    return _(
        "<i>получено / взято / решено (в срок) · медиана первого ответа · "
        "⏰ просрочено сейчас · ↺ переоткрыто · ★ оценка (оценок)</i>"
    )


def _decimal(value: float) -> str:
    return str(format_decimal(value, format="0.0", locale=get_i18n().current_locale))


def slice_name(report: FiguresReport, dimension: Dimension, key: Key, label: Label) -> str:
    if dimension is Dimension.DEPARTMENT:
        return label(key if isinstance(key, str) else None)
    if dimension is Dimension.CHANNEL:
        return channel_label(RequestChannel(str(key)))
    if isinstance(key, int):
        return report.names.get(key, f"id {key}")
    return _("ни за кем")


def section(report: FiguresReport, dimension: Dimension, label: Label, most: int) -> list[str]:
    """The slices of one dimension, the busiest first; beyond `most`, one line says how many
    more there are."""
    slices = sorted(
        report.slices[dimension].items(),
        key=lambda item: (-item[1].counts.received, -item[1].counts.resolved, str(item[0])),
    )
    lines = [slice_line(slice_name(report, dimension, key, label), f) for key, f in slices]
    if len(lines) > most:
        hidden = len(lines) - most + 1
        lines = [*lines[: most - 1], _("…и ещё {count}").format(count=hidden)]
    return lines


def stats_text(report: FiguresReport, label: Label = department_label) -> str:
    """Within Telegram's 4096: fewer lines per section until it fits (never a cut tag)."""
    for most in SLICE_LINES:
        text = _stats_text(report, label, most)
        if telegram_length(text) <= MESSAGE_LIMIT:
            return text
    return text


def _stats_text(report: FiguresReport, label: Label, most: int) -> str:
    heading = _("<b>Показатели за {period}</b>").format(period=period_text(report.period))
    if report.department is not None:
        heading += f" · {escape(label(report.department))}"
    parts = [heading, *summary_lines(report.city)]
    titles = {
        Dimension.DEPARTMENT: _("По отделам"),
        Dimension.STAFF: _("По сотрудникам (у кого заявка сейчас)"),
        Dimension.CHANNEL: _("По каналам"),
    }
    parts += ["", legend()]
    if report.department is not None:
        del titles[Dimension.DEPARTMENT]  # one line that repeats the figures above
    for dimension, title in titles.items():
        if report.slices[dimension]:
            parts += ["", f"<b>{title}</b>", *section(report, dimension, label, most)]
    return "\n".join(parts)

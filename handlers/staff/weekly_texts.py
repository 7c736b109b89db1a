"""The weekly report as the staff chat reads it: the week's figures against the week before,
the departments, the oldest open requests and the worst-rated resolutions."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.figures import Dimension, Figures, RatedResolution
from domain.requests import format_number
from domain.services.figures_report import WeeklyReport
from handlers.common import MESSAGE_LIMIT, day, shorten, telegram_length
from handlers.staff.figures_texts import (
    NAME_LIMIT,
    Label,
    department_label,
    duration,
    legend,
    period_text,
    rating,
    section,
    share,
)

DEPARTMENT_LINES = (15, 8, 4, 2)  # tried in turn until the report fits one message


def _was(now: str, before: str) -> str:
    return _("{now} (неделей раньше: {before})").format(now=now, before=before)


def compared_lines(this: Figures, before: Figures) -> list[str]:
    c, b = this.counts, before.counts

    def counted(now: int, was: int) -> str:
        return _was(str(now), str(was))

    return [
        _("Получено: {received}").format(received=counted(c.received, b.received)),
        _("Взято в работу: {taken}").format(taken=counted(c.taken, b.taken)),
        _("Решено: {resolved}").format(resolved=counted(c.resolved, b.resolved)),
        _("Решено в срок: {share}").format(
            share=_was(share(c.on_time_share), share(b.on_time_share))
        ),
        _("Медиана первого ответа: {median}").format(
            median=_was(
                duration(this.median_first_response), duration(before.median_first_response)
            )
        ),
        _("Просрочено сейчас: {overdue}").format(overdue=c.overdue_now),
        _("Переоткрыто: {share}").format(
            share=_was(share(c.reopened_share), share(b.reopened_share))
        ),
        _("Средняя оценка: {rating}").format(rating=_was(rating(c), rating(b))),
    ]


def _worst_line(
    report: WeeklyReport, resolution: RatedResolution, categories: dict[str, str]
) -> str:
    line = f"{format_number(resolution.id)} · ★ {resolution.rating} · " + escape(
        categories.get(resolution.category, resolution.category)
    )
    staff = resolution.assignee_id
    if staff is not None and staff in report.this.names:
        line += f" · {escape(shorten(report.this.names[staff], NAME_LIMIT))}"
    return line


def weekly_text(
    report: WeeklyReport,
    categories: dict[str, str],
    label: Label = department_label,
) -> str:
    """`categories`: names by code in the chat's language. Fewer departments' lines until it
    fits Telegram's 4096 (whole lines: never a cut tag)."""
    for most in DEPARTMENT_LINES:
        text = _weekly_text(report, categories, label, most)
        if telegram_length(text) <= MESSAGE_LIMIT:
            break
    return text


def _weekly_text(report: WeeklyReport, categories: dict[str, str], label: Label, most: int) -> str:
    this = report.this
    scope = label(this.department) if this.department is not None else _("город")
    parts = [
        _("<b>Неделя {period}: {scope}</b>").format(
            period=period_text(this.period), scope=escape(scope)
        ),
        *compared_lines(this.city, report.before),
    ]
    if this.department is None and this.slices[Dimension.DEPARTMENT]:
        parts += ["", f"<b>{_('По отделам')}</b>", legend()]
        parts += section(this, Dimension.DEPARTMENT, label, most)
    parts += ["", _("<b>Самые старые открытые заявки</b>")]
    parts += [
        f"{format_number(r.id)} · {escape(categories.get(r.category, r.category))} · "
        + _("с {date}").format(date=day(r.created_at))
        for r in report.oldest_open
    ] or [_("Открытых заявок нет.")]
    parts += ["", _("<b>Хуже всего оценённые решения</b>")]
    parts += [_worst_line(report, r, categories) for r in report.worst_rated] or [
        _("Низких оценок за неделю нет.")
    ]
    return "\n".join(parts)

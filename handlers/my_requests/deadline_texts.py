"""The deadline line of a request's card: the time left for the resident (working days or
hours, domain/deadline_progress.py), the colour of the band for staff."""

from datetime import datetime

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.deadline_progress import BAND_MARKS, Countdown, band, countdown
from domain.requests import Request
from handlers.common import day


def countdown_text(left: Countdown) -> str:
    if left.overdue and left.days:
        text = ngettext(
            "срок истёк {n} раб. день назад", "срок истёк {n} раб. дней назад", left.days
        )
    elif left.overdue:
        text = ngettext("срок истёк {n} час назад", "срок истёк {n} часов назад", left.hours)
    elif left.days:
        text = ngettext("остался {n} раб. день", "осталось {n} раб. дней", left.days)
    else:
        text = ngettext("остался {n} час", "осталось {n} часов", left.hours)
    return text.format(n=left.days or left.hours)


def resident_deadline(request: Request, now: datetime) -> str:
    """«Срок ответа: до 02.12.2026 (осталось 2 раб. дня)»; only an open request counts down."""
    line = _("Срок ответа: до {date}").format(date=day(request.deadline_at))
    if not request.is_open:
        return line
    left = countdown(now, request.deadline_at)
    if left.overdue:
        return f"{line} — <b>{countdown_text(left)}</b>"
    return f"{line} ({countdown_text(left)})"


def staff_deadline(request: Request, now: datetime) -> str:
    """The staff card's line: the band's mark, redrawn as it changes (not a countdown, which
    would be stale between redraws)."""
    line = _("Срок ответа: до {date}").format(date=day(request.deadline_at))
    if not request.is_open:
        return line
    mark = BAND_MARKS[band(request.created_at, request.deadline_at, now)]
    line = f"{mark} {line}"
    if request.is_overdue(now):
        line += " " + _("— <b>просрочено</b>")
    return line

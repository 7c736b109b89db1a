"""Texts of the profile's outcome: sent or saved, and the profile screen with its status."""

from datetime import datetime

from aiogram import html
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer
from domain.booking.performers import PerformerStatus as Status
from handlers.common import when
from handlers.performers.labels import profile_lines


def submitted(stored: Performer) -> str:
    if stored.status is Status.PENDING:
        return _(
            "✅ Анкета отправлена на проверку. Обычно отвечаем в течение рабочего дня — "
            "ответ придёт сюда."
        )
    return _("✅ Анкета сохранена и по-прежнему одобрена — можно бронировать площадки.")


def cancelled() -> str:
    return _("Анкета не отправлена, ничего не изменилось.")


def stale_form() -> str:
    return _("Эта анкета уже неактуальна. Откройте её заново: /performer")


def no_profile() -> str:
    return _(
        "У вас ещё нет анкеты исполнителя. Заполнение займёт пару минут, проверка — "
        "обычно один рабочий день."
    )


def status_line(profile: Performer, now: datetime) -> str:
    lines = {
        Status.PENDING: _("⏳ На проверке у сотрудников города."),
        Status.APPROVED: _("✅ Одобрена — можно бронировать площадки."),
        Status.DECLINED: _("❌ Отклонена. Причина: {reason}").format(
            reason=html.quote(profile.decline_reason or "—")
        ),
    }
    line = lines[profile.status]
    if profile.suspended(now) and profile.suspended_until is not None:
        suspended = _("⛔ Бронирование приостановлено до {date}.")
        line += "\n" + suspended.format(date=when(profile.suspended_until))
    return line


def profile_screen(profile: Performer, now: datetime) -> str:
    title = _("<b>Моя анкета исполнителя</b>")
    return "\n".join([title, status_line(profile, now), "", *profile_lines(profile)])

"""`/stats [week|month|YYYY-MM]` in the staff chat: the figures as text, then their chart.

Staff only (anyone else: silence, as for /find). The main staff chat sees the city's
figures, a department's own chat its department's (domain/services/figures_report.chat_figures);
departments show by their names in the chat's language. In a private chat a department's
head sees their department's, the same texts in their own language; anyone else is told
where /stats works. A period the bot does not understand
gets a short answer naming the three forms; nothing is read then.
"""

import asyncio
from datetime import datetime
from html import escape

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock, to_city_time
from domain.figures import Dimension
from domain.figures_period import BadPeriod, Period, parse_period
from domain.services.figures_report import (
    ChatFigures,
    FiguresReport,
    chat_figures,
    head_figures,
    headed,
)
from domain.unit_of_work import CityUnitOfWork
from handlers.staff.figures_chart import ChartData, ChartTexts, figures_png
from handlers.staff.figures_texts import (
    Label,
    department_label,
    departments_label,
    period_text,
    stats_text,
)
from handlers.staff.filters import IsStaff

STATS = "stats"
SHORT_PERIOD_DAYS = 10  # up to this many bars are labelled with the month too


def chart_texts() -> ChartTexts:
    return ChartTexts(
        on_time_title=_("Решено в срок, по отделам"),
        flow_title=_("Пришло и закрыто по дням"),
        received=_("пришло"),
        closed=_("закрыто"),
        nothing=_("За период ничего не решено"),
    )


def chart_data(report: FiguresReport, label: Label = department_label) -> ChartData:
    departments = sorted(
        (
            (label(key if isinstance(key, str) else None), share, figures.counts.resolved)
            for key, figures in report.slices[Dimension.DEPARTMENT].items()
            if (share := figures.counts.on_time_share) is not None
        ),
        key=lambda item: (-item[2], item[0]),
    )
    form = "%d.%m" if len(report.flow) <= SHORT_PERIOD_DAYS else "%d"
    days = [
        (to_city_time(day.day).strftime(form), day.received, day.closed) for day in report.flow
    ]
    return ChartData(departments, days)


async def chart_png(report: FiguresReport, label: Label = department_label) -> bytes:
    """Drawn in a worker thread: a second of CPU the event loop should not stall for."""
    return await asyncio.to_thread(figures_png, chart_data(report, label), chart_texts())


def _period(args: str | None, now: datetime) -> Period | None:
    """The period asked for; None: not understood."""
    try:
        return parse_period(args, now)
    except BadPeriod:
        return None


def bad_period_text() -> str:
    return _(
        "Не понял период. Напишите /stats week (последние 7 дней), /stats month "
        "(этот месяц) или /stats 2026-11 (месяц, не из будущего)."
    )


async def stats_command(
    message: Message, command: CommandObject, uow: CityUnitOfWork, clock: Clock, i18n: I18n
) -> None:
    now = clock.now()
    period = _period(command.args, now)
    if period is None:
        await message.reply(bad_period_text())
        return
    await _send(message, await chat_figures(uow, message.chat.id, period, now), period, i18n)


async def private_stats(
    message: Message, command: CommandObject, uow: CityUnitOfWork, clock: Clock, i18n: I18n
) -> None:
    """A department's head sees their department's figures in a private chat too (each of
    them, when they head several); anyone else is told where /stats works."""
    user_id = message.from_user.id if message.from_user else 0
    if not headed(await uow.departments.all(), user_id):
        await message.answer(
            _(
                "Команда /stats работает в чате сотрудников (показатели города) и в чате "
                "отдела (показатели отдела). В личных сообщениях она показывает показатели "
                "отдела только его руководителю."
            )
        )
        return
    now = clock.now()
    period = _period(command.args, now)
    if period is None:
        await message.answer(bad_period_text())
        return
    await _send(message, await head_figures(uow, user_id, period, now), period, i18n)


async def _send(message: Message, found: ChatFigures, period: Period, i18n: I18n) -> None:
    """Each report's text, then its chart: the same in every chat that may ask."""
    label = departments_label(found.departments, i18n.current_locale)
    caption = _("Показатели за {period}").format(period=period_text(period))
    for report in found.reports:  # one, unless departments share this chat or this head
        await message.reply(stats_text(report, label))
        photo = BufferedInputFile(await chart_png(report, label), filename="stats.png")
        scope = report.department
        shown = caption if scope is None else f"{caption} · {escape(label(scope))}"
        await message.reply_photo(photo, caption=shown)


def register(router: Router) -> None:
    router.message.register(stats_command, Command(STATS), IsStaff())


def create_private_router() -> Router:
    """/stats in a private chat, before the resident's features (it is a command, not text)."""
    router = Router(name="private_stats")
    router.message.register(private_stats, Command(STATS), F.chat.type == ChatType.PRIVATE)
    return router

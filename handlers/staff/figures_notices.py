"""The weekly report's rows of the outbox (domain/services/weekly_figures.py) as messages: the
text, then its chart. Rendered at send time in the chat's language as set then, departments
by their names then; the week is the row's, so a report sent late is still of its week. A
department's report goes to its forum topic when it has one."""

from dataclasses import dataclass
from datetime import datetime

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.figures_period import Period, week_from
from domain.notifications import Notification
from domain.services.figures_report import figures_report, weekly_report
from domain.services.weekly_figures import (
    STAFF_WEEKLY_CHART,
    STAFF_WEEKLY_FIGURES,
    report_thread,
)
from domain.unit_of_work import CityUnitOfWork, UnitOfWorkFactory
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale
from handlers.staff.figures_texts import Label, departments_label, period_text
from handlers.staff.stats import chart_png
from handlers.staff.weekly_texts import weekly_text


@dataclass(frozen=True, slots=True)
class _Row:
    week: Period
    department: str | None  # None: the whole city
    locale: str
    label: Label
    thread_id: int | None


class FiguresNotices:
    def __init__(self, open_uow: UnitOfWorkFactory, i18n: I18n, clock: Clock) -> None:
        self._open = open_uow
        self._i18n = i18n
        self._clock = clock

    def register(self, renderers: NoticeKinds) -> None:
        renderers.register(STAFF_WEEKLY_FIGURES, self.text)
        renderers.register(STAFF_WEEKLY_CHART, self.chart)

    async def text(self, notification: Notification) -> RenderedMessage:
        async with self._open() as uow:
            row = await _row(uow, notification)
            report = await weekly_report(uow.figures, row.week, self._clock.now(), row.department)
            categories = {c.code: c.name(row.locale) for c in await uow.categories.list_active()}
        with self._i18n.context(), self._i18n.use_locale(row.locale):
            text = weekly_text(report, categories, row.label)
        return RenderedMessage(text, thread_id=row.thread_id)

    async def chart(self, notification: Notification) -> RenderedMessage:
        async with self._open() as uow:
            row = await _row(uow, notification)
            report = await figures_report(uow.figures, row.week, self._clock.now(), row.department)
        with self._i18n.context(), self._i18n.use_locale(row.locale):
            png = await chart_png(report, row.label)
            caption = _("Неделя {period}").format(period=period_text(row.week))
        return RenderedMessage(caption, photo=png, thread_id=row.thread_id)


async def _row(uow: CityUnitOfWork, notification: Notification) -> _Row:
    """The row's week (its Monday in city time) and department, read with the chat's language
    and the departments as they are now."""
    monday = datetime.fromisoformat(notification.payload["week_start"])
    department = notification.payload.get("department")
    departments = await uow.departments.all()
    locale = await staff_chat_locale(uow, notification.chat_id)
    return _Row(
        week=week_from(monday),
        department=department,
        locale=locale,
        label=departments_label(departments, locale),
        thread_id=report_thread(departments, department, notification.chat_id),
    )

"""The weekly report's rows of the outbox (domain/services/weekly_figures.py) as messages: the
text, then its chart. Rendered at send time in the chat's language as set then; the week is
the row's, so a report sent late is still of its week."""

from datetime import datetime

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.figures_period import Period, week_from
from domain.notifications import Notification
from domain.services.figures_report import figures_report, weekly_report
from domain.services.weekly_figures import STAFF_WEEKLY_CHART, STAFF_WEEKLY_FIGURES
from domain.unit_of_work import UnitOfWorkFactory
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale
from handlers.staff.figures_texts import Label, department_label, period_text
from handlers.staff.stats import chart_png
from handlers.staff.weekly_texts import weekly_text


class FiguresNotices:
    def __init__(
        self,
        open_uow: UnitOfWorkFactory,
        i18n: I18n,
        clock: Clock,
        label: Label = department_label,
    ) -> None:
        """`label`: a department's name from its code (the departments' names, once wired)."""
        self._open = open_uow
        self._i18n = i18n
        self._clock = clock
        self._label = label

    def register(self, renderers: NoticeKinds) -> None:
        renderers.register(STAFF_WEEKLY_FIGURES, self.text)
        renderers.register(STAFF_WEEKLY_CHART, self.chart)

    async def text(self, notification: Notification) -> RenderedMessage:
        week, department = _week(notification)
        async with self._open() as uow:
            locale = await staff_chat_locale(uow, notification.chat_id)
            report = await weekly_report(uow.figures, week, self._clock.now(), department)
            categories = {c.code: c.name(locale) for c in await uow.categories.list_active()}
        with self._i18n.context(), self._i18n.use_locale(locale):
            return RenderedMessage(weekly_text(report, categories, self._label))

    async def chart(self, notification: Notification) -> RenderedMessage:
        week, department = _week(notification)
        async with self._open() as uow:
            locale = await staff_chat_locale(uow, notification.chat_id)
            report = await figures_report(uow.figures, week, self._clock.now(), department)
        with self._i18n.context(), self._i18n.use_locale(locale):
            png = await chart_png(report, self._label)
            caption = _("Неделя {period}").format(period=period_text(week))
        return RenderedMessage(caption, photo=png)


def _week(notification: Notification) -> tuple[Period, str | None]:
    """The row's week (its Monday in city time) and department (None: the whole city)."""
    monday = datetime.fromisoformat(notification.payload["week_start"])
    return week_from(monday), notification.payload.get("department")

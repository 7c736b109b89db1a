"""The figures' texts: what a line says, Telegram's 4096 kept with hundreds of staff, every
language, and the weekly report's comparison."""

from datetime import timedelta

import pytest
from aiogram.utils.i18n import I18n

from domain.figures import Dimension, FigureCounts, Figures, RatedResolution
from domain.figures_period import previous_week
from domain.requests import RequestChannel
from domain.services.figures_report import FiguresReport, WeeklyReport, figures_report
from handlers.common import MESSAGE_LIMIT, telegram_length
from handlers.staff.figures_texts import duration, stats_text
from handlers.staff.stats import chart_data
from handlers.staff.weekly_texts import weekly_text
from tests.storage.samples import NOW
from tests.unit.conftest import LOCALES
from tests.unit.test_figures import seeded

WEEK = previous_week(NOW)
BUSY = Figures(
    FigureCounts(120, 3, 2, 110, 100, 75, 4, 100, 5, 40, 160), timedelta(hours=2, minutes=5)
)


def crowded_report() -> FiguresReport:
    """300 staff members with long names, 40 departments: far more than one message holds."""
    staff = {user: BUSY for user in range(1, 301)}
    departments: dict[str | int | None, Figures] = {f"dept{n:02d}": BUSY for n in range(40)}
    return FiguresReport(
        period=WEEK,
        department=None,
        city=BUSY,
        slices={
            Dimension.DEPARTMENT: departments,
            Dimension.STAFF: dict(staff),
            Dimension.CHANNEL: {RequestChannel.BOT: BUSY, RequestChannel.PHONE: BUSY},
        },
        flow=[],
        names={user: "Гөлнара Хәбибуллина-Сафиуллина " * 3 for user in staff},
    )


def test_durations(russian: None) -> None:
    assert duration(None) == "—"
    assert duration(timedelta(minutes=42)) == "42 мин"
    assert duration(timedelta(hours=2, minutes=5)) == "2 ч 5 мин"
    assert duration(timedelta(days=3, hours=4)) == "3 дн 4 ч"


@pytest.mark.parametrize("locale", ["ru", "tt", "en"])
def test_a_crowded_period_fits_one_message(locale: str) -> None:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    with i18n.context(), i18n.use_locale(locale):
        text = stats_text(crowded_report())
    assert telegram_length(text) <= MESSAGE_LIMIT
    assert text.count("<b>") == text.count("</b>")  # whole lines only, never a cut tag
    assert "…" in text  # the rest summed up as "and N more"


async def test_the_week_as_text(russian: None) -> None:
    _uow, figures, _ids = await seeded()
    report = await figures_report(figures, WEEK, NOW)
    lines = stats_text(report).split("\n")
    assert lines[:8] == [
        "<b>Показатели за 23.02.2026–01.03.2026</b>",
        "Получено: 8 (дубликатов 1, отозвано 1)",
        "Взято в работу: 5",
        "Решено: 4, в срок: 75%",
        "Медиана первого ответа: 1 ч 30 мин",
        "Просрочено сейчас: 1",
        "Переоткрыто: 50% (2 из 4)",
        "Средняя оценка: 3,7 (оценок: 3)",
    ]
    assert "<b>roads</b> — 6 / 5 / 3 (67%) · 1 ч 30 мин · ⏰ 1 · ↺ 50% · ★ 3,7 (3)" in lines
    assert "<b>без отдела</b> — 2 / 0 / 1 (100%) · — · ⏰ 0 · ↺ — · ★ —" in lines
    assert "<b>Гульнара</b> — 3 / 3 / 2 (50%) · 3 ч 0 мин · ⏰ 0 · ↺ 0% · ★ 3,5 (2)" in lines
    assert "<b>телефон</b> — 2 / 1 / 1 (0%) · 3 ч 0 мин · ⏰ 0 · ↺ 0% · ★ 2,0 (1)" in lines
    named = stats_text(report, label=lambda code: {"roads": "Дороги"}.get(code or "", "—"))
    assert "<b>Дороги</b> — 6 / 5 / 3" in named
    assert chart_data(report).departments == [("roads", 2 / 3, 3), ("без отдела", 1.0, 1)]


def test_the_weekly_report_compares_with_the_week_before(russian: None) -> None:
    this = crowded_report()
    worst = RatedResolution(7, "roads", 1, NOW, 1)
    report = WeeklyReport(this, Figures(FigureCounts(received=90), None), [], [worst])
    text = weekly_text(report, {"roads": "Дороги"})
    lines = text.split("\n")
    assert lines[0] == "<b>Неделя 23.02.2026–01.03.2026: город</b>"
    assert "Получено: 120 (неделей раньше: 90)" in lines
    assert "Медиана первого ответа: 2 ч 5 мин (неделей раньше: —)" in lines
    assert "Открытых заявок нет." in lines
    assert any(line.startswith("KZN-000007 · ★ 1 · Дороги · Гөлнара") for line in lines)
    assert telegram_length(text) <= MESSAGE_LIMIT


def test_a_long_department_name_is_wrapped_not_cut() -> None:
    """Many names begin alike («Комитет …»): the chart shows them on two lines whole."""
    from handlers.staff.figures_chart import _short

    name = "Комитет внешнего благоустройства"
    assert _short(name).replace("\n", " ") == name
    assert len(_short(name).splitlines()) == 2
    very_long = "Администрация Авиастроительного и Ново-Савиновского районов Казани"
    lines = _short(very_long).splitlines()
    assert len(lines) == 2 and lines[1].endswith("…")

"""The figures and the departments, with fakes: a department's name in the chat's language
(its code when unknown, «без отдела» when none), whose figures a chat sees, and the weekly
report to each department's own chat."""

from aiogram.utils.i18n import I18n

from domain.clock import FixedClock
from domain.departments import Department
from domain.figures import FiguresQueries
from domain.figures_period import previous_week
from domain.services.figures_report import chat_figures, chat_scopes, figures_report
from domain.services.weekly_figures import post_weekly_reports, report_thread
from handlers.staff.figures_texts import departments_label, stats_text
from handlers.staff.stats import chart_data
from tests.storage.figures_history import CITY, ROADS_DEPT, ROADS_FIGURES, seed_history
from tests.storage.samples import NOW
from tests.unit.conftest import LOCALES
from tests.unit.fakes import FakeUnitOfWork
from tests.unit.figures_fakes import FakeFigures

STAFF, ROADS_CHAT, SHARED = -100, -200, -300
WEEK = previous_week(NOW)
ROADS = Department(ROADS_DEPT, "Дороги", "Юллар", "Roads", chat_id=ROADS_CHAT, thread_id=7)
LIGHT = Department("light", "Освещение", "Яктырту", "Lighting", chat_id=SHARED)
PARKS = Department("parks", "Парки", "Парклар", "Parks", chat_id=SHARED)
DESK = Department("desk", "Приёмная", "Кабул бүлмәсе", "Desk", chat_id=STAFF)
CALLS = Department("calls", "Звонки", "Шалтыратулар", "Calls")  # no chat of its own


class FiguresUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__(staff_chat_id=STAFF)
        self.figures: FiguresQueries = FakeFigures(self.requests, self.users)
        for department in (ROADS, LIGHT, PARKS, DESK, CALLS):
            self.departments.rows[department.code] = department


def test_a_department_by_its_name_in_the_chat_language() -> None:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    for locale, name, none in (("ru", "Дороги", "без отдела"), ("en", "Roads", "not routed")):
        with i18n.context(), i18n.use_locale(locale):
            label = departments_label([ROADS, LIGHT], locale)
            assert (label(ROADS_DEPT), label("gone"), label(None)) == (name, "gone", none)
    with i18n.context(), i18n.use_locale("tt"):
        assert departments_label([ROADS], "tt")(ROADS_DEPT) == "Юллар"


async def test_the_texts_and_the_chart_name_the_departments(russian: None) -> None:
    uow = FiguresUnitOfWork()
    await seed_history(uow)  # type: ignore[arg-type]
    report = await figures_report(uow.figures, WEEK, NOW)
    label = departments_label(await uow.departments.all(), "ru")
    lines = stats_text(report, label).split("\n")
    assert any(line.startswith("<b>Дороги</b> — 6 / 5 / 3 (67%)") for line in lines), lines
    assert chart_data(report, label).departments == [("Дороги", 2 / 3, 3), ("без отдела", 1.0, 1)]

    roads = await figures_report(uow.figures, WEEK, NOW, ROADS_DEPT)
    text = stats_text(roads, label)
    assert text.split("\n")[0] == "<b>Показатели за 23.02.2026–01.03.2026</b> · Дороги"
    assert "По отделам" not in text  # one department: its figures are the summary
    assert "<b>По сотрудникам (у кого заявка сейчас)</b>" in text and "По каналам" in text


def test_whose_figures_a_chat_sees() -> None:
    departments = [ROADS, LIGHT, PARKS, DESK, CALLS]
    assert chat_scopes(departments, STAFF, STAFF) == [None]  # the desk's chat is the main one
    assert chat_scopes(departments, ROADS_CHAT, STAFF) == [ROADS_DEPT]
    assert chat_scopes(departments, SHARED, STAFF) == ["light", "parks"]
    assert chat_scopes(departments, -999, STAFF) == [None]


async def test_stats_in_a_department_chat_is_of_that_department() -> None:
    uow = FiguresUnitOfWork()
    await seed_history(uow)  # type: ignore[arg-type]
    city = await chat_figures(uow, STAFF, WEEK, NOW)
    assert [(r.department, r.city.counts) for r in city.reports] == [(None, CITY)]
    roads = await chat_figures(uow, ROADS_CHAT, WEEK, NOW)
    assert [(r.department, r.city.counts) for r in roads.reports] == [(ROADS_DEPT, ROADS_FIGURES)]
    assert {d.code for d in roads.departments} == {"roads", "light", "parks", "desk", "calls"}


async def test_the_weekly_report_to_each_department_chat_once() -> None:
    uow, clock = FiguresUnitOfWork(), FixedClock(NOW)
    assert await post_weekly_reports(uow, clock) == 4  # the city, roads, light, parks
    assert await post_weekly_reports(uow, clock) == 0
    rows = sorted((n.chat_id, n.payload["department"] or "") for n in uow.outbox.rows.values())
    assert rows == sorted(
        [(STAFF, ""), (ROADS_CHAT, ROADS_DEPT), (SHARED, "light"), (SHARED, "parks")] * 2
    )  # each a text and its chart; the desk reads the city's, calls has no chat
    departments = list(uow.departments.rows.values())
    assert report_thread(departments, ROADS_DEPT, ROADS_CHAT) == 7
    assert report_thread(departments, ROADS_DEPT, STAFF) is None  # not its chat any more
    assert report_thread(departments, None, STAFF) is None

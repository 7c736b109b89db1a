"""data/departments.csv, its loader and the department repository (SQLite and PostgreSQL)."""

from dataclasses import replace

from sqlalchemy import func, select

from domain.clock import FixedClock
from domain.departments import ANY_DISTRICT, Department, Route, route_department
from domain.requests import Place, RequestChannel
from domain.services.reports import ReportDraft, submit_request
from storage.csv_files import read_rows
from storage.department_data import load_departments
from storage.models import FigureDayCountRow, PublicCountRow, RemovedDepartmentRow
from storage.reference_data import load_categories, load_districts
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW

CSV = DATA_DIR / "departments.csv"
DISTRICTS = [row["name_ru"] for row in read_rows(DATA_DIR / "districts.csv", ("name_ru",))]
CATEGORIES = [row["code"] for row in read_rows(DATA_DIR / "categories.csv", ("code",))]
ROADS_CHAT, HEAD = -1001234567890, 7001


async def _load(uow: SqlUnitOfWork) -> None:
    await load_districts(
        uow.session, DATA_DIR / "districts.csv", DATA_DIR / "district_polygons.geojson"
    )
    await load_categories(uow.session, DATA_DIR / "categories.csv")
    await load_departments(uow.session, CSV)


async def test_every_category_reaches_a_department_in_every_district(uow: SqlUnitOfWork) -> None:
    async with uow:
        await _load(uow)
        await uow.commit()
        routes = await uow.departments.routes()
        codes = {d.code for d in await uow.departments.all()}
    for category in CATEGORIES:
        for district in (*DISTRICTS, None):
            assert route_department(routes, category, district) in codes, (category, district)
    # The yards of each district go to its joint district administration.
    assert route_department(routes, "yards", "Приволжский") == "adm_vakhitovsky_privolzhsky"
    assert route_department(routes, "yards", "Московский") == "adm_kirovsky_moskovsky"
    assert route_department(routes, "yards", None) == "city_desk"


async def test_loading_twice_keeps_what_the_api_changed(uow: SqlUnitOfWork) -> None:
    async with uow:
        await _load(uow)
        roads = await uow.departments.get("roads_improvement")
        assert roads is not None and roads.chat_id is None and roads.head_user_id is None
        await uow.departments.save(replace(roads, chat_id=ROADS_CHAT, head_user_id=HEAD))
        await uow.departments.set_route(Route("noise", ANY_DISTRICT, "roads_improvement"))
        await uow.commit()
    async with uow:
        report = await load_departments(uow.session, CSV)
        await uow.commit()
        again = await uow.departments.get("roads_improvement")
        routes = await uow.departments.routes()
        assert await uow.departments.is_department_chat(ROADS_CHAT)
        assert not await uow.departments.is_department_chat(-42)
    assert (report.added, report.unchanged) == (0, 8)
    assert again is not None and (again.chat_id, again.head_user_id) == (ROADS_CHAT, HEAD)
    assert route_department(routes, "noise", None) == "roads_improvement"


async def test_a_phone_request_keeps_its_caller_and_department(uow: SqlUnitOfWork) -> None:
    async with uow:
        await _load(uow)
        roads = await uow.departments.get("roads_improvement")
        assert roads is not None
        await uow.departments.save(replace(roads, chat_id=ROADS_CHAT))
        draft = ReportDraft(
            "roads", Place("ул. Баумана, 15", district="Вахитовский"), "Яма на дороге у дома"
        )
        filed = await submit_request(
            uow,
            FixedClock(NOW),
            None,
            draft,
            channel=RequestChannel.PHONE,
            caller_phone="+79001234567",
        )
        await uow.commit()
    assert filed.id is not None
    async with uow:
        stored = await uow.requests.get(filed.id)
        chat = await uow.departments.chat_for_request(filed.id)
        queue = await uow.requests.open_in_department("roads_improvement", 10)
        assert [r.id for r in queue] == [filed.id]
        assert await uow.requests.open_in_department("city_desk", 10) == []
        removed = await uow.departments.remove_route("roads", ANY_DISTRICT)
        await uow.commit()
        assert route_department(await uow.departments.routes(), "roads", None) is None
    assert stored is not None and stored.author_id is None
    assert (stored.channel, stored.caller_phone) == (RequestChannel.PHONE, "+79001234567")
    assert (stored.department, chat, removed) == ("roads_improvement", ROADS_CHAT, True)


async def _file_roads(uow: SqlUnitOfWork) -> int:
    place = Place("ул. Баумана, 15", district="Вахитовский")
    draft = ReportDraft("roads", place, "Яма на дороге у дома")
    filed = await submit_request(uow, FixedClock(NOW), None, draft)
    assert filed.id is not None
    return filed.id


async def test_a_removed_department_hands_over_its_requests_and_figures(
    uow: SqlUnitOfWork,
) -> None:
    async with uow:
        await _load(uow)
        # One request of the same key already counted at the successor: the counts merge.
        await uow.departments.set_route(Route("roads", "Вахитовский", "city_desk"))
        first = await _file_roads(uow)
        await uow.departments.remove_route("roads", "Вахитовский")
        second = await _file_roads(uow)
        moved = await uow.departments.move_everything("roads_improvement", "city_desk")
        await uow.departments.remove("roads_improvement", NOW)
        await uow.commit()
    async with uow:
        counts = await uow.session.execute(
            select(PublicCountRow.department, PublicCountRow.requests).where(
                PublicCountRow.category == "roads"
            )
        )
        assert counts.all() == [("city_desk", 2)]
        staff_counts = await uow.session.execute(
            select(FigureDayCountRow.department, FigureDayCountRow.received).where(
                FigureDayCountRow.received > 0
            )
        )
        assert staff_counts.all() == [("city_desk", 2)]  # the staff's figures merged too
        for request_id in (first, second):
            stored = await uow.requests.get(request_id)
            assert stored is not None and stored.department == "city_desk"
        assert await uow.departments.request_count("roads_improvement") == 0
        report = await load_departments(uow.session, CSV)
        await uow.commit()
        assert await uow.departments.get("roads_improvement") is None
        routes = await uow.departments.routes()
    assert moved == (1, 3) and report.added == 0
    assert {route_department(routes, c, None) for c in ("roads", "snow", "lighting")} == {
        "city_desk"
    }


async def test_a_code_is_created_once_and_again_after_its_removal(uow: SqlUnitOfWork) -> None:
    parks = Department("parks", "Парки", "Парклар", "Parks", position=9)
    async with uow:
        await _load(uow)
        assert await uow.departments.create(parks)
        assert not await uow.departments.create(replace(parks, name_ru="Другое"))
        await uow.departments.remove("parks", NOW)
        await uow.commit()
    async with uow:
        assert await uow.departments.get("parks") is None
        assert await uow.departments.create(parks)
        await uow.commit()
        assert await uow.departments.get("parks") == parks
        assert (
            await uow.session.scalar(select(func.count()).select_from(RemovedDepartmentRow)) == 0
        )

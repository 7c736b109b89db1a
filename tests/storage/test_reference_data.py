import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.address import AddressMatcher, Street
from storage.models import CategoryRow, DistrictRow, StreetDistrictRow, StreetRow
from storage.reference_data import (
    LoadReport,
    district_geojson,
    import_streets,
    load_district_locator,
    load_reference_data,
)
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR

MODELS = (DistrictRow, CategoryRow, StreetRow, StreetDistrictRow)


async def table_counts(uow: SqlUnitOfWork) -> dict[str, int]:
    counts = {}
    for model in MODELS:
        query = select(func.count()).select_from(model)
        counts[model.__tablename__] = await uow.session.scalar(query) or 0
    return counts


async def test_load_twice_changes_nothing_the_second_time(uow: SqlUnitOfWork) -> None:
    async with uow:
        first = await load_reference_data(uow.session, DATA_DIR)
        await uow.commit()
        counts = await table_counts(uow)
    assert (first.districts.added, first.categories.added, first.streets.added) == (7, 10, 546)
    assert first.streets.skipped == 0
    assert counts["street_districts"] > 300

    async with uow:
        second = await load_reference_data(uow.session, DATA_DIR)
        await uow.commit()
        assert await table_counts(uow) == counts
    for report in (second.districts, second.categories, second.streets):
        assert (report.added, report.updated, report.retired) == (0, 0, 0)
    assert (second.districts.unchanged, second.streets.unchanged) == (7, 546)


async def test_loaded_data_through_the_repositories(uow: SqlUnitOfWork) -> None:
    async with uow:
        await load_reference_data(uow.session, DATA_DIR)
        categories = await uow.categories.list_active()
        streets = {(s.name, s.type): s for s in await uow.streets.all()}
    assert [c.code for c in categories][:3] == ["roads", "yards", "lighting"]
    assert categories[0].name_tt == "Юллар һәм тротуарлар"
    assert (categories[4].code, categories[4].first_response_hours) == ("snow", 8)
    gagarina = streets[("Гагарина", "улица")]
    assert gagarina.districts == ("Авиастроительный", "Московский", "Ново-Савиновский")
    assert gagarina.id is not None
    assert streets[("Авангардная", "улица")].name_tt == "Авангард урамы"


async def test_edited_categories_are_updated_and_removed_ones_retired(
    uow: SqlUnitOfWork, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    async with uow:
        await load_reference_data(uow.session, data)
        await uow.commit()

    lines = (data / "categories.csv").read_text(encoding="utf-8").splitlines()
    lines = [line.replace("Snow and ice,8,2", "Snow and ice,6,1") for line in lines]
    (data / "categories.csv").write_text(
        "\n".join(line for line in lines if not line.startswith("noise,")) + "\n",
        encoding="utf-8",
    )
    async with uow:
        report = (await load_reference_data(uow.session, data)).categories
        active = {c.code: c for c in await uow.categories.list_active()}
        retired = await uow.categories.get("noise")
        await uow.commit()
    # snow changed; "other" moved up a position when noise went away.
    assert (report.added, report.updated, report.unchanged, report.retired) == (0, 2, 7, 1)
    assert (active["snow"].first_response_hours, active["snow"].resolution_working_days) == (6, 1)
    assert "noise" not in active
    assert retired is not None and retired.name_en == "Noise"  # old requests still show it

    async with uow:
        report = (await load_reference_data(uow.session, DATA_DIR)).categories
        assert len(await uow.categories.list_active()) == 10
    assert (report.updated, report.retired) == (3, 0)  # snow, other, and noise back in service


async def test_categories_get_unknown(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert await uow.categories.get("nope") is None
        assert await uow.categories.list_active() == []


async def test_district_geojson_matches_the_bundled_polygons(uow: SqlUnitOfWork) -> None:
    bundled = json.loads((DATA_DIR / "district_polygons.geojson").read_text(encoding="utf-8"))
    async with uow:
        await load_reference_data(uow.session, DATA_DIR)
        collection = await district_geojson(uow.session)
    by_name = {f["properties"]["district_ru"]: f["geometry"] for f in collection["features"]}
    assert len(by_name) == 7
    for feature in bundled["features"]:
        assert by_name[feature["properties"]["district_ru"]] == feature["geometry"]


async def test_district_locator_from_the_table(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert (await load_district_locator(uow.session)).districts == ()
        await load_reference_data(uow.session, DATA_DIR)
        locator = await load_district_locator(uow.session)
    assert len(locator.districts) == 7
    assert locator.locate(55.7887, 49.1221) == "Вахитовский"  # Баумана street
    assert locator.locate(55.8285, 49.1322) == "Ново-Савиновский"
    assert locator.locate(55.75, 48.50) is None  # across the Volga, outside the city


REGISTER = """\
name_ru,type_ru,name_tt,district_ru
Баумана,улица,Бауман урамы,Вахитовский
Новая Улица,улица,,Советский
Новая Улица,улица,,Приволжский
Гагарина,улица,Гагарин урамы,
,улица,,
Пушкина,,,Вахитовский
Тихая,улица,,Зеленодольский
Выдуманная,набережная,,Вахитовский
"""


async def load_then_import(
    uow: SqlUnitOfWork, register: Path
) -> tuple[LoadReport, dict[tuple[str, str], Street]]:
    """The bundled data, then the register on top; the streets by (name, type)."""
    async with uow:
        await load_reference_data(uow.session, DATA_DIR)
        report = await import_streets(uow.session, register)
        await uow.commit()
        return report, {(s.name, s.type): s for s in await uow.streets.all()}


async def test_import_streets_merges_and_reports_bad_lines(
    uow: SqlUnitOfWork, tmp_path: Path
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    report, streets = await load_then_import(uow, register)
    assert report.problems == (
        "line 6: name_ru and type_ru are required",
        "line 7: name_ru and type_ru are required",
        "line 8: unknown district Зеленодольский",
    )
    # Баумана is already known as it is; Гагарина gains its Tatar name; two are new.
    assert (report.added, report.updated, report.unchanged, report.skipped) == (2, 1, 1, 3)
    assert streets[("Новая Улица", "улица")].districts == ("Приволжский", "Советский")
    assert streets[("Баумана", "улица")].name_tt == "Бауман урамы"
    gagarina = streets[("Гагарина", "улица")]
    assert gagarina.name_tt == "Гагарин урамы"
    # A register row without a district keeps the districts the street already has.
    assert gagarina.districts == ("Авиастроительный", "Московский", "Ново-Савиновский")

    async with uow:
        again = await import_streets(uow.session, register)
    assert (again.added, again.updated, again.unchanged, again.skipped) == (0, 0, 4, 3)


async def test_import_streets_minimal_header_and_bom(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    register = tmp_path / "minimal.csv"
    register.write_text("name_ru,type_ru\n  Новая   Улица ,улица\n", encoding="utf-8-sig")
    async with uow:
        report = await import_streets(uow.session, register)
        [street] = await uow.streets.all()
    assert report.added == 1
    assert (street.name, street.type, street.districts) == ("Новая Улица", "улица", ())


async def test_import_streets_refuses_a_bad_header(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    register = tmp_path / "bad.csv"
    register.write_text("name,type\nБаумана,улица\n", encoding="utf-8")
    async with uow:
        with pytest.raises(ValueError, match="missing column"):
            await import_streets(uow.session, register)
        assert await uow.streets.all() == []


async def test_import_streets_with_points_gives_typed_addresses_coordinates(
    uow: SqlUnitOfWork, tmp_path: Path
) -> None:
    register = tmp_path / "located.csv"
    register.write_text(
        "name_ru,type_ru,house,lat,lon\n"
        "Баумана,улица,1,55.7960,49.1080\n"
        "Баумана,улица,41,55.7900,49.1200\n"
        "Баумана,улица,,55.7930,49.1140\n"
        "Пушкина,улица,,55.7880,49.1230\n"
        "Пушкина,улица,5,55.7,\n"  # lat without lon
        "Пушкина,улица,7,40.0,49.1\n",  # far outside Kazan
        encoding="utf-8",
    )
    report, streets = await load_then_import(uow, register)
    assert report.problems == (
        "line 6: lat and lon must both be given, inside Kazan",
        "line 7: lat and lon must both be given, inside Kazan",
    )
    assert (report.updated, report.skipped) == (2, 2)
    baumana = streets[("Баумана", "улица")]
    assert [p.house for p in baumana.points] == [None, "1", "41"]
    assert [p.house for p in streets[("Пушкина", "улица")].points] == [None]
    matcher = AddressMatcher(streets.values())
    settled = matcher.match("Baumana 21").settled
    assert settled is not None and settled.point == pytest.approx((55.7930, 49.1140))

    async with uow:
        again = await import_streets(uow.session, register)
    assert (again.added, again.updated) == (0, 0)

"""data/sites.csv and its loader: seeded once, never overwriting what staff edited."""

import json
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from domain.booking.sites import Equipment, Sound, check_site
from domain.geo import DistrictLocator
from storage.reference_data import load_districts, load_reference_data
from storage.site_data import load_sites, read_sites
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW

SITES_CSV = DATA_DIR / "sites.csv"
# The three points the shared reference set sourced; the others are marked approximate.
SOURCED_POINTS = {
    "gorky_park": (55.79864, 49.147897),
    "kaban_embankment": (55.779722, 49.119167),
    "victory_park": (55.83, 49.1075),
}


async def _load_districts(uow: SqlUnitOfWork) -> None:
    await load_districts(
        uow.session, DATA_DIR / "districts.csv", DATA_DIR / "district_polygons.geojson"
    )


async def test_loading_twice_changes_nothing(uow: SqlUnitOfWork) -> None:
    async with uow:
        first = await load_reference_data(uow.session, DATA_DIR, NOW)
        await uow.commit()
        stored = await uow.sites.all(active_only=False)
    assert (first.sites.added, first.sites.unchanged) == (16, 0)

    async with uow:
        second = await load_sites(uow.session, SITES_CSV, NOW + timedelta(days=1))
        await uow.commit()
        assert await uow.sites.all(active_only=False) == stored
    assert (second.added, second.unchanged) == (0, 16)


async def test_a_site_edited_through_the_api_survives_a_reload(uow: SqlUnitOfWork) -> None:
    async with uow:
        await _load_districts(uow)
        await load_sites(uow.session, SITES_CSV, NOW)
        bauman = await uow.sites.by_code("bauman")
        assert bauman is not None
        edited = replace(
            bauman,
            open_from=time(12),
            sound=Sound.ACOUSTIC,
            equipment=frozenset({Equipment.STAND}),
            photo="https://example.org/bauman.jpg",
            active=False,
        )
        await uow.sites.save(edited, NOW)
        await uow.commit()

    async with uow:
        report = await load_sites(uow.session, SITES_CSV, NOW + timedelta(days=1))
        await uow.commit()
        assert await uow.sites.by_code("bauman") == edited
    assert (report.added, report.unchanged) == (0, 16)


async def test_a_new_row_in_the_file_is_added(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    """Only missing codes are added: a row new in the file reaches a running database."""
    lines = SITES_CSV.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "sites.csv"
    short.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    async with uow:
        await _load_districts(uow)
        assert (await load_sites(uow.session, short, NOW)).added == 2
        report = await load_sites(uow.session, SITES_CSV, NOW)
        await uow.commit()
    assert (report.added, report.unchanged) == (14, 2)


async def test_a_site_in_an_unknown_district_is_refused(
    uow: SqlUnitOfWork, tmp_path: Path
) -> None:
    text = SITES_CSV.read_text(encoding="utf-8").replace(",Вахитовский,", ",Нигдевский,", 1)
    bad = tmp_path / "sites.csv"
    bad.write_text(text, encoding="utf-8")
    async with uow:
        await _load_districts(uow)
        with pytest.raises(ValueError, match="unknown district"):
            await load_sites(uow.session, bad, NOW)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (",10:00,22:00,120,", ",10:00,22:00,100,"),  # not on the quarter-hour grid
        (",db60,", ",loud,"),
        (",props stand,", ",fire,"),
        (",0123456,10:00,", ",0123456,25:00,"),
    ],
)
def test_a_bad_row_names_its_line(tmp_path: Path, before: str, after: str) -> None:
    bad = tmp_path / "sites.csv"
    bad.write_text(SITES_CSV.read_text(encoding="utf-8").replace(before, after, 1), "utf-8")
    with pytest.raises(ValueError, match=r"sites\.csv line \d+"):
        read_sites(bad)


def test_every_row_is_a_valid_site() -> None:
    sites = read_sites(SITES_CSV)
    assert len(sites) == 16
    assert len({site.code for site in sites}) == 16
    monday = date(2026, 3, 2)
    for number, site in enumerate(sites, start=1):
        check_site(site)
        assert site.name_en and site.place and site.defaults_note, site.code
        assert replace(site, id=number).slots_on(monday), f"{site.code} has no slot"


def test_points_are_in_kazan_and_in_their_district() -> None:
    """Approximate points were checked against the OSM district polygons."""
    geojson = json.loads((DATA_DIR / "district_polygons.geojson").read_text(encoding="utf-8"))
    locator = DistrictLocator.from_geojson(geojson)
    sites = {site.code: site for site in read_sites(SITES_CSV)}
    for code, point in SOURCED_POINTS.items():
        assert (sites[code].lat, sites[code].lon) == point
    for site in sites.values():
        if site.lat is None or site.lon is None:
            continue
        district = locator.locate(site.lat, site.lon)
        assert district is not None, f"{site.code} is outside Kazan"
        assert site.district in (None, district), site.code

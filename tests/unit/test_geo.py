"""haversine_m and DistrictLocator, on synthetic shapes and on the real district polygons."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from domain.geo import DistrictLocator, haversine_m

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def kazan() -> DistrictLocator:
    with (DATA / "district_polygons.geojson").open(encoding="utf-8") as f:
        return DistrictLocator.from_geojson(json.load(f))


def _district_points() -> list[tuple[str, float, float]]:
    with (DATA / "districts.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    points = [
        (r["name_ru"], float(r["osm_centroid_lat"]), float(r["osm_centroid_lon"])) for r in rows
    ]
    points += [
        (r["name_ru"], float(r["wiki_point_lat"]), float(r["wiki_point_lon"]))
        for r in rows
        if r["wiki_point_lat"]
    ]
    return points


def test_haversine_sanity() -> None:
    assert haversine_m(55.79, 49.11, 55.79, 49.11) == 0.0
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195, rel=1e-4)  # one degree
    assert haversine_m(0, 179.5, 0, -179.5) == pytest.approx(111_195, rel=1e-4)  # antimeridian
    assert haversine_m(90, 0, -90, 0) == pytest.approx(20_015_115, rel=1e-4)  # half the globe
    moscow_kazan = haversine_m(55.7558, 37.6173, 55.7963, 49.1088)
    assert moscow_kazan == pytest.approx(718_000, rel=0.01)
    assert moscow_kazan == haversine_m(55.7963, 49.1088, 55.7558, 37.6173)


def test_all_seven_districts_are_loaded(kazan: DistrictLocator) -> None:
    assert sorted(kazan.districts) == [
        "Авиастроительный",
        "Вахитовский",
        "Кировский",
        "Московский",
        "Ново-Савиновский",
        "Приволжский",
        "Советский",
    ]


@pytest.mark.parametrize(("district", "lat", "lon"), _district_points())
def test_district_points_land_in_their_district(
    kazan: DistrictLocator, district: str, lat: float, lon: float
) -> None:
    assert kazan.locate(lat, lon) == district


@pytest.mark.parametrize(
    ("lat", "lon", "district"),
    [
        (55.7986, 49.1054, "Вахитовский"),  # the Kremlin
        (55.7878, 49.1220, "Вахитовский"),  # ул. Баумана
        (55.8206, 49.1612, "Ново-Савиновский"),  # Kazan Arena area
    ],
)
def test_landmarks(kazan: DistrictLocator, lat: float, lon: float, district: str) -> None:
    assert kazan.locate(lat, lon) == district


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (55.7558, 37.6173),  # Moscow
        (54.95, 48.85),  # the Volga at Tetyushi, 95 km downstream
        (55.85, 48.55),  # the Volga off Zelenodolsk, upstream
        (0.0, 0.0),
        (-55.79, -49.11),  # Kazan mirrored into the other hemispheres
    ],
)
def test_points_outside_kazan(kazan: DistrictLocator, lat: float, lon: float) -> None:
    assert kazan.locate(lat, lon) is None


def _square(west: float, south: float, size: float) -> list[tuple[float, float]]:
    return [
        (west, south),
        (west + size, south),
        (west + size, south + size),
        (west, south + size),
        (west, south),
    ]


def test_holes_and_several_parts() -> None:
    locator = DistrictLocator(
        {
            "ring": [_square(0, 0, 10), _square(3, 3, 4)],  # outer ring, then a hole
            "islands": [_square(20, 0, 2), _square(30, 0, 2)],  # MultiPolygon: two outer rings
        }
    )
    assert locator.locate(1, 1) == "ring"
    assert locator.locate(5, 5) is None  # in the hole
    assert locator.locate(1, 21) == "islands"
    assert locator.locate(1, 31) == "islands"
    assert locator.locate(1, 25) is None  # between the islands, inside their bbox
    assert locator.locate(15, 5) is None


def test_from_geojson_reads_polygons_and_multipolygons() -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"district_ru": "A"},
                "geometry": {"type": "Polygon", "coordinates": [_square(0, 0, 1)]},
            },
            {
                "type": "Feature",
                "properties": {"district_ru": "B"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[_square(5, 0, 1)], [_square(7, 0, 1)]],
                },
            },
        ],
    }
    locator = DistrictLocator.from_geojson(collection)
    assert [locator.locate(0.5, lon) for lon in (0.5, 5.5, 6.5, 7.5)] == ["A", "B", None, "B"]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="ring"):
        DistrictLocator({"A": [[(0.0, 0.0), (1.0, 1.0)]]})
    point = {
        "features": [
            {
                "properties": {"district_ru": "A"},
                "geometry": {"type": "Point", "coordinates": [0, 0]},
            }
        ]
    }
    with pytest.raises(ValueError, match="Point"):
        DistrictLocator.from_geojson(point)

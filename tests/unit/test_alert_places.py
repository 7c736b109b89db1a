"""Which street a shared location is on: the register's streets with a known point (the
city's sites named after a street), and the nearest of them within a block."""

from pathlib import Path

import pytest

from domain.address import AddressMatcher, Street
from domain.address.geocode import RegisterPoint
from domain.alerts.places import (
    STREET_RADIUS_M,
    StreetPoint,
    street_at,
    street_points,
    streets_with_site_points,
)
from domain.geo import haversine_m, nearest_within
from storage.site_data import read_sites
from tests.unit.test_address import _streets

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def points() -> list[StreetPoint]:
    return street_points(read_sites(DATA / "sites.csv"), AddressMatcher(_streets()))


def test_only_sites_named_after_a_street_of_the_register_are_street_points(
    points: list[StreetPoint],
) -> None:
    named = {(p.street.name, p.street.type) for p in points}
    assert ("Баумана", "улица") in named and ("Тукая", "площадь") in named
    # "парк Урицкого" is a park, not ул. Урицкого; a site without a map point is no point.
    assert ("Урицкого", "улица") not in named
    assert ("Даурская", "улица") not in named


def test_a_point_within_a_block_is_on_the_street(points: list[StreetPoint]) -> None:
    street = street_at(points, 55.7916, 49.1146)
    assert street is not None and street.name == "Баумана"
    assert street_at(points, 55.796127, 49.106414) is None  # the Kremlin: no known street


def test_nearest_within_takes_the_closest_in_reach() -> None:
    places = [(55.79, 49.11, "a"), (55.7905, 49.11, "b")]
    assert nearest_within(places, 55.7904, 49.11, 100) == "b"
    far = haversine_m(55.79, 49.11, 55.80, 49.11)
    assert far > STREET_RADIUS_M
    assert nearest_within(places, 55.80, 49.11, STREET_RADIUS_M) is None
    assert nearest_within([], 55.80, 49.11, 1000) is None


def test_a_street_named_by_a_site_gets_its_point_for_typed_addresses() -> None:
    sites = read_sites(DATA / "sites.csv")
    streets = streets_with_site_points(sites, AddressMatcher(_streets()))
    by_name = {(s.name, s.type): s for s in streets}
    baumana = AddressMatcher(streets).match("Baumana 15").settled
    assert baumana is not None and baumana.point == (55.7915, 49.1145)
    assert by_name[("Урицкого", "улица")].points == ()  # парк Урицкого is not the street
    assert len(streets) == len(_streets())


def test_register_points_place_a_shared_location_on_their_street() -> None:
    register = [Street("Новая Тестовая", "улица", points=(RegisterPoint(55.70, 49.20),), id=1)]
    points = street_points([], AddressMatcher(register))
    street = street_at(points, 55.7003, 49.2)
    assert street is not None and street.name == "Новая Тестовая"
    assert street_at(points, 55.71, 49.2) is None

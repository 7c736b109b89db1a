"""Coordinates of a typed address: the house between known ones, else the street's point."""

import pytest

from domain.address import AddressCandidate, Street
from domain.address.geocode import RegisterPoint, house_number, locate

POINTS = (
    RegisterPoint(55.7930, 49.1140),  # the street's own point
    RegisterPoint(55.7960, 49.1080, "1"),
    RegisterPoint(55.7900, 49.1200, "41"),
    RegisterPoint(55.7950, 49.1100, "8"),
)


@pytest.mark.parametrize(
    ("house", "number"),
    [("15", 15), ("15а", 15), ("15/2", 15), ("15к2", 15), ("15с1", 15), (None, None), ("", None)],
)
def test_house_number(house: str | None, number: int | None) -> None:
    assert house_number(house) == number


def test_a_known_house_is_its_own_point() -> None:
    assert locate(POINTS, "8") == (55.7950, 49.1100)


def test_a_house_between_two_known_ones_is_interpolated() -> None:
    lat, lon = locate(POINTS, "24") or (0.0, 0.0)
    share = (24 - 8) / (41 - 8)
    assert lat == pytest.approx(55.7950 + (55.7900 - 55.7950) * share)
    assert lon == pytest.approx(49.1100 + (49.1200 - 49.1100) * share)
    assert locate(POINTS, "24а") == locate(POINTS, "24")


def test_beyond_the_known_houses_the_nearest_end() -> None:
    assert locate(POINTS, "99") == (55.7900, 49.1200)
    assert locate(POINTS, "0") == (55.7960, 49.1080)


def test_without_house_points_or_a_house_the_street_point() -> None:
    assert locate(POINTS, None) == (55.7930, 49.1140)
    assert locate((RegisterPoint(55.7, 49.1),), "15") == (55.7, 49.1)


def test_nothing_known_is_no_point() -> None:
    assert locate((), "15") is None
    assert locate((RegisterPoint(55.79, 49.11, "3"),), None) is None


def test_a_candidate_knows_its_point() -> None:
    street = Street("Баумана", "улица", points=POINTS)
    assert AddressCandidate(street, "8", None, 100.0).point == (55.7950, 49.1100)
    assert AddressCandidate(Street("Пушкина", "улица"), "5", None, 100.0).point is None

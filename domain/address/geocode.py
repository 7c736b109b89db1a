"""Where a typed address is on the map: from the points a street register gives.

A register may give a street a point of its own (house empty) and points of some houses.
A house between two known ones is placed on the straight line between them, in proportion
to its number; beyond the known ones it takes the nearest; on a street without house points
it takes the street's point. Without any point the address has no coordinates, and only
"the same street and house" finds similar requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HOUSE_NUMBER = re.compile(r"^(\d+)")


@dataclass(frozen=True, slots=True)
class RegisterPoint:
    """A point of a street: of one house, or of the street itself (house None)."""

    lat: float
    lon: float
    house: str | None = None


def house_number(house: str | None) -> int | None:
    """The number a house is ordered by along its street: "15а", "15/2", "15к2" → 15."""
    found = _HOUSE_NUMBER.match(house or "")
    return int(found.group(1)) if found else None


def locate(points: tuple[RegisterPoint, ...], house: str | None) -> tuple[float, float] | None:
    """(lat, lon) of the house on a street with these points, or None when unknown."""
    exact = next((p for p in points if house is not None and p.house == house), None)
    if exact is not None:
        return exact.lat, exact.lon
    number = house_number(house)
    numbered = sorted(
        ((n, p) for p in points if (n := house_number(p.house)) is not None),
        key=lambda pair: pair[0],
    )
    if number is not None and numbered:
        return _along(numbered, number)
    street = next((p for p in points if p.house is None), None)
    if street is not None:
        return street.lat, street.lon
    return None


def _along(numbered: list[tuple[int, RegisterPoint]], number: int) -> tuple[float, float]:
    first_number, first = numbered[0]
    if number <= first_number:
        return first.lat, first.lon
    for (low, below), (high, above) in zip(numbered, numbered[1:], strict=False):
        if low <= number <= high:
            share = (number - low) / (high - low) if high > low else 0.0
            return (
                below.lat + (above.lat - below.lat) * share,
                below.lon + (above.lon - below.lon) * share,
            )
    last = numbered[-1][1]
    return last.lat, last.lon

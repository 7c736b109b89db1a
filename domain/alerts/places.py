"""Which street of the register a point on the map stands on.

The reference data has no street geometry: the only points known to lie on a street are
the city's sites named after one ("улица Баумана", "Петербургская улица", "площадь Тукая"
in data/sites.csv). A shared location within STREET_RADIUS_M of such a point is taken to be
on that street; anywhere else it stays a point in its district. The house is never guessed.
A fuller source of points (a geocoder, the register with coordinates) would only add to
`street_points`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from domain.address.matcher import AddressMatcher
from domain.address.model import MatchOutcome, Street
from domain.booking.sites import Site
from domain.geo import nearest_within

STREET_RADIUS_M: Final = 150.0  # a block: the same street, not the next one over


@dataclass(frozen=True, slots=True)
class StreetPoint:
    lat: float
    lon: float
    street: Street


def street_points(sites: Iterable[Site], matcher: AddressMatcher) -> list[StreetPoint]:
    """The sites with a map point whose name is a street of the register, read exactly (a
    park or a garden named after someone is not the street of that name)."""
    points = []
    for site in sites:
        if site.lat is None or site.lon is None:
            continue
        match = matcher.match(site.name_ru)
        best = match.best
        exact = match.outcome is MatchOutcome.EXACT and best is not None and best.house is None
        if exact and best is not None and _names_street(site.name_ru, best.street):
            points.append(StreetPoint(site.lat, site.lon, best.street))
    return points


def street_at(points: Iterable[StreetPoint], lat: float, lon: float) -> Street | None:
    return nearest_within(((p.lat, p.lon, p.street) for p in points), lat, lon, STREET_RADIUS_M)


def _names_street(name: str, street: Street) -> bool:
    """ "улица Баумана" names ул. Баумана; "парк им. Петрова" does not name a street Петрова
    even when the matcher would take it for one."""
    words = name.lower().replace("ё", "е").split()
    return street.type.lower() in words and street.name.lower().replace("ё", "е") in " ".join(
        words
    )

"""Which street of the register a point on the map stands on.

The reference data has no street geometry: the only points known to lie on a street are
the city's sites named after one ("улица Баумана", "Петербургская улица", "площадь Тукая"
in data/sites.csv) and the points a fuller register gives for its streets and houses
(domain/address/geocode.py). A shared location within STREET_RADIUS_M of such a point is
taken to be on that street; anywhere else it stays a point in its district. The house is
never guessed. A further source of points (a geocoder) would only add to `street_points`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from domain.address.geocode import RegisterPoint
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
    """The points the register gives for its streets and houses, and the sites with a map
    point whose name is a street of the register, read exactly (a park or a garden named
    after someone is not the street of that name)."""
    points = [
        StreetPoint(point.lat, point.lon, street)
        for street in matcher.streets
        for point in street.points
    ]
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


def streets_with_site_points(sites: Iterable[Site], matcher: AddressMatcher) -> list[Street]:
    """The register's streets, where one has no point of its own given the point of a site
    named after it, so a typed "Баумана 15" has coordinates (domain/address/geocode.py)."""
    named = {
        (p.street.name, p.street.type): RegisterPoint(p.lat, p.lon)
        for p in street_points(sites, matcher)
    }
    return [
        replace(street, points=(named[(street.name, street.type)],))
        if not street.points and (street.name, street.type) in named
        else street
        for street in matcher.streets
    ]

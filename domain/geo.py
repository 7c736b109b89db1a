"""Distances and the city district of a point.

Polygon coordinates are (lon, lat) pairs, the order of GeoJSON, so rings from
`district_polygons.geojson` can be passed as they are; functions take (lat, lon) arguments
in the order people and Telegram locations use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

EARTH_RADIUS_M: Final = 6_371_008.8  # IUGG mean radius

T = TypeVar("T")

LonLat = tuple[float, float]
Ring = Sequence[LonLat]


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (spherical Earth; within 0.5 % of the ellipsoid)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class _BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, rings: Sequence[Ring]) -> _BBox:
        lons = [lon for ring in rings for lon, _ in ring]
        lats = [lat for ring in rings for _, lat in ring]
        return cls(min(lons), min(lats), max(lons), max(lats))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True, slots=True)
class _Area:
    district: str
    bbox: _BBox
    rings: tuple[tuple[tuple[LonLat, ...], _BBox], ...]


class DistrictLocator:
    """Point-in-polygon lookup of the city district.

    `polygons` maps a district to its rings: the outer ring first, then its holes. The rings
    are combined by the even-odd rule, so a MultiPolygon is all its polygons' rings in one
    entry (outer, holes, outer, holes...), and a hole is simply one more ring.
    """

    def __init__(self, polygons: Mapping[str, Sequence[Ring]]) -> None:
        areas = []
        for district, rings in polygons.items():
            closed = [tuple(ring) for ring in rings if len(ring) >= 3]
            if not closed:
                raise ValueError(f"district {district!r} has no ring of 3+ points")
            boxed = tuple((ring, _BBox.around([ring])) for ring in closed)
            areas.append(_Area(district, _BBox.around(closed), boxed))
        self._areas = tuple(areas)

    @classmethod
    def from_geojson(
        cls, feature_collection: Mapping[str, Any], name_property: str = "district_ru"
    ) -> DistrictLocator:
        """Build from a parsed GeoJSON FeatureCollection of Polygon/MultiPolygon features.

        Several features of one district are merged, as the parts of a MultiPolygon are.
        """
        polygons: dict[str, list[Ring]] = {}
        for feature in feature_collection["features"]:
            geometry = feature["geometry"]
            parts = {
                "Polygon": [geometry["coordinates"]],
                "MultiPolygon": geometry["coordinates"],
            }.get(geometry["type"])
            if parts is None:
                raise ValueError(f"unsupported geometry type {geometry['type']!r}")
            rings = polygons.setdefault(feature["properties"][name_property], [])
            for polygon in parts:
                rings.extend(
                    [(float(lon), float(lat)) for lon, lat, *_ in ring] for ring in polygon
                )
        return cls(polygons)

    @property
    def districts(self) -> tuple[str, ...]:
        return tuple(area.district for area in self._areas)

    def locate(self, lat: float, lon: float) -> str | None:
        """The district containing the point, or None outside every district (outside Kazan)."""
        for area in self._areas:
            if area.bbox.contains(lon, lat) and _inside(area, lon, lat):
                return area.district
        return None


def _inside(area: _Area, lon: float, lat: float) -> bool:
    inside = False
    for ring, bbox in area.rings:
        if bbox.contains(lon, lat) and _in_ring(ring, lon, lat):
            inside = not inside
    return inside


def _in_ring(ring: Sequence[LonLat], x: float, y: float) -> bool:
    """Ray casting: count the edges a ray to the east crosses; odd means inside."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        # Half-open test on y, so a ray through a vertex counts the crossing once.
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def nearest_within(
    points: Iterable[tuple[float, float, T]], lat: float, lon: float, radius_m: float
) -> T | None:
    """What stands at the (lat, lon, what) point nearest to the given one, if that point is
    at most `radius_m` metres away; None otherwise."""
    best: tuple[float, T] | None = None
    for point_lat, point_lon, what in points:
        distance = haversine_m(lat, lon, point_lat, point_lon)
        if distance <= radius_m and (best is None or distance < best[0]):
            best = (distance, what)
    return best[1] if best is not None else None

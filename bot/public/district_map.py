"""Kazan's districts as SVG paths, projected once at start from the OSM polygons
(data/district_polygons.geojson, © OpenStreetMap contributors, ODbL 1.0): no tile server,
works offline, a few kilobytes per page."""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WIDTH = 600.0  # the drawing's width in SVG units; the height follows the city's shape
TOLERANCE = 0.7  # simplification, in SVG units: finer than a pixel at the page's size
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class DistrictShape:
    name_ru: str
    path: str  # the SVG path data
    label_at: Point  # where its figure is written


@dataclass(frozen=True, slots=True)
class DistrictMap:
    width: float
    height: float
    shapes: tuple[DistrictShape, ...]


def load_district_map(geojson_path: Path) -> DistrictMap:
    features = json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    rings = {f["properties"]["district_ru"]: _outer_rings(f["geometry"]) for f in features}
    every = [point for parts in rings.values() for ring in parts for point in ring]
    west, east = min(p[0] for p in every), max(p[0] for p in every)
    south, north = min(p[1] for p in every), max(p[1] for p in every)
    # Equirectangular at the city's latitude: true enough in shape for a city this size.
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale, 1)

    def project(lon: float, lat: float) -> Point:
        return ((lon - west) * squeeze * scale, (north - lat) * scale)

    shapes = []
    for name, parts in rings.items():
        projected = [_simplify([project(*p) for p in ring]) for ring in parts]
        largest = max(projected, key=_area)
        shapes.append(DistrictShape(name, _path(projected), _centroid(largest)))
    return DistrictMap(WIDTH, height, tuple(shapes))


def _outer_rings(geometry: dict[str, Any]) -> list[list[Point]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[(p[0], p[1]) for p in polygon[0]] for polygon in polygons]


def _path(rings: list[list[Point]]) -> str:
    parts = []
    for ring in rings:
        head, *rest = ring
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in rest)
        parts.append(f"M{head[0]:.1f},{head[1]:.1f} L{line} Z")
    return " ".join(parts)


def _simplify(ring: list[Point]) -> list[Point]:
    """Douglas-Peucker on the ring (iterative: a long ring must not exhaust the stack)."""
    if len(ring) < 4:
        return ring
    keep = {0, len(ring) - 1}
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        far, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance(ring[index], ring[first], ring[last])
            if d > distance:
                far, distance = index, d
        if distance > TOLERANCE:
            keep.add(far)
            stack += [(first, far), (far, last)]
    return [ring[index] for index in sorted(keep)]


def _distance(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return math.hypot(x - x1, y - y1)
    return abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length


def _area(ring: list[Point]) -> float:
    return abs(_signed_area(ring))


def _signed_area(ring: list[Point]) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs) / 2


def _centroid(ring: list[Point]) -> Point:
    area = _signed_area(ring)
    if area == 0:
        return ring[0]
    pairs = list(zip(ring, ring[1:] + ring[:1], strict=True))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    return (cx, cy)

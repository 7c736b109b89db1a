"""Kazan places for the location picker: district centres and Art-prospect sites.

Read from the project's reference data (data/districts.csv, data/sites.csv), so the
picker offers the same points the bot knows; no map tiles are needed.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # "district" (its centroid) or "site"
    lat: float
    lon: float
    # The name in the page's languages (ru, tt, en) where the reference data has one.
    names: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def load_places(data_dir: Path = DEFAULT_DATA_DIR) -> list[Place]:
    """District centroids first, then the sites; a missing file leaves only free coordinates."""
    places: list[Place] = []
    for row in _rows(data_dir / "districts.csv"):
        point = _point(row["osm_centroid_lat"], row["osm_centroid_lon"])
        if point is not None:
            name = row["name_ru_full"] or row["name_ru"]
            places.append(Place(name, "district", *point, _names(row, name)))
    for row in _rows(data_dir / "sites.csv"):
        point = _point(row["lat"], row["lon"])
        if point is not None:  # a site whose place is not fixed yet has no coordinates
            places.append(Place(row["name_ru"], "site", *point, _names(row, row["name_ru"])))
    return places


def _names(row: dict[str, str], russian: str) -> dict[str, str]:
    """The place's name per language; a missing translation falls back to the Russian."""
    names = {"ru": russian}
    for language in ("tt", "en"):
        names[language] = (row.get(f"name_{language}") or "").strip() or russian
    return names


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        logger.warning("no %s: the location picker offers free coordinates only", path)
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _point(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        return round(float(lat), 6), round(float(lon), 6)
    except ValueError:
        return None

"""Merging street lists into the streets tables: the bundled list and fuller registers.

Merging only ever adds: a street keeps the districts and Tatar name it already has, so a
fuller register imported once is not undone when the bundled list is loaded again.
A register may give coordinates (optional `lat,lon`, with `house` for a house's point,
without it for the street's own); a street is then listed once per point.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialects import insert_for
from storage.models import DistrictRow, StreetDistrictRow, StreetPointRow, StreetRow

REQUIRED_COLUMNS = ("name_ru", "type_ru")
DISTRICT_SEPARATOR = ";"
# Kazan's bounding box with a margin (kazan_city.json): a point outside is a typo.
_LAT_RANGE = (55.5, 56.1)
_LON_RANGE = (48.7, 49.5)


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load changed; `problems` name the skipped input lines."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    retired: int = 0
    problems: tuple[str, ...] = field(default=())


@dataclass(slots=True)
class _StreetInput:
    name: str
    type: str
    name_tt: str | None
    districts: set[str]
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # house ("") → point


async def import_streets(session: AsyncSession, path: Path) -> LoadReport:
    """Merge a register CSV (`name_ru,type_ru[,name_tt][,district_ru]`); caller commits.

    Bad rows are skipped and reported with their line numbers; a bad header raises
    ValueError before anything is written.
    """
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        header = [name.strip() for name in reader.fieldnames or ()]
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        reader.fieldnames = header
        rows = [(reader.line_num, row) for row in reader]
    known = set(await session.scalars(select(DistrictRow.name_ru)))
    return await _merge(session, _parse(rows, known))


def _parse(
    rows: Iterable[tuple[int, dict[str, str | None]]], known_districts: set[str]
) -> tuple[dict[tuple[str, str], _StreetInput], list[str]]:
    streets: dict[tuple[str, str], _StreetInput] = {}
    problems: list[str] = []
    for line, row in rows:
        name, kind = _cell(row, "name_ru"), _cell(row, "type_ru")
        districts = {
            part.strip()
            for part in (_cell(row, "district_ru") or "").split(DISTRICT_SEPARATOR)
            if part.strip()
        }
        unknown = sorted(districts - known_districts)
        if not name or not kind:
            problems.append(f"line {line}: name_ru and type_ru are required")
        elif unknown:
            problems.append(f"line {line}: unknown district {', '.join(unknown)}")
        elif len(name) > 128 or len(kind) > 32 or len(_cell(row, "name_tt") or "") > 128:
            problems.append(f"line {line}: a name or type is too long")
        elif not _point_is_valid(row):
            problems.append(f"line {line}: lat and lon must both be given, inside Kazan")
        else:
            # A street crossing districts may be listed once per district: merge them.
            entry = streets.setdefault((name, kind), _StreetInput(name, kind, None, set()))
            entry.name_tt = _cell(row, "name_tt") or entry.name_tt
            entry.districts |= districts
            if (point := _point(row)) is not None:
                entry.points[(_cell(row, "house") or "")[:32]] = point
    return streets, problems


def _point(row: dict[str, str | None]) -> tuple[float, float] | None:
    """The row's point (lat, lon), None without one; ValueError when it is not a number."""
    lat, lon = _cell(row, "lat"), _cell(row, "lon")
    if lat is None and lon is None:
        return None
    return float(lat or ""), float(lon or "")


def _point_is_valid(row: dict[str, str | None]) -> bool:
    try:
        point = _point(row)
    except ValueError:
        return False
    if point is None:
        return True
    (south, north), (west, east) = _LAT_RANGE, _LON_RANGE
    return south <= point[0] <= north and west <= point[1] <= east


def _cell(row: dict[str, str | None], column: str) -> str | None:
    value = row.get(column)
    # Collapse inner whitespace: "Баумана  " and "Баумана" are one street.
    return (" ".join(value.split()) or None) if value else None


async def _merge(
    session: AsyncSession, parsed: tuple[dict[tuple[str, str], _StreetInput], list[str]]
) -> LoadReport:
    streets, problems = parsed
    rows = await session.scalars(select(StreetRow).execution_options(populate_existing=True))
    existing = {(row.name, row.type): row for row in rows}
    links: dict[int, set[str]] = {}
    for street_id, district in await session.execute(
        select(StreetDistrictRow.street_id, StreetDistrictRow.district)
    ):
        links.setdefault(street_id, set()).add(district)
    points: dict[int, dict[str, tuple[float, float]]] = {}
    for street_id, house, lat, lon in await session.execute(
        select(
            StreetPointRow.street_id, StreetPointRow.house, StreetPointRow.lat, StreetPointRow.lon
        )
    ):
        points.setdefault(street_id, {})[house] = (lat, lon)

    added = updated = unchanged = 0
    to_write: list[_StreetInput] = []
    for key, street in streets.items():
        row = existing.get(key)
        if row is None:
            added += 1
            to_write.append(street)
        elif (
            (street.name_tt and street.name_tt != row.name_tt)
            or not street.districts <= links.get(row.id, set())
            or not street.points.items() <= points.get(row.id, {}).items()
        ):
            updated += 1
            to_write.append(street)
        else:
            unchanged += 1
    await _write(session, to_write)
    return LoadReport(
        added=added,
        updated=updated,
        unchanged=unchanged,
        skipped=len(problems),
        problems=tuple(problems),
    )


async def _write(session: AsyncSession, streets: list[_StreetInput]) -> None:
    if not streets:
        return
    insert = insert_for(session, StreetRow)
    # Upsert, not plain insert: a second process loading at the same moment is harmless.
    upsert = insert.on_conflict_do_update(
        index_elements=["name", "type"],
        set_={"name_tt": func.coalesce(insert.excluded.name_tt, StreetRow.name_tt)},
    ).returning(StreetRow.id, StreetRow.name, StreetRow.type)
    result = await session.execute(
        upsert, [{"name": s.name, "type": s.type, "name_tt": s.name_tt} for s in streets]
    )
    ids = {(name, kind): street_id for street_id, name, kind in result}
    pairs = [
        {"street_id": ids[(s.name, s.type)], "district": district}
        for s in streets
        for district in sorted(s.districts)
    ]
    if pairs:
        await session.execute(
            insert_for(session, StreetDistrictRow).on_conflict_do_nothing(), pairs
        )
    located = [
        {"street_id": ids[(s.name, s.type)], "house": house, "lat": lat, "lon": lon}
        for s in streets
        for house, (lat, lon) in sorted(s.points.items())
    ]
    if located:
        insert_point = insert_for(session, StreetPointRow)
        # A newer register moves a point it gives again.
        await session.execute(
            insert_point.on_conflict_do_update(
                index_elements=["street_id", "house"],
                set_={"lat": insert_point.excluded.lat, "lon": insert_point.excluded.lon},
            ),
            located,
        )

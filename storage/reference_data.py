"""Idempotent loading of Kazan's reference data (data/*.csv) into the database.

Every loader upserts (except sites and FAQ entries, only ever added: see storage/site_data.py
and storage/faq_data.py): running it again changes nothing, and an edited row (a new deadline
in categories.csv, say) is updated in place. Callers own the transaction and commit.
"""

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.geo import DistrictLocator
from storage.csv_files import read_rows
from storage.department_data import load_departments
from storage.dialects import insert_for
from storage.faq_data import seed_faq
from storage.models import CategoryRow, DistrictRow
from storage.site_data import load_sites
from storage.street_register import LoadReport, import_streets

logger = logging.getLogger(__name__)

CATEGORY_FIELDS = (
    "code",
    "name_ru",
    "name_tt",
    "name_en",
    "first_response_hours",
    "resolution_working_days",
)

__all__ = [
    "LoadReport",
    "ReferenceReport",
    "district_geojson",
    "import_streets",
    "load_categories",
    "load_district_locator",
    "load_districts",
    "load_reference_data",
]


@dataclass(frozen=True, slots=True)
class ReferenceReport:
    districts: LoadReport
    categories: LoadReport
    streets: LoadReport
    sites: LoadReport
    faq_entries: LoadReport  # named as its table, like the others
    departments: LoadReport


async def load_reference_data(
    session: AsyncSession, data_dir: Path, now: datetime | None = None
) -> ReferenceReport:
    """Districts first: streets and sites refer to them; categories before the FAQ and the
    departments' routes. Sites, FAQ entries and departments are only added, never updated
    (see storage/site_data.py, faq_data.py, department_data.py)."""
    districts = await load_districts(
        session, data_dir / "districts.csv", data_dir / "district_polygons.geojson"
    )
    categories = await load_categories(session, data_dir / "categories.csv")
    streets = await import_streets(session, data_dir / "streets.csv")
    for problem in streets.problems:
        logger.warning("streets.csv: %s", problem)
    now = now or datetime.now(UTC)
    sites = await load_sites(session, data_dir / "sites.csv", now)
    faq = await seed_faq(session, data_dir, now)
    departments = await load_departments(session, data_dir / "departments.csv")
    return ReferenceReport(
        districts=districts,
        categories=categories,
        streets=streets,
        sites=sites,
        faq_entries=faq,
        departments=departments,
    )


async def load_districts(session: AsyncSession, csv_path: Path, geojson_path: Path) -> LoadReport:
    polygons = {
        feature["properties"]["district_ru"]: feature["geometry"]
        for feature in json.loads(geojson_path.read_text(encoding="utf-8"))["features"]
    }
    wanted = []
    for row in read_rows(csv_path, ("name_ru", "name_tt", "name_en")):
        geometry = polygons.get(row["name_ru"])
        wanted.append(
            {
                "name_ru": row["name_ru"],
                "name_tt": row["name_tt"],
                "name_en": row["name_en"],
                "centroid_lat": _float(row.get("osm_centroid_lat")),
                "centroid_lon": _float(row.get("osm_centroid_lon")),
                "polygon_geojson": json.dumps(geometry, separators=(",", ":"))
                if geometry
                else None,
            }
        )
    return await _upsert_changed(session, DistrictRow, "name_ru", wanted)


async def load_categories(session: AsyncSession, csv_path: Path) -> LoadReport:
    """Categories missing from the file are retired (hidden), never deleted."""
    wanted = []
    for position, row in enumerate(read_rows(csv_path, CATEGORY_FIELDS)):
        try:
            hours, days = int(row["first_response_hours"]), int(row["resolution_working_days"])
        except ValueError as error:
            raise ValueError(f"{csv_path.name}: category {row['code']}: {error}") from error
        wanted.append(
            {
                **{name: row[name] for name in CATEGORY_FIELDS[:4]},
                "first_response_hours": hours,
                "resolution_working_days": days,
                "position": position,
                "active": True,
            }
        )
    report = await _upsert_changed(session, CategoryRow, "code", wanted)
    retired = await session.scalars(
        update(CategoryRow)
        .where(CategoryRow.code.not_in([row["code"] for row in wanted]), CategoryRow.active)
        .values(active=False)
        .returning(CategoryRow.code)
    )
    return LoadReport(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        retired=len(retired.all()),
    )


async def district_geojson(session: AsyncSession) -> dict[str, Any]:
    """The districts table as a GeoJSON FeatureCollection shaped like the bundled file."""
    rows = await session.scalars(
        select(DistrictRow)
        .where(DistrictRow.polygon_geojson.is_not(None))
        .order_by(DistrictRow.name_ru)
    )
    features = [
        {
            "type": "Feature",
            "properties": {"district_ru": row.name_ru},
            "geometry": json.loads(row.polygon_geojson or "null"),
        }
        for row in rows
    ]
    return {"type": "FeatureCollection", "features": features}


async def load_district_locator(session: AsyncSession) -> DistrictLocator:
    """The bot's district lookup, built at start-up from the districts table (empty, so
    locating nothing, until the reference data has been loaded)."""
    return DistrictLocator.from_geojson(await district_geojson(session))


async def _upsert_changed(
    session: AsyncSession, model: Any, key: str, wanted: list[dict[str, Any]]
) -> LoadReport:
    columns = list(wanted[0]) if wanted else []
    stored = {
        getattr(row, key): {name: getattr(row, name) for name in columns}
        for row in await session.scalars(select(model).execution_options(populate_existing=True))
    }
    changed = [row for row in wanted if stored.get(row[key]) != row]
    added = sum(1 for row in changed if row[key] not in stored)
    if changed:
        statement = insert_for(session, model)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[key],
                set_={name: statement.excluded[name] for name in columns if name != key},
            ),
            changed,
        )
    return LoadReport(
        added=added, updated=len(changed) - added, unchanged=len(wanted) - len(changed)
    )


def _float(value: str | None) -> float | None:
    return float(value) if value else None

"""The city's departments and routes seeded from data/departments.csv.

Like sites (storage/site_data.py), only what is missing is added: a department whose code
the database lacks, a route whose (category, district) has none. After that departments
belong to the city's administrators, who set chats, topics, heads, names and routes through
the admin API (/api/v1/departments), and the next `mykazan migrate` must not undo them: a
department they removed (kept in removed_departments) is not added again, nor its routes.

Columns: code, names (ru, tt, en), categories (`|`-separated codes), districts
(`|`-separated Russian names; empty: the categories in every district without a route of
its own), chat_id, thread_id, head_user_id (deployment-specific, usually empty), source.
"""

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.departments import ANY_DISTRICT, Department, Route
from storage.csv_files import read_rows
from storage.dialects import insert_for
from storage.models import (
    CategoryRow,
    DepartmentRouteRow,
    DepartmentRow,
    DistrictRow,
    RemovedDepartmentRow,
)
from storage.street_register import LoadReport

COLUMNS = ("code", "name_ru", "name_tt", "name_en", "categories", "districts")
CODE = re.compile(r"[a-z][a-z0-9_]{1,31}")  # requests.department holds 32 characters


def read_departments(csv_path: Path) -> tuple[list[Department], list[Route]]:
    """The file's departments and routes; ValueError for a route claimed twice."""
    departments: list[Department] = []
    routes: dict[tuple[str, str], Route] = {}
    for position, row in enumerate(read_rows(csv_path, COLUMNS)):
        if not CODE.fullmatch(row["code"]):
            raise ValueError(f"{csv_path.name}: bad code {row['code']!r} ({CODE.pattern})")
        departments.append(
            Department(
                code=row["code"],
                name_ru=row["name_ru"],
                name_tt=row["name_tt"],
                name_en=row["name_en"],
                chat_id=_int(row.get("chat_id")),
                thread_id=_int(row.get("thread_id")),
                head_user_id=_int(row.get("head_user_id")),
                position=position,
            )
        )
        districts = _split(row["districts"]) or [ANY_DISTRICT]
        for category in _split(row["categories"]):
            for district in districts:
                if (category, district) in routes:
                    raise ValueError(
                        f"{csv_path.name}: {category} in {district or 'any district'} "
                        "is routed twice"
                    )
                routes[(category, district)] = Route(category, district, row["code"])
    return departments, list(routes.values())


async def load_departments(session: AsyncSession, csv_path: Path) -> LoadReport:
    """Add the missing departments and routes; `unchanged` counts departments kept as stored
    (or removed through the admin API).
    Categories and districts must be loaded first (routes refer to them)."""
    departments, routes = read_departments(csv_path)
    categories = set(await session.scalars(select(CategoryRow.code)))
    districts = set(await session.scalars(select(DistrictRow.name_ru)))
    for route in routes:
        if route.category not in categories:
            raise ValueError(f"{csv_path.name}: unknown category {route.category!r}")
        if route.district != ANY_DISTRICT and route.district not in districts:
            raise ValueError(f"{csv_path.name}: unknown district {route.district!r}")
    stored = set(await session.scalars(select(DepartmentRow.code)))
    removed = set(await session.scalars(select(RemovedDepartmentRow.code)))
    missing = [d for d in departments if d.code not in stored | removed]
    for department in missing:
        await session.execute(
            insert_for(session, DepartmentRow)
            .values(**_values(department))
            .on_conflict_do_nothing(index_elements=["code"])
        )
    for route in routes:
        if route.department in removed:
            continue
        await session.execute(
            insert_for(session, DepartmentRouteRow)
            .values(category=route.category, district=route.district, department=route.department)
            .on_conflict_do_nothing(index_elements=["category", "district"])
        )
    return LoadReport(added=len(missing), updated=0, unchanged=len(departments) - len(missing))


def _values(department: Department) -> dict[str, object]:
    return {
        "code": department.code,
        "name_ru": department.name_ru,
        "name_tt": department.name_tt,
        "name_en": department.name_en,
        "chat_id": department.chat_id,
        "thread_id": department.thread_id,
        "head_user_id": department.head_user_id,
        "position": department.position,
    }


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _int(value: str | None) -> int | None:
    return int(value) if value else None

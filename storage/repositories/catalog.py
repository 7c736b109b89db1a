"""Read-side of the reference data: categories, districts and streets."""

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.address.model import Street
from domain.categories import Category
from domain.districts import District
from storage.category_cache import CategoryCache, CategorySet
from storage.mappers import category_from_row, street_from_row
from storage.models import CategoryRow, DistrictRow, StreetRow


class SqlCategoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._cache: CategoryCache | None = None
        self._version: int | None = None

    def read_through(self, cache: CategoryCache, version: int | None) -> None:
        """Answer from the process's `cache` at the categories' `version` as this update
        read it (storage/category_cache.py); None (no version row): read the database."""
        self._cache, self._version = cache, version

    async def list_active(self) -> list[Category]:
        if (kept := await self._kept()) is not None:
            return list(kept.active)
        rows = await self._session.scalars(_ACTIVE_CATEGORIES)
        return [category_from_row(row) for row in rows]

    async def get(self, code: str) -> Category | None:
        """Any category by code, retired ones too: old requests still show their names."""
        if (kept := await self._kept()) is not None:
            return kept.by_code.get(code)
        row = (await self._session.scalars(_CATEGORY, {"code": code})).first()
        return category_from_row(row) if row is not None else None

    async def _kept(self) -> CategorySet | None:
        if self._cache is None or self._version is None:
            return None
        return await self._cache.at(self._version, self._session)


# Built once: the statement object keeps its cache key (issue 16, storage/first_read.py).
_ACTIVE_CATEGORIES = (
    select(CategoryRow)
    .where(CategoryRow.active.is_(True))
    .order_by(CategoryRow.position, CategoryRow.code)
)
# Not Session.get: it builds its statement anew at each call, and in a session of one update
# its identity map rarely holds the category.
_CATEGORY = select(CategoryRow).where(CategoryRow.code == bindparam("code"))


class SqlStreetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[Street]:
        rows = await self._session.scalars(
            select(StreetRow)
            .options(selectinload(StreetRow.districts), selectinload(StreetRow.points))
            .order_by(StreetRow.name, StreetRow.type, StreetRow.id)
        )
        return [street_from_row(row) for row in rows]


class SqlDistrictRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def all(self) -> list[District]:
        rows = await self._session.scalars(select(DistrictRow).order_by(DistrictRow.name_ru))
        return [District(row.name_ru, row.name_tt, row.name_en) for row in rows]

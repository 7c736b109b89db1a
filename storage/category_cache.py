"""The categories, kept in each process's memory and reloaded when they changed anywhere.

About half of a resident's updates read the categories (the report menu, a category press,
the summary, /my, a request card): a statement each, for ten rows that change a few times a
year. The database keeps a version number for them that triggers move in the same
transaction as any change (migration 0028); the update's first statement reads it anyway
(storage/first_read.py), at no extra round trip. A process serves the categories from memory
while that number is the one they were loaded at, and reloads them (one statement) when it
moved: a change by another process, the data loader or an operator's SQL is seen by the
next update that starts after its commit.

The data loaded is never older than the number it is kept under: the number is read first,
the rows after, and a later read sees at least what an earlier one saw. (Rows newer than
their number only cost one more reload.)
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.categories import Category
from storage.mappers import category_from_row
from storage.models import CategoryRow, ReferenceVersionRow

CATEGORIES = "categories"  # the name of their version (reference_versions.name)


@dataclass(frozen=True, slots=True)
class CategorySet:
    version: int
    active: tuple[Category, ...]  # in the order they are offered
    by_code: dict[str, Category]  # retired ones too: old requests still show their names


class CategoryCache:
    """One per process (the dispatcher's unit-of-work middleware holds it)."""

    def __init__(self) -> None:
        self._kept: CategorySet | None = None
        self.loads = 0  # how many times the rows were read (for tests and benchmarks)

    async def at(self, version: int, session: AsyncSession) -> CategorySet:
        """The categories as of `version` (the number this update read) or later."""
        kept = self._kept
        if kept is not None and kept.version == version:
            return kept
        rows = (await session.scalars(_ALL)).all()
        self.loads += 1
        everything = [category_from_row(row) for row in rows]
        kept = CategorySet(
            version,
            tuple(c for c, row in zip(everything, rows, strict=True) if row.active),
            {c.code: c for c in everything},
        )
        self._kept = kept
        return kept


# Built once: the statements keep their cache keys (issue 16).
_ALL = select(CategoryRow).order_by(CategoryRow.position, CategoryRow.code)
VERSION = (
    select(ReferenceVersionRow.version)
    .where(ReferenceVersionRow.name == CATEGORIES)
    .scalar_subquery()
    .label("categories_version")
)

"""Sample domain values and seeding helpers shared by the storage tests."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.categories import Category
from domain.users import User
from storage.models import CategoryRow

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def make_user(user_id: int = 1001, **changes: object) -> User:
    values: dict[str, object] = {
        "id": user_id,
        "first_name": "Alsu",
        "locale": "tt",
        "created_at": NOW,
        "username": "alsu",
    }
    values.update(changes)
    return User(**values)  # type: ignore[arg-type]


async def add_categories(session: AsyncSession, *categories: Category) -> None:
    """Categories have no write port (they come from the reference loader): seed directly."""
    rows = [
        {
            "code": c.code,
            "name_ru": c.name_ru,
            "name_tt": c.name_tt,
            "name_en": c.name_en,
            "first_response_hours": c.first_response_hours,
            "resolution_working_days": c.resolution_working_days,
            "position": c.position,
        }
        for c in categories
    ]
    await session.execute(insert(CategoryRow), rows)


ROADS = Category("roads", "Дороги", "Юллар", "Roads", 24, 10, position=0)
LIGHTING = Category("lighting", "Освещение", "Яктырту", "Lighting", 24, 5, position=1)

"""Dialect-aware INSERT ... ON CONFLICT: SQLite and PostgreSQL spell it alike."""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

Upsert = sqlite.Insert | postgresql.Insert


def insert_for(session: AsyncSession, entity: Any) -> Upsert:
    """An INSERT that supports `on_conflict_do_nothing/update` on the session's backend."""
    name = session.get_bind().dialect.name
    if name == "sqlite":
        return sqlite.insert(entity)
    if name == "postgresql":
        return postgresql.insert(entity)
    raise NotImplementedError(f"no upsert for the {name} dialect")

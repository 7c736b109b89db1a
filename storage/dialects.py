"""Dialect-aware INSERT ... ON CONFLICT: SQLite and PostgreSQL spell it alike."""

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, TextClause, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

Upsert = sqlite.Insert | postgresql.Insert


def insert_for(session: AsyncSession, entity: Any) -> Upsert:
    """An INSERT that supports `on_conflict_do_nothing/update` on the session's backend."""
    name = session.get_bind().dialect.name
    if name == "sqlite":
        return sqlite.insert(entity)
    if name == "postgresql":
        return postgresql.insert(entity)
    raise NotImplementedError(f"no upsert for the {name} dialect")


def upsert(
    entity: type[DeclarativeBase],
    key: Sequence[str],
    columns: Sequence[str],
    *,
    update: Sequence[str] = (),
    returning: str | None = None,
) -> TextClause:
    """INSERT ... ON CONFLICT (key) DO NOTHING, or DO UPDATE the `update` columns, as text.

    The dialects' own constructs (`insert_for`) have no cache key, so SQLAlchemy compiles
    them on every call; this text is spelled alike by SQLite and PostgreSQL and is compiled
    once per process. Build it once (a module constant) and pass the values as parameters;
    the bound parameters carry the columns' types (aware timestamps, JSON).
    """
    table = cast(Table, entity.__table__)
    names = ", ".join(f'"{name}"' for name in columns)
    values = ", ".join(f":{name}" for name in columns)
    target = ", ".join(f'"{name}"' for name in key)
    action = "NOTHING"
    if update:
        action = "UPDATE SET " + ", ".join(f'"{name}" = excluded."{name}"' for name in update)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({values})'
    sql += f" ON CONFLICT ({target}) DO {action}"
    if returning is not None:
        sql += f' RETURNING "{returning}"'
    typed = [bindparam(name, type_=table.c[name].type) for name in columns]
    return text(sql).bindparams(*typed)

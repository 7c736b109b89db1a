"""Bringing a database up to date: schema (alembic) then reference data, both idempotent.

A restart usually finds both as they were: `is_current` checks that with two reads (the
schema's revision against the migrations' head, and a digest of the data files against the
one recorded by the last load), so `mykazan run` starts without the migration work.
"""

import hashlib
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.engine import create_engine, create_session_factory
from storage.migrate import head_revision, upgrade
from storage.models import ReferenceLoadRow
from storage.reference_data import load_reference_data
from storage.street_register import import_streets

REFERENCE_DATA = "reference_data"


async def migrate_and_load(url: str, data_dir: Path) -> dict[str, Any]:
    await upgrade(url)
    engine = create_engine(url)
    try:
        async with create_session_factory(engine).begin() as session:
            report = await load_reference_data(session, data_dir)
            await _record_load(session, data_digest(data_dir))
    finally:
        await engine.dispose()
    return {name: _counts(value) for name, value in asdict(report).items()}


async def migrate_if_needed(url: str, data_dir: Path) -> dict[str, Any] | None:
    """`migrate_and_load` unless the database is already current (then None)."""
    if await is_current(url, data_dir):
        return None
    return await migrate_and_load(url, data_dir)


async def is_current(url: str, data_dir: Path) -> bool:
    """The schema is at the migrations' head and the data files are those last loaded."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            revision = await connection.scalar(text("SELECT version_num FROM alembic_version"))
            if revision != head_revision():
                return False
            recorded = await connection.scalar(
                select(ReferenceLoadRow.digest).where(ReferenceLoadRow.name == REFERENCE_DATA)
            )
    except DBAPIError:  # a new database: no version table yet, or no load recorded
        return False
    finally:
        await engine.dispose()
    return recorded == data_digest(data_dir)


def data_digest(data_dir: Path) -> str:
    """Every file under the data directory, by its path and bytes (a few hundred KB)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


async def _record_load(session: AsyncSession, digest: str) -> None:
    await session.execute(delete(ReferenceLoadRow).where(ReferenceLoadRow.name == REFERENCE_DATA))
    session.add(ReferenceLoadRow(name=REFERENCE_DATA, digest=digest, loaded_at=datetime.now(UTC)))


async def import_street_register(url: str, path: Path) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine).begin() as session:
            report = await import_streets(session, path)
    finally:
        await engine.dispose()
    return _counts(asdict(report)) | {"errors": list(report.problems)}


def _counts(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k != "problems"}

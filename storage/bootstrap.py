"""Bringing a database up to date: schema (alembic) then reference data, both idempotent."""

from dataclasses import asdict
from pathlib import Path
from typing import Any

from storage.engine import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.reference_data import load_reference_data
from storage.street_register import import_streets


async def migrate_and_load(url: str, data_dir: Path) -> dict[str, Any]:
    await upgrade(url)
    engine = create_engine(url)
    try:
        async with create_session_factory(engine).begin() as session:
            report = await load_reference_data(session, data_dir)
    finally:
        await engine.dispose()
    return {name: _counts(value) for name, value in asdict(report).items()}


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

"""Throwaway databases for the storage tests: SQLite files and fresh PostgreSQL databases."""

import asyncio
import os
import uuid
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.settings import async_database_url

POSTGRES_URL_VARIABLE = "TEST_POSTGRES_URL"
# PostgreSQL runs only when TEST_POSTGRES_URL is set (tests/conftest.py skips the marker).
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
T = TypeVar("T")


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def in_thread(function: Callable[..., T], *args: Any) -> T:
    """Run blocking set-up (which may start its own event loop) in a worker thread, so that
    session-scoped fixtures never touch pytest-asyncio's loops."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def run_outside_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    return in_thread(asyncio.run, coroutine)


def postgres_admin_url() -> str:
    """TEST_POSTGRES_URL, as the provider wrote it (postgres://…) or with the driver."""
    return async_database_url(os.environ[POSTGRES_URL_VARIABLE])


async def create_postgres_database() -> str:
    """A new, empty database next to the one TEST_POSTGRES_URL names; returns its URL."""
    name = f"mykazan_test_{uuid.uuid4().hex[:12]}"
    await _admin(f'CREATE DATABASE "{name}"')
    url = make_url(postgres_admin_url()).set(database=name)
    return url.render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(statement: str) -> None:
    engine = create_async_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def truncate_all(engine: AsyncEngine) -> None:
    """Empty every table but alembic's, restarting the id sequences."""
    async with engine.begin() as connection:
        names = await connection.scalars(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'alembic_version'"
            )
        )
        tables = ", ".join(f'"{name}"' for name in names)
        if tables:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))

"""Counts, per kind of update, the SQL statements and the driver round trips it causes.

A statement is what SQLAlchemy hands the driver (`before_cursor_execute`). A round trip is a
call that waits for the driver: on aiosqlite each hand-off to its thread (a cursor, an
execute, a fetch, a close, a commit), on asyncpg each message exchange with the server
(BEGIN, prepare, execute, COMMIT/ROLLBACK). Both are attributed to the update whose task
made them; what no update's task made (the grouped claims of no-op updates) is counted as
OFF_PATH.
"""

from __future__ import annotations

import asyncio
import functools
from collections import Counter
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

import aiosqlite.core
import asyncpg.connection
import asyncpg.prepared_stmt
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

OFF_PATH = "(off the updates' path)"
# asyncpg's methods call one another: only the outermost call in a task is counted.
_INSIDE: ContextVar[bool] = ContextVar("inside_driver_call", default=False)

_ASYNCPG_CALLS = (
    (asyncpg.connection.Connection, ("execute", "executemany", "prepare", "fetchrow")),
    (asyncpg.prepared_stmt.PreparedStatement, ("fetch", "fetchrow", "executemany")),
)


class DriverCalls:
    def __init__(self) -> None:
        self.kind_of_task: dict[asyncio.Task[Any], str] = {}
        self.statements: Counter[str] = Counter()
        self.round_trips: Counter[str] = Counter()
        self._wrapped: list[tuple[type, str, Callable[..., Any]]] = []

    def attach(self, engine: AsyncEngine) -> None:
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        if engine.dialect.name == "sqlite":
            self._wrap(aiosqlite.core.Connection, "_execute")
        else:
            for owner, names in _ASYNCPG_CALLS:
                for name in names:
                    self._wrap(owner, name)

    def detach(self) -> None:
        """The drivers' methods as they were (a test process goes on with other tests)."""
        for owner, name, original in reversed(self._wrapped):
            setattr(owner, name, original)
        self._wrapped.clear()

    def _kind(self) -> str:
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return OFF_PATH
        return self.kind_of_task.get(task, OFF_PATH) if task is not None else OFF_PATH

    def _statement(self, *_: Any) -> None:
        self.statements[self._kind()] += 1

    def _wrap(self, owner: type, name: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)
        calls = self

        @functools.wraps(original)
        async def counted(*args: Any, **kwargs: Any) -> Any:
            if _INSIDE.get():
                return await original(*args, **kwargs)
            calls.round_trips[calls._kind()] += 1
            token = _INSIDE.set(True)
            try:
                return await original(*args, **kwargs)
            finally:
                _INSIDE.reset(token)

        self._wrapped.append((owner, name, original))
        setattr(owner, name, counted)

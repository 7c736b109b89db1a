"""Conversation (FSM) state rows, without aiogram: the bot wraps this in a BaseStorage.

Inside an update the bot opens an `FsmBuffer` on the update's unit of work: the state is read
once, kept in memory while the handler changes it, and written once by the commit, in the same
transaction as the domain change and the processed update id (all or nothing on a crash). No
write lock is taken while the handler talks to Telegram. Outside an update every call is its
own short transaction.
"""

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock, SystemClock
from storage.dialects import upsert
from storage.models import FsmStateRow

DEFAULT_DESTINY = "default"
KEY_COLUMNS = ("bot_id", "chat_id", "user_id", "thread_id", "business_connection_id", "destiny")
_VALUES = ("state", "data", "updated_at")
_UPSERT = upsert(FsmStateRow, KEY_COLUMNS, KEY_COLUMNS + _VALUES, update=_VALUES)


@dataclass(frozen=True, slots=True)
class FsmKey:
    """Mirrors aiogram's StorageKey field for field."""

    bot_id: int
    chat_id: int
    user_id: int
    thread_id: int | None = None
    business_connection_id: str | None = None
    destiny: str = DEFAULT_DESTINY


@dataclass(slots=True)
class FormEntry:
    state: str | None
    data: dict[str, Any]
    dirty: bool = False

    @classmethod
    def from_columns(cls, state: str | None, data: dict[str, Any] | None) -> "FormEntry":
        return cls(state=state, data=dict(data) if data else {})


@dataclass(slots=True)
class FsmBuffer:
    """One update's view of the conversation states it touches."""

    session: AsyncSession
    clock: Clock
    entries: dict[FsmKey, FormEntry] = field(default_factory=dict)
    # Keys whose every destiny was read ahead: a destiny not in `entries` has no row.
    complete: set[FsmKey] = field(default_factory=set)

    def preload(self, key: FsmKey, by_destiny: Mapping[str, FormEntry]) -> None:
        """The states of every destiny of `key`'s chat, read ahead with the update's first
        statement (storage/first_read.py)."""
        for destiny, entry in by_destiny.items():
            self.entries.setdefault(dataclasses.replace(key, destiny=destiny), entry)
        self.complete.add(dataclasses.replace(key, destiny=DEFAULT_DESTINY))

    @property
    def dirty(self) -> bool:
        return any(entry.dirty for entry in self.entries.values())

    async def entry(self, key: FsmKey) -> FormEntry:
        if key not in self.entries:
            if dataclasses.replace(key, destiny=DEFAULT_DESTINY) in self.complete:
                self.entries[key] = FormEntry(state=None, data={})  # read ahead: no row
            else:
                self.entries[key] = await _read(self.session, key)
        return self.entries[key]

    async def flush(self, session: AsyncSession) -> None:
        """Write what changed; called by the unit of work right before it commits."""
        for key, entry in self.entries.items():
            if entry.dirty:
                await _write(session, key, entry.state, entry.data, self.clock)
                entry.dirty = False


_CURRENT: ContextVar[FsmBuffer | None] = ContextVar("fsm_buffer", default=None)


@contextmanager
def buffered(buffer: FsmBuffer) -> Iterator[FsmBuffer]:
    """Route FSM reads and writes of the current update through `buffer`."""
    token = _CURRENT.set(buffer)
    try:
        yield buffer
    finally:
        _CURRENT.reset(token)


class SqlFsmRepository:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock | None = None
    ) -> None:
        self._factory = session_factory
        self._clock = clock or SystemClock()

    async def get_state(self, key: FsmKey) -> str | None:
        buffer = _CURRENT.get()
        if buffer is not None:
            return (await buffer.entry(key)).state
        async with self._factory() as session:
            return (await _read(session, key)).state

    async def get_data(self, key: FsmKey) -> dict[str, Any]:
        buffer = _CURRENT.get()
        if buffer is not None:
            return dict((await buffer.entry(key)).data)
        async with self._factory() as session:
            return (await _read(session, key)).data

    async def set_state(self, key: FsmKey, state: str | None) -> None:
        await self._change(key, state=state)

    async def set_data(self, key: FsmKey, data: Mapping[str, Any]) -> None:
        await self._change(key, data=dict(data))

    async def clear(self, key: FsmKey) -> None:
        await self._change(key, state=None, data={})

    async def _change(self, key: FsmKey, **values: Any) -> None:
        buffer = _CURRENT.get()
        if buffer is not None:
            entry = await buffer.entry(key)
        else:
            async with self._factory() as session:
                entry = await _read(session, key)
        entry.state = values.get("state", entry.state)
        entry.data = values.get("data", entry.data)
        entry.dirty = True
        if buffer is None:
            async with self._factory.begin() as session:
                await _write(session, key, entry.state, entry.data, self._clock)


async def _read(session: AsyncSession, key: FsmKey) -> FormEntry:
    row = (await session.execute(_READ, key_values(key))).first()
    if row is None:
        return FormEntry(state=None, data={})
    return FormEntry.from_columns(row.state, row.data)


async def _write(
    session: AsyncSession, key: FsmKey, state: str | None, data: dict[str, Any], clock: Clock
) -> None:
    # A finished conversation (no state, no data: aiogram's clear()) leaves no row behind.
    if state is None and not data:
        await session.execute(_DELETE, key_values(key))
        return
    row = {**key_values(key), "state": state, "data": data or None, "updated_at": clock.now()}
    await session.execute(_UPSERT, row)


def key_values(key: FsmKey) -> dict[str, Any]:
    # Primary key columns cannot be NULL: unset parts of the key are stored as 0 and ''.
    return {
        "bot_id": key.bot_id,
        "chat_id": key.chat_id,
        "user_id": key.user_id,
        "thread_id": key.thread_id or 0,
        "business_connection_id": key.business_connection_id or "",
        "destiny": key.destiny,
    }


def _matches() -> ColumnElement[bool]:
    columns = FsmStateRow.__table__.c
    return and_(*(columns[name] == bindparam(name) for name in KEY_COLUMNS))


# Built once, with the key as bound parameters: each keeps its cache key (issue 16).
_READ = select(FsmStateRow.state, FsmStateRow.data).where(_matches())
_DELETE = delete(cast(Table, FsmStateRow.__table__)).where(_matches())  # Core: no ORM sync

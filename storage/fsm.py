"""Conversation (FSM) state rows, without aiogram: the bot wraps this in a BaseStorage.

Inside an update the bot sets `AMBIENT_SESSION` to the update's unit-of-work session: the
form's state then commits in the same transaction as the domain change and the processed
update id (all or nothing on a crash), and SQLite never sees two writers from one update.
Outside an update every call is its own short transaction.
"""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock, SystemClock
from storage.dialects import insert_for
from storage.models import FsmStateRow

DEFAULT_DESTINY = "default"
AMBIENT_SESSION: ContextVar[AsyncSession | None] = ContextVar("fsm_ambient_session", default=None)


@dataclass(frozen=True, slots=True)
class FsmKey:
    """Mirrors aiogram's StorageKey field for field."""

    bot_id: int
    chat_id: int
    user_id: int
    thread_id: int | None = None
    business_connection_id: str | None = None
    destiny: str = DEFAULT_DESTINY


class SqlFsmRepository:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock | None = None
    ) -> None:
        self._factory = session_factory
        self._clock = clock or SystemClock()

    @asynccontextmanager
    async def _session(self, write: bool) -> AsyncIterator[AsyncSession]:
        ambient = AMBIENT_SESSION.get()
        if ambient is not None:
            yield ambient  # the update's unit of work commits it
        elif write:
            async with self._factory.begin() as session:
                yield session
        else:
            async with self._factory() as session:
                yield session

    async def get_state(self, key: FsmKey) -> str | None:
        async with self._session(write=False) as session:
            return await session.scalar(select(FsmStateRow.state).where(_matches(key)))

    async def get_data(self, key: FsmKey) -> dict[str, Any]:
        async with self._session(write=False) as session:
            data = await session.scalar(select(FsmStateRow.data).where(_matches(key)))
        return dict(data) if data else {}

    async def set_state(self, key: FsmKey, state: str | None) -> None:
        await self._upsert(key, state=state)

    async def set_data(self, key: FsmKey, data: Mapping[str, Any]) -> None:
        # An empty mapping is stored as NULL so that "no state, no data" can be dropped.
        await self._upsert(key, data=dict(data) or None)

    async def clear(self, key: FsmKey) -> None:
        async with self._session(write=True) as session:
            await session.execute(delete(FsmStateRow).where(_matches(key)))

    async def _upsert(self, key: FsmKey, **values: Any) -> None:
        row = {**_key_values(key), "state": None, "data": None, **values}
        row["updated_at"] = self._clock.now()
        async with self._session(write=True) as session:
            statement = insert_for(session, FsmStateRow).values(row)
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=list(_key_values(key)),
                    set_={name: statement.excluded[name] for name in (*values, "updated_at")},
                )
            )
            # aiogram clears a conversation by setting state None and data {}; drop the row
            # then, so finished conversations leave nothing behind.
            await session.execute(
                delete(FsmStateRow).where(
                    _matches(key), FsmStateRow.state.is_(None), FsmStateRow.data.is_(None)
                )
            )


def _key_values(key: FsmKey) -> dict[str, Any]:
    # Primary key columns cannot be NULL: unset parts of the key are stored as 0 and ''.
    return {
        "bot_id": key.bot_id,
        "chat_id": key.chat_id,
        "user_id": key.user_id,
        "thread_id": key.thread_id or 0,
        "business_connection_id": key.business_connection_id or "",
        "destiny": key.destiny,
    }


def _matches(key: FsmKey) -> ColumnElement[bool]:
    columns = FsmStateRow.__table__.c
    return and_(*(columns[name] == value for name, value in _key_values(key).items()))

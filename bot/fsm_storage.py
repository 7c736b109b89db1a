"""aiogram FSM storage on our database, so a half-filled form survives a restart.

With REDIS_URL set, aiogram's RedisStorage is used instead (several bot processes).
"""

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

from storage.fsm import FsmKey, SqlFsmRepository


def fsm_key(key: StorageKey) -> FsmKey:
    return FsmKey(
        bot_id=key.bot_id,
        chat_id=key.chat_id,
        user_id=key.user_id,
        thread_id=key.thread_id,
        business_connection_id=key.business_connection_id,
        destiny=key.destiny,
    )


class SqlStorage(BaseStorage):
    def __init__(self, repository: SqlFsmRepository) -> None:
        self._repository = repository

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._repository.set_state(fsm_key(key), value)

    async def get_state(self, key: StorageKey) -> str | None:
        return await self._repository.get_state(fsm_key(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._repository.set_data(fsm_key(key), dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return await self._repository.get_data(fsm_key(key))

    async def close(self) -> None:
        """The engine is owned and disposed by the application, not by the storage."""


def create_redis_storage(redis_url: str) -> RedisStorage:
    return RedisStorage.from_url(redis_url, key_builder=DefaultKeyBuilder(with_destiny=True))

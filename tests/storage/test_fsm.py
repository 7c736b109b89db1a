from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from storage.fsm import FsmKey, SqlFsmRepository
from storage.models import FsmStateRow
from tests.storage.samples import NOW

KEY = FsmKey(bot_id=7_000_000_001, chat_id=-100_200_300_400, user_id=2**40)


@pytest.fixture
def fsm(session_factory: async_sessionmaker[AsyncSession], clock: FixedClock) -> SqlFsmRepository:
    return SqlFsmRepository(session_factory, clock)


async def row_count(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return await session.scalar(select(func.count()).select_from(FsmStateRow)) or 0


async def test_empty_key_has_nothing(fsm: SqlFsmRepository) -> None:
    assert await fsm.get_state(KEY) is None
    assert await fsm.get_data(KEY) == {}


async def test_state_and_data_roundtrip(fsm: SqlFsmRepository) -> None:
    data = {"category": "roads", "photos": ["a", "b"], "place": {"lat": 55.79, "label": "Кремль"}}
    await fsm.set_state(KEY, "Report:description")
    await fsm.set_data(KEY, data)
    assert await fsm.get_state(KEY) == "Report:description"
    assert await fsm.get_data(KEY) == data

    await fsm.set_state(KEY, "Report:photos")  # the data survives a state change
    assert await fsm.get_data(KEY) == data
    await fsm.set_data(KEY, {"category": "snow"})  # and the state a data change
    assert await fsm.get_state(KEY) == "Report:photos"
    assert await fsm.get_data(KEY) == {"category": "snow"}


async def test_data_is_a_copy(fsm: SqlFsmRepository) -> None:
    await fsm.set_data(KEY, {"n": 1})
    data = await fsm.get_data(KEY)
    data["n"] = 2
    assert await fsm.get_data(KEY) == {"n": 1}


async def test_keys_are_separate(fsm: SqlFsmRepository) -> None:
    other_thread = FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, thread_id=5)
    other_destiny = FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, destiny="admin")
    business = FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, business_connection_id="bc1")
    await fsm.set_state(KEY, "main")
    await fsm.set_state(other_thread, "thread")
    await fsm.set_state(other_destiny, "destiny")
    await fsm.set_state(business, "business")
    assert [await fsm.get_state(key) for key in (KEY, other_thread, other_destiny, business)] == [
        "main",
        "thread",
        "destiny",
        "business",
    ]


async def test_finished_conversation_leaves_no_row(
    fsm: SqlFsmRepository, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await fsm.set_state(KEY, "Report:category")
    await fsm.set_data(KEY, {"x": 1})
    # What aiogram's FSMContext.clear() does:
    await fsm.set_state(KEY, None)
    assert await row_count(session_factory) == 1  # data still there
    await fsm.set_data(KEY, {})
    assert await row_count(session_factory) == 0
    await fsm.set_state(KEY, None)  # clearing nothing creates nothing
    assert await row_count(session_factory) == 0


async def test_clear(
    fsm: SqlFsmRepository, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await fsm.set_state(KEY, "s")
    await fsm.set_data(KEY, {"a": 1})
    await fsm.clear(KEY)
    await fsm.clear(KEY)
    assert await fsm.get_state(KEY) is None
    assert await fsm.get_data(KEY) == {}
    assert await row_count(session_factory) == 0


async def test_updated_at_follows_the_clock(
    fsm: SqlFsmRepository, clock: FixedClock, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await fsm.set_state(KEY, "a")
    clock.set(NOW + timedelta(minutes=3))
    await fsm.set_data(KEY, {"b": 2})
    async with session_factory() as session:
        assert await session.scalar(select(FsmStateRow.updated_at)) == NOW + timedelta(minutes=3)

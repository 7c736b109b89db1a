"""The first read brings the form state of every destiny of the chat's key, and only those."""

from dataclasses import replace

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock
from storage.first_read import read_first
from storage.fsm import FsmBuffer, FsmKey, SqlFsmRepository, buffered

KEY = FsmKey(bot_id=7_000_000_001, chat_id=-100_200_300_401, user_id=2**40 + 1)
CARDS = FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, destiny="request_cards")


async def test_every_destiny_is_read_ahead_and_others_are_not_mixed_in(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    fsm = SqlFsmRepository(session_factory, clock)
    await fsm.set_state(KEY, "form")
    await fsm.set_data(CARDS, {"cards": [1, 2]})
    await fsm.set_state(FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, thread_id=5), "thread")
    await fsm.set_state(FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id + 1), "someone else")

    async with session_factory() as session:
        first = await read_first(session, update_id=1, user_id=None, form_key=KEY)
        assert first.forms is not None
        assert {destiny: entry.state for destiny, entry in first.forms.items()} == {
            "default": "form",
            "request_cards": None,
        }
        assert first.forms["request_cards"].data == {"cards": [1, 2]}

        buffer = FsmBuffer(session, clock)
        buffer.preload(KEY, first.forms)
        statements: list[str] = []
        bind = session.bind.sync_engine  # type: ignore[union-attr]

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        event.listen(bind, "before_cursor_execute", count)
        try:
            with buffered(buffer):
                assert await fsm.get_data(CARDS) == {"cards": [1, 2]}
                assert await fsm.get_state(KEY) == "form"
                # A destiny without a row was read ahead too: it is empty, at no statement.
                assert await fsm.get_data(replace(KEY, destiny="x")) == {}
                # Another thread was not read ahead: it is read on demand.
                assert await fsm.get_state(FsmKey(KEY.bot_id, KEY.chat_id, KEY.user_id, 5)) == (
                    "thread"
                )
        finally:
            event.remove(bind, "before_cursor_execute", count)
        assert len(statements) == 1, statements


async def test_a_chat_without_forms_reads_none(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        first = await read_first(session, update_id=2, user_id=None, form_key=KEY)
    assert first.forms == {}

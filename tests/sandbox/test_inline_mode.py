"""Inline mode: a person types "@bot query", the bot answers, a chosen result is posted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
)

from sandbox import BotApiStandIn, Person


def article(
    result_id: str, title: str = "Вода", text: str = "<b>Нет воды</b>: звоните"
) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description="первая строка",
        input_message_content=InputTextMessageContent(message_text=text),
    )


def create_router() -> Router:
    router = Router(name="inline")
    seen: list[Message] = []

    @router.inline_query()
    async def answer(query: InlineQuery) -> None:
        results = [article(f"r{i}", f"{query.query} {i}") for i in range(int(query.offset or 2))]
        await query.answer(results, cache_time=60, is_personal=False, next_offset="page2")

    @router.message(F.via_bot)
    async def shared(message: Message) -> None:
        seen.append(message)
        await message.answer(f"через бота: {message.via_bot.username if message.via_bot else ''}")

    return router


@pytest.fixture
async def inline_bot(stand_in: BotApiStandIn, bot: Bot) -> AsyncIterator[Dispatcher]:
    dispatcher = Dispatcher()
    dispatcher.include_router(create_router())
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot, handle_signals=False, handle_as_tasks=False, polling_timeout=5
        )
    )
    yield dispatcher
    await dispatcher.stop_polling()
    await asyncio.wait_for(task, 5)


async def test_query_answered_and_a_result_shared(
    inline_bot: Dispatcher, anna: Person, stand_in: BotApiStandIn
) -> None:
    record = await anna.inline_query("вода", chat_type="sender")

    assert record.answer is not None
    assert [r["title"] for r in record.answer.results] == ["вода 0", "вода 1"]
    assert record.answer.cache_time == 60 and not record.answer.is_personal
    assert record.answer.next_offset == "page2"
    # aiogram fills the bot's default parse_mode into the message content.
    assert record.answer.results[0]["input_message_content"]["parse_mode"] == "HTML"

    shared = await anna.choose_inline_result(record, "r1")
    assert shared.text == "Нет воды: звоните"
    assert shared.entities == [{"type": "bold", "offset": 0, "length": 8}]
    assert shared.raw["via_bot"]["id"] == stand_in.world.bot.id
    assert anna.last_reply().text == f"через бота: {stand_in.world.bot.username}"
    with pytest.raises(LookupError, match="no inline result 'r9'"):
        await anna.choose_inline_result(record, "r9")


async def test_get_me_says_inline_mode_is_on(bot: Bot) -> None:
    assert (await bot.get_me()).supports_inline_queries


async def test_bad_answers_are_refused(bot: Bot, anna: Person, stand_in: BotApiStandIn) -> None:
    def open_query() -> str:
        return stand_in.world.new_inline_query(anna.account, "q", "", "private").id

    cases = [
        ([article(f"r{i}") for i in range(51)], "RESULTS_TOO_MUCH"),
        ([article("same"), article("same")], "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
        ([article("r", title=" ")], "RESULT_TITLE_EMPTY"),
        ([article("r", text="<b>unclosed")], "can't parse entities"),
        ([article("r", text="я" * 4097)], "message is too long"),
    ]
    for results, error in cases:
        query_id = open_query()
        with pytest.raises(TelegramBadRequest, match=error):
            await bot.answer_inline_query(query_id, results)
        assert stand_in.world.inline_queries[query_id].answer is None

    query_id = open_query()
    with pytest.raises(TelegramBadRequest, match="NEXT_OFFSET_INVALID"):
        await bot.answer_inline_query(query_id, [article("r")], next_offset="o" * 65)
    assert await bot.answer_inline_query(query_id, [article("r")])
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query(query_id, [article("r")])  # once only
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query("12345", [article("r")])  # never asked

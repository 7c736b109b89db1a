"""Inline mode: a person types "@bot query", the bot answers, a chosen result is posted."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineQueryResultArticle, InputTextMessageContent

from sandbox import BotApiStandIn, Person


def article(
    result_id: str, title: str = "Вода", text: str = "<b>Нет воды</b>"
) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id, title=title, input_message_content=InputTextMessageContent(message_text=text)
    )


async def test_query_answered_and_a_result_shared(
    polling: Dispatcher, anna: Person, stand_in: BotApiStandIn
) -> None:
    record = await anna.inline_query("вода", chat_type="sender")

    assert record.answer is not None
    assert [r["title"] for r in record.answer.results] == ["вода 0", "вода 1"]
    assert record.answer.results[0]["description"] == "первая строка"
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


async def test_the_offset_reaches_the_bot(polling: Dispatcher, anna: Person) -> None:
    record = await anna.inline_query("свет", offset="3")
    assert record.answer is not None
    assert [r["id"] for r in record.answer.results] == ["r0", "r1", "r2"]


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
            await bot.answer_inline_query(query_id, list(results))
        assert stand_in.world.inline_queries[query_id].answer is None

    query_id = open_query()
    with pytest.raises(TelegramBadRequest, match="NEXT_OFFSET_INVALID"):
        await bot.answer_inline_query(query_id, [article("r")], next_offset="o" * 65)
    assert await bot.answer_inline_query(query_id, [article("r")])
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query(query_id, [article("r")])  # once only
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query("12345", [article("r")])  # never asked

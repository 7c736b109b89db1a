"""The bot's HTTP session builds the answers to sends and edits cheaply (bot/lean_results.py):
what it builds reads as aiogram's full validation would, and every error is aiogram's own."""

import json
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetMe,
    SendMediaGroup,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import InputMediaPhoto, Message, User

from bot.lean_results import LeanSession

SEND = SendMessage(chat_id=42, text="Привет")
MESSAGE: dict[str, Any] = {
    "message_id": 501,
    "date": 1_765_000_000,
    "edit_date": 1_765_000_100,
    "chat": {"id": 42, "type": "private", "first_name": "Житель"},
    "from": {"id": 123456, "is_bot": True, "first_name": "Мой Казань", "username": "mykazan_bot"},
    "text": "Обращение принято",
    "entities": [{"type": "bold", "offset": 0, "length": 9}],
    "reply_markup": {"inline_keyboard": [[{"text": "Открыть", "callback_data": "rq:o:1"}]]},
    "some_new_field": "kept",  # a field newer than this aiogram: kept, as validation keeps it
}


@pytest.fixture
async def bot() -> Any:
    bot = Bot("123456:TEST", session=LeanSession())
    yield bot
    await bot.session.close()


def answer(bot: Bot, method: TelegramMethod[Any], body: Any, status: int = 200) -> Any:
    return bot.session.check_response(bot, method, status, json.dumps(body)).result


def full(bot: Bot, method: TelegramMethod[Any], body: Any, status: int = 200) -> Any:
    return AiohttpSession().check_response(bot, method, status, json.dumps(body)).result


def test_a_sent_message_reads_as_full_validation_where_it_was_built(bot: Bot) -> None:
    lean = answer(bot, SEND, {"ok": True, "result": MESSAGE})
    expected = full(bot, SEND, {"ok": True, "result": MESSAGE})
    assert isinstance(lean, Message)
    assert lean.message_id == 501 and lean.chat.id == 42 and lean.bot is bot
    assert lean.date == expected.date and lean.date.tzinfo is not None
    plain = set(vars(lean)) - {"chat", "from_user", "reply_markup"}  # every field built
    assert {name: getattr(lean, name) for name in plain} == {
        name: getattr(expected, name) for name in plain
    }
    assert lean.chat.first_name == "Житель" and lean.chat.username is None
    assert lean.from_user == expected.from_user
    assert lean.caption is None and lean.photo is None  # not sent: the default, as validated
    assert lean.model_extra == {"some_new_field": "kept"}
    assert lean.model_fields_set == expected.model_fields_set


def test_lists_are_not_built_and_say_so_when_read(bot: Bot) -> None:
    lean = answer(bot, SEND, {"ok": True, "result": MESSAGE})
    with pytest.raises(AttributeError, match="entities"):
        _ = lean.entities
    assert lean.reply_markup is not None
    with pytest.raises(AttributeError, match="inline_keyboard"):
        _ = lean.reply_markup.inline_keyboard


def test_edits_albums_and_other_methods(bot: Bot) -> None:
    edit = EditMessageText(text="x", inline_message_id="abc")
    assert answer(bot, edit, {"ok": True, "result": True}) is True
    assert answer(bot, edit, {"ok": True, "result": MESSAGE}).message_id == 501
    album = SendMediaGroup(chat_id=42, media=[InputMediaPhoto(media="f1")])
    second = MESSAGE | {"message_id": 502}
    sent = answer(bot, album, {"ok": True, "result": [MESSAGE, second]})
    assert [m.message_id for m in sent] == [501, 502]
    assert answer(bot, AnswerCallbackQuery(callback_query_id="1"), {"ok": True, "result": True})
    me = answer(bot, GetMe(), {"ok": True, "result": MESSAGE["from"]})
    assert isinstance(me, User) and me.username == "mykazan_bot"  # validated as ever


def test_an_answer_of_another_shape_is_judged_by_full_validation(bot: Bot) -> None:
    coerced = answer(bot, SEND, {"ok": True, "result": MESSAGE | {"message_id": "501"}})
    assert coerced.message_id == 501  # as validation coerces it, not the string as sent
    for broken in ({"chat": MESSAGE["chat"]}, MESSAGE | {"date": "yesterday"}, 7):
        with pytest.raises(ClientDecodeError):
            answer(bot, SEND, {"ok": True, "result": broken})
    with pytest.raises(ClientDecodeError):
        bot.session.check_response(bot, SEND, 200, "<html>bad gateway</html>")


def test_a_flood_answer_raises_retry_after(bot: Bot) -> None:
    body = {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    with pytest.raises(TelegramRetryAfter) as raised:
        answer(bot, SEND, body, status=429)
    assert raised.value.retry_after == 7 and raised.value.method is SEND


def test_a_migrated_group_raises_its_new_id(bot: Bot) -> None:
    body = {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": -1001234567890},
    }
    with pytest.raises(TelegramMigrateToChat) as raised:
        answer(bot, SEND, body, status=400)
    assert raised.value.migrate_to_chat_id == -1001234567890


@pytest.mark.parametrize(
    ("status", "description", "error"),
    [
        (400, "Bad Request: message is not modified", TelegramBadRequest),
        (403, "Forbidden: bot was blocked by the user", TelegramForbiddenError),
        (502, "Bad Gateway", TelegramServerError),
    ],
)
def test_errors_are_aiograms(bot: Bot, status: int, description: str, error: type) -> None:
    body = {"ok": False, "error_code": status, "description": description}
    with pytest.raises(error, match=description):
        answer(bot, EditMessageText(text="x", chat_id=1, message_id=2), body, status=status)


def test_ok_false_with_status_200_is_still_an_error(bot: Bot) -> None:
    body = {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
    with pytest.raises(TelegramBadRequest):
        answer(bot, SEND, body, status=400)
    with pytest.raises(TelegramAPIError, match="chat not found"):
        answer(bot, SEND, body, status=200)

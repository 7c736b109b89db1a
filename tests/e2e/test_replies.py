"""Editing a pressed message never asks Telegram for an edit that changes nothing."""

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    User,
)
from aiogram.utils.callback_answer import CallbackAnswer

from handlers import replies
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot
from tests.sandbox.conftest import make_bot

SCREEN = '<b>Заявка KZN-000001</b>\nАдрес: ул. Баумана, 1 &amp; «Кремль» "вход" &lt;2&gt;'


def keyboard(*data: str) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=f"Кнопка {d}", callback_data=d)] for d in data]
    return InlineKeyboardMarkup(inline_keyboard=rows)


@pytest.fixture
async def sender(stand_in: BotApiStandIn) -> AsyncIterator[Bot]:
    bot = make_bot(stand_in.base_url)
    yield bot
    await bot.session.close()


async def pressed(bot: Bot, message: Message) -> CallbackQuery:
    person = User(id=message.chat.id, is_bot=False, first_name="Анна")
    query = CallbackQuery(id="1", from_user=person, chat_instance="1", message=message, data="a")
    return query.as_(bot)


async def test_the_same_screen_is_not_sent_again(
    stand_in: BotApiStandIn, sender: Bot, no_bot_api_errors: BotApiStandIn
) -> None:
    anna = add_person(stand_in.world, "Анна")
    message = await sender.send_message(anna.id, SCREEN, reply_markup=keyboard("a", "b"))
    before = len(stand_in.calls)

    await replies.redraw(await pressed(sender, message), SCREEN, keyboard("a", "b"))
    await replies.set_buttons(message, keyboard("a", "b"))
    assert len(stand_in.calls) == before  # nothing to change: no call at all

    await replies.redraw(await pressed(sender, message), SCREEN, keyboard("a"))
    assert anna.last_reply().buttons == [["Кнопка a"]]  # a changed keyboard is an edit


async def test_buttons_dropped_once(
    stand_in: BotApiStandIn, sender: Bot, no_bot_api_errors: BotApiStandIn
) -> None:
    anna = add_person(stand_in.world, "Анна")
    message = await sender.send_message(anna.id, "Шаг", reply_markup=keyboard("a"))
    await replies.drop_buttons(message)
    assert anna.last_reply().buttons == []
    bare = await sender.send_message(anna.id, "Без кнопок")
    before = len(stand_in.calls)
    await replies.drop_buttons(bare)
    assert len(stand_in.calls) == before


def test_shows_compares_text_formatting_and_buttons() -> None:
    message = Message.model_validate(
        {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 1, "type": "private"},
            "text": 'Заявка «1» & "вход"',
            "entities": [{"type": "bold", "offset": 0, "length": 6}],
            "reply_markup": keyboard("a").model_dump(),
        }
    )
    assert replies.shows(message, '<b>Заявка</b> «1» &amp; "вход"\n', keyboard("a"))
    assert replies.shows(message, "<b>Заявка</b> «1» &amp; &quot;вход&quot;", keyboard("a"))
    assert not replies.shows(message, 'Заявка «1» &amp; "вход"', keyboard("a"))
    assert not replies.shows(message, '<b>Заявка</b> «1» &amp; "вход"', keyboard("b"))
    assert not replies.shows(message, '<b>Заявка</b> «1» &amp; "вход"')


def test_a_pop_up_longer_than_telegram_allows_is_shortened() -> None:
    answer = CallbackAnswer(answered=False)
    replies.alert(answer, "Очень длинный отказ. " * 20)
    assert answer.text is not None and len(answer.text) == 200 and answer.text.endswith("…")
    replies.toast(answer, "Готово")
    assert answer.text == "Готово" and not answer.show_alert


async def test_a_reply_to_a_deleted_message_is_sent_anyway(
    stand_in: BotApiStandIn, bot: RunningBot, no_bot_api_errors: BotApiStandIn
) -> None:
    anna = add_person(stand_in.world, "Анна")
    await anna.send("/start")
    assert bot.app is not None
    gone = ReplyParameters(message_id=anna.replies()[-1].message_id + 100)
    await bot.app.bot.send_message(anna.id, "Ответ", reply_parameters=gone)
    assert anna.last_reply().text == "Ответ"

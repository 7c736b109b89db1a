"""Sending, editing and deleting through aiogram, and Telegram's errors for each."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.methods import TelegramMethod
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters

from sandbox import BotApiStandIn, Person
from sandbox.people import add_group, add_person
from tests.sandbox.conftest import make_bot

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def keyboard(data: str = "x") -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(text="Кнопка", callback_data=data)
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def test_send_message_returns_telegram_json(bot: Bot, anna: Person) -> None:
    me = await bot.get_me()
    first = await bot.send_message(anna.id, "  <i>Привет</i>, Анна  ", reply_markup=keyboard())
    second = await bot.send_message(
        anna.id, "ещё", reply_parameters=ReplyParameters(message_id=first.message_id)
    )

    assert me.is_bot and me.username == "mykazan_sandbox_bot"
    assert first.text == "Привет, Анна"  # trimmed, as Telegram does
    assert first.entities is not None and first.entities[0].type == "italic"
    assert (first.entities[0].offset, first.entities[0].length) == (0, 6)
    assert first.chat.id == anna.id and first.from_user is not None
    assert first.from_user.id == me.id
    assert second.message_id == first.message_id + 1
    assert second.reply_to_message is not None
    assert second.reply_to_message.message_id == first.message_id
    assert anna.last_reply().html == "ещё"


async def test_text_limits(bot: Bot, anna: Person) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
        await bot.send_message(anna.id, "")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(anna.id, "<b> </b>")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await bot.send_message(anna.id, "я" * 4097)

    # 4096 UTF-16 units after entity parsing: tags and &amp; do not count, emoji count twice.
    fits = await bot.send_message(anna.id, "<b>" + "&amp;" * 4094 + "</b>😀")
    assert fits.text is not None and len(fits.text) == 4095
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(anna.id, "a" * 4095 + "😀")


async def test_caption_and_callback_data_limits(bot: Bot, anna: Person) -> None:
    from aiogram.types import BufferedInputFile

    from sandbox.files import tiny_jpeg

    photo = BufferedInputFile(tiny_jpeg(), "p.jpg")
    with pytest.raises(TelegramBadRequest, match="Bad Request: message caption is too long"):
        await bot.send_photo(anna.id, photo, caption="c" * 1025)
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUTTON_DATA_INVALID"):
        await bot.send_message(anna.id, "x", reply_markup=keyboard("д" * 33))  # 66 bytes
    ok = await bot.send_message(anna.id, "x", reply_markup=keyboard("d" * 64))
    assert ok.reply_markup is not None
    button = InlineKeyboardButton(text="Кнопка", callback_data="x")
    full = InlineKeyboardMarkup(inline_keyboard=[[button] * 10] * 10)
    assert (await bot.send_message(anna.id, "100", reply_markup=full)).reply_markup is not None
    too_many = InlineKeyboardMarkup(inline_keyboard=[[button] * 10] * 10 + [[button]])
    with pytest.raises(TelegramBadRequest, match="Bad Request: reply markup is too long"):
        await bot.send_message(anna.id, "101", reply_markup=too_many)


async def test_html_errors_are_telegrams(bot: Bot, anna: Person) -> None:
    cases = {
        "<b>bold": "Can't find end tag corresponding to start tag b",
        "<b><i>x</b></i>": 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
        "<blink>x</blink>": 'Unsupported start tag "blink" at byte offset 0',
        "2 < 3": 'Unsupported start tag "" at byte offset 2',
        "Tom & Jerry": "Character '&' at byte offset 4 must be escaped as &amp;",
        "x</b>": "Unexpected end tag at byte offset 1",
    }
    for text, detail in cases.items():
        with pytest.raises(TelegramBadRequest) as caught:
            await bot.send_message(anna.id, text)
        assert caught.value.message == f"Bad Request: can't parse entities: {detail}", text


async def test_edit_text_markup_and_not_modified(bot: Bot, anna: Person) -> None:
    sent = await bot.send_message(anna.id, "Заявка", reply_markup=keyboard())

    edited = await bot.edit_message_text(
        "Заявка <b>принята</b>",
        chat_id=anna.id,
        message_id=sent.message_id,
        reply_markup=keyboard(),
    )
    assert not isinstance(edited, bool) and edited.edit_date is not None
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.edit_message_text(
            "Заявка <b>принята</b>",
            chat_id=anna.id,
            message_id=sent.message_id,
            reply_markup=keyboard(),
        )
    assert caught.value.message == NOT_MODIFIED

    await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id)
    assert anna.last_reply().buttons == []
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to edit not found"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=999)
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=anna.id, message_id=sent.message_id, caption="x")


async def test_edit_caption(bot: Bot, anna: Person) -> None:
    from aiogram.types import BufferedInputFile

    from sandbox.files import tiny_jpeg

    sent = await bot.send_photo(anna.id, BufferedInputFile(tiny_jpeg(), "p.jpg"), caption="до")
    edited = await bot.edit_message_caption(
        chat_id=anna.id, message_id=sent.message_id, caption="<u>после</u>"
    )
    assert not isinstance(edited, bool) and edited.caption == "после"
    assert anna.last_reply().html == "<u>после</u>"
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=anna.id, message_id=sent.message_id)


async def test_delete(bot: Bot, anna: Person) -> None:
    sent = await bot.send_message(anna.id, "временно")
    assert await bot.delete_message(anna.id, sent.message_id)
    assert anna.replies() == []
    with pytest.raises(TelegramBadRequest, match="Bad Request: message to delete not found"):
        await bot.delete_message(anna.id, sent.message_id)


async def test_chat_errors(stand_in: BotApiStandIn, bot: Bot, anna: Person) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await bot.send_message(42, "кто здесь?")

    anna.block_bot()
    with pytest.raises(TelegramForbiddenError, match="Forbidden: bot was blocked by the user"):
        await bot.send_message(anna.id, "ау")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked"):
        await bot.send_chat_action(anna.id, "typing")
    anna.unblock_bot()
    assert (await bot.send_message(anna.id, "снова")).text == "снова"

    stranger = add_person(stand_in.world, "Незнакомец", has_started=False)
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation"):
        await bot.send_message(stranger.id, "привет")


async def test_stale_and_repeated_callback_answers(
    stand_in: BotApiStandIn, bot: Bot, anna: Person
) -> None:
    sent = await bot.send_message(anna.id, "Меню", reply_markup=keyboard())
    chat = stand_in.world.private_chat(anna.id)
    fresh = stand_in.world.new_callback(anna.account, chat, sent.message_id, "x")
    stale = stand_in.world.new_callback(anna.account, chat, sent.message_id, "x")
    stale.created_monotonic -= 60

    long_answer = stand_in.world.new_callback(anna.account, chat, sent.message_id, "x")
    with pytest.raises(TelegramBadRequest, match="Bad Request: MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(long_answer.id, text="я" * 201)
    assert await bot.answer_callback_query(long_answer.id, text="я" * 200)
    assert await bot.answer_callback_query(fresh.id, text="ок")
    too_old = "Bad Request: query is too old and response timeout expired or query ID is invalid"
    for query_id in (fresh.id, stale.id, "123"):
        with pytest.raises(TelegramBadRequest) as caught:
            await bot.answer_callback_query(query_id)
        assert caught.value.message == too_old
    assert anna.last_alert().text == "ок"


async def test_pacing_answers_429(paced_stand_in: BotApiStandIn) -> None:
    anna = add_person(paced_stand_in.world, "Анна")
    bot = make_bot(paced_stand_in.base_url)
    try:
        for number in range(3):  # the burst
            await bot.send_message(anna.id, f"{number}")
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(anna.id, "слишком быстро")
        assert caught.value.retry_after == 1
        assert "Original description: Too Many Requests: retry after 1" in caught.value.message
        other = add_person(paced_stand_in.world, "Борис")
        await bot.send_message(other.id, "другой чат не ждёт")
    finally:
        await bot.session.close()


async def test_unknown_method_and_wrong_token(stand_in: BotApiStandIn, bot: Bot) -> None:
    class GetNothing(TelegramMethod[bool]):
        __returning__ = bool
        __api_method__ = "getNothing"

    with pytest.raises(TelegramNotFound, match="Not Found"):
        await bot(GetNothing())

    intruder = Bot("654321:WRONG", session=bot.session)
    with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
        await intruder.get_me()


async def test_chat_info_members_commands_topics(stand_in: BotApiStandIn, bot: Bot) -> None:
    from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, MenuButtonCommands

    world = stand_in.world
    boss, clerk = add_person(world, "Рустам"), add_person(world, "Гульнара")
    staff = add_group(world, "Штаб", admins=[boss], members=[clerk], is_forum=True)

    info = await bot.get_chat(staff.id)
    assert info.title == "Штаб" and info.is_forum
    assert (await bot.get_chat_member(staff.id, boss.id)).status == "creator"
    assert (await bot.get_chat_member(staff.id, clerk.id)).status == "member"
    assert (await bot.get_chat_member(staff.id, add_person(world, "Гость").id)).status == "left"
    admins = await bot.get_chat_administrators(staff.id)
    assert [a.user.id for a in admins] == [boss.id, world.bot.id]

    topic = await bot.create_forum_topic(staff.id, "Заявки")
    sent = await bot.send_message(staff.id, "в теме", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id and sent.is_topic_message
    assert staff.topics[topic.message_thread_id]["name"] == "Заявки"
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(staff.id, "x", message_thread_id=9999)

    commands = [BotCommand(command="start", description="Начать")]
    scope = BotCommandScopeAllPrivateChats()
    assert await bot.set_my_commands(commands, scope=scope, language_code="ru")
    stored = await bot.get_my_commands(scope=scope, language_code="ru")
    assert [(c.command, c.description) for c in stored] == [("start", "Начать")]
    assert await bot.get_my_commands() == []
    assert await bot.delete_my_commands(scope=scope, language_code="ru")
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Старт", description="x")])
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert await bot.send_chat_action(staff.id, "typing")
    assert world.chat_actions[-1].action == "typing"


async def test_copy_and_forward(bot: Bot, anna: Person, stand_in: BotApiStandIn) -> None:
    boris = add_person(stand_in.world, "Борис")
    original = await anna.send("Во дворе нет света", wait=False)
    copied = await bot.copy_message(boris.id, anna.id, original.message_id)
    forwarded = await bot.forward_message(boris.id, anna.id, original.message_id)
    assert boris.replies()[0].message_id == copied.message_id
    assert boris.replies()[0].text == "Во дворе нет света"
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.type == "user"


async def test_every_error_answer_is_recorded_for_tests(
    bot: Bot, anna: Person, stand_in: BotApiStandIn
) -> None:
    await bot.send_message(anna.id, "Привет")
    assert stand_in.errors == []
    with pytest.raises(TelegramBadRequest):
        await bot.send_message(anna.id, "x" * 4097)
    stand_in.faults.fail("sendMessage", times=1)
    with pytest.raises(Exception, match="Bad Gateway|502"):
        await bot.send_message(anna.id, "Привет")
    too_long, gateway = stand_in.errors
    assert (too_long.method, too_long.code) == ("sendMessage", 400)
    assert too_long.description == "Bad Request: message is too long"
    assert str(too_long.params["chat_id"]) == str(anna.id)
    assert (gateway.method, gateway.code) == ("sendMessage", 502)

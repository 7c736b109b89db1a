"""getUpdates confirmation and long polling, webhook delivery and its conflicts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from sandbox import BotApiStandIn, Person, UpdateDropped
from tests.sandbox.conftest import TOKEN, make_bot, make_config
from tests.sandbox.echo_bot import create_router

SECRET = "s3cret_token-1"


async def test_offset_confirms_earlier_updates(bot: Bot, anna: Person) -> None:
    sent = [await anna.send(f"m{n}", wait=False) for n in range(4)]
    queued = anna.world.updates.pending()

    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["m0", "m1", "m2", "m3"]
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [
        u.update_id for u in first
    ]  # nothing confirmed yet: the same updates again

    rest = await bot.get_updates(offset=first[2].update_id, timeout=0, limit=1)
    assert [u.update_id for u in rest] == [first[2].update_id]
    assert [q.acknowledged.is_set() for q in queued] == [True, True, False, False]

    last = await bot.get_updates(offset=-1, timeout=0)
    assert [u.message.text for u in last if u.message] == ["m3"]
    assert queued[2].dropped and not queued[3].acknowledged.is_set()
    assert sent[0].text == "m0"


async def test_long_poll_returns_when_an_update_arrives(bot: Bot, anna: Person) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    await anna.send("сейчас", wait=False)
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates if u.message] == ["сейчас"]
    assert time.monotonic() - started < 1


async def test_long_poll_timeout_is_capped() -> None:
    async with BotApiStandIn(token=TOKEN, config=make_config(max_poll_timeout=0.1)) as server:
        bot = make_bot(server.base_url)
        try:
            assert await asyncio.wait_for(bot.get_updates(timeout=30), 2) == []
        finally:
            await bot.session.close()


async def test_newer_get_updates_terminates_older(bot: Bot) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    newer = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(older, 2)
    newer.cancel()


async def test_allowed_updates_filter_drops_other_kinds(bot: Bot, anna: Person) -> None:
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    button = InlineKeyboardButton(text="Да", callback_data="yes")
    await bot.send_message(
        anna.id, "?", reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]])
    )
    await bot.get_updates(timeout=0, allowed_updates=["message"])
    with pytest.raises(UpdateDropped, match="dropped before the bot got it"):
        await anna.press("Да", timeout=1)


@pytest.fixture
async def webhook_bot(stand_in: BotApiStandIn, bot: Bot) -> AsyncIterator[str]:
    """The echo bot behind aiogram's webhook handler on loopback; yields its URL."""
    dispatcher = Dispatcher()
    dispatcher.include_router(create_router())
    app = web.Application()
    # handle_in_background=False: answer 2xx only after handling, so 2xx means "done".
    SimpleRequestHandler(
        dispatcher, bot, secret_token=SECRET, handle_in_background=False
    ).register(app, path="/hook")
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    await runner.cleanup()


async def test_conversation_over_webhook(
    stand_in: BotApiStandIn, bot: Bot, anna: Person, webhook_bot: str
) -> None:
    assert await bot.set_webhook(webhook_bot, secret_token=SECRET)
    await anna.send("/start")
    assert anna.last_reply().text == "Здравствуйте! Чем помочь?"
    await anna.press("Сообщить о проблеме")
    assert anna.last_reply().text == "Опишите проблему"

    info = await bot.get_webhook_info()
    assert info.url == webhook_bot and info.pending_update_count == 0
    with pytest.raises(TelegramConflictError, match="can't use getUpdates method while webhook"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == []


class FlakyBot:
    """A raw webhook target: fails first, then answers with a method to execute."""

    def __init__(self) -> None:
        self.seen: list[tuple[dict[str, Any], str | None]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.seen.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        if len(self.seen) == 1:
            return web.Response(status=500)
        chat_id = self.seen[-1][0]["message"]["chat"]["id"]
        return web.json_response(
            {"method": "sendMessage", "chat_id": chat_id, "text": "из ответа"}
        )


async def test_webhook_retries_and_runs_the_answered_method(
    stand_in: BotApiStandIn, bot: Bot, anna: Person
) -> None:
    flaky = FlakyBot()
    app = web.Application()
    app.router.add_post("/", flaky.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/"
        await bot.set_webhook(url, secret_token=SECRET)
        await anna.send("привет", timeout=3)
        reply = await anna.wait_for_reply(timeout=2)
        info = await bot.get_webhook_info()
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
    assert [update["message"]["text"] for update, _ in flaky.seen] == ["привет", "привет"]
    assert {secret for _, secret in flaky.seen} == {SECRET}
    assert reply.text == "из ответа"
    assert info.last_error_message == "Wrong response from the webhook: 500"


async def test_webhook_only_on_loopback(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="127.0.0.1 only"):
        await bot.set_webhook("https://example.org/hook")

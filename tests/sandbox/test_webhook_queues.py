"""The stand-in delivers webhooks as Telegram does: a queue per chat, one update of a chat in
flight at a time, chats side by side."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiohttp import web

from sandbox import BotApiStandIn, Person
from sandbox.people import add_person


class HeldBot:
    """A webhook target that holds Anna's first update until the test lets it go."""

    def __init__(self, held_chat: int) -> None:
        self.held_chat = held_chat
        self.url = ""
        self.release = asyncio.Event()
        self.seen: list[tuple[int, str]] = []
        self.changed = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        chat = message["chat"]["id"]
        self.seen.append((chat, message["text"]))
        self.changed.set()
        if chat == self.held_chat and message["text"] == "first":
            await self.release.wait()
        return web.json_response({})

    async def wait_for(self, count: int) -> None:
        while len(self.seen) < count:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 5)


@pytest.fixture
async def held(stand_in: BotApiStandIn, anna: Person) -> AsyncIterator[HeldBot]:
    held = HeldBot(anna.id)
    app = web.Application()
    app.router.add_post("/", held.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    held.url = f"http://127.0.0.1:{runner.addresses[0][1]}/"
    try:
        yield held
    finally:
        held.release.set()
        await runner.cleanup()


async def test_a_held_chat_waits_while_other_chats_go_on(
    stand_in: BotApiStandIn, bot: Bot, anna: Person, held: HeldBot
) -> None:
    boris = add_person(stand_in.world, "Борис")
    await bot.set_webhook(held.url)
    try:
        await anna.send("first", wait=False)
        await anna.send("second", wait=False)
        await boris.send("hello", wait=False)
        await boris.send("again", timeout=5)  # Boris's chat is not held up by Anna's
        assert (anna.id, "second") not in held.seen  # Anna's next waits for her first
        held.release.set()
        await held.wait_for(4)
    finally:
        await bot.delete_webhook()
    mine = [text for chat, text in held.seen if chat == anna.id]
    assert mine == ["first", "second"]

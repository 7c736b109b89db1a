"""The web chat's event stream: live messages, edits, deletions, answers, and shutdown."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import KeyboardButton, ReplyKeyboardMarkup
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer

from sandbox import BotApiStandIn
from sandbox.cast import Cast
from sandbox.web import mount
from sandbox.web.context import WEB_SANDBOX
from tests.sandbox.web_support import event_named, mounted, next_event

ALSU, TIMUR = 7001, 7002
Client = TestClient[Any, Any]


@pytest.fixture
async def web_client(stand_in: BotApiStandIn) -> AsyncIterator[Client]:
    async with mounted(stand_in) as (client, _):
        yield client


@pytest.fixture
async def events(web_client: Client) -> AsyncIterator[ClientResponse]:
    response = await web_client.get("/sandbox/api/events")
    assert response.content_type == "text/event-stream"
    assert (await next_event(response))[0] == "ready"
    yield response
    response.close()


async def test_sent_edited_and_deleted_messages_arrive_live(
    events: ClientResponse, bot: Bot
) -> None:
    message = await bot.send_message(ALSU, "<i>раз</i> <tg-spoiler>секрет</tg-spoiler>")
    await bot.edit_message_text("<b>два</b>", chat_id=ALSU, message_id=message.message_id)
    await bot.delete_message(ALSU, message.message_id)

    name, sent = await next_event(events)
    assert name == "message_sent" and sent["chat_id"] == ALSU
    assert sent["message"]["html"] == (
        '<i>раз</i> <span class="tg-spoiler" tabindex="0">секрет</span>'
    )
    name, edited = await next_event(events)
    assert name == "message_edited"
    assert edited["message"]["html"] == "<b>два</b>" and edited["message"]["edited"]
    name, deleted = await next_event(events)
    assert name == "message_deleted"
    assert deleted == {"chat_id": ALSU, "message_id": message.message_id}


async def test_a_person_message_a_keyboard_and_the_answer_to_a_press(
    web_client: Client, events: ClientResponse, stand_in: BotApiStandIn, polling: Dispatcher
) -> None:
    await web_client.post(
        "/sandbox/api/send", json={"person_id": ALSU, "chat_id": ALSU, "text": "/ask"}
    )
    name, received = await next_event(events)
    assert name == "message_received" and received["message"]["from"]["id"] == ALSU
    _, keyboard = await event_named(events, "reply_keyboard")
    assert keyboard["chat_id"] == ALSU
    assert keyboard["reply_keyboard"]["rows"][2][0]["text"] == "Отмена"

    await web_client.post(
        "/sandbox/api/send", json={"person_id": ALSU, "chat_id": ALSU, "text": "/start"}
    )
    _, menu = await event_named(events, "message_sent")
    await web_client.post(
        "/sandbox/api/press",
        json={
            "person_id": ALSU,
            "chat_id": ALSU,
            "message_id": menu["message"]["id"],
            "callback_data": "p:power",
        },
    )
    _, answer = await event_named(events, "callback_answered")
    assert answer["user_id"] == ALSU and answer["text"] == "Выбрано: power"
    assert answer["query_id"] and not answer["show_alert"]
    await stand_in.wait_idle()


async def test_keyboard_removal_and_people_added(
    web_client: Client, events: ClientResponse, bot: Bot
) -> None:
    markup = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Да")]], one_time_keyboard=True)
    await bot.send_message(TIMUR, "Точно?", reply_markup=markup)
    _, shown = await event_named(events, "reply_keyboard")
    assert shown["reply_keyboard"]["one_time"]

    await web_client.post(
        "/sandbox/api/reply-button", json={"person_id": TIMUR, "chat_id": TIMUR, "text": "Да"}
    )
    _, hidden = await event_named(events, "reply_keyboard")
    assert hidden == {"chat_id": TIMUR, "reply_keyboard": None}

    await web_client.post("/sandbox/api/people", json={"name": "Лейла", "role": "performer"})
    _, added = await event_named(events, "person_added")
    assert added["person"]["name"] == "Лейла" and added["person"]["role"] == "performer"


async def test_heartbeats_and_a_reader_that_goes_away(
    web_client: Client, stand_in: BotApiStandIn
) -> None:
    web_client.app[WEB_SANDBOX].heartbeat = 0.05
    response = await web_client.get("/sandbox/api/events")
    await next_event(response)
    assert await response.content.readline() == b": heartbeat\n"
    subscribers = stand_in.world.events._queues
    assert len(subscribers) == 1
    response.close()
    async with asyncio.timeout(2):
        while subscribers:  # the next heartbeat notices the closed connection
            await asyncio.sleep(0.02)


async def test_the_stream_ends_when_the_server_shuts_down(stand_in: BotApiStandIn) -> None:
    app = web.Application()
    mount(app, stand_in, Cast.assemble(stand_in.world))
    server = TestServer(app)  # its runner would wait up to 60 s for open connections
    client = TestClient(server)
    await client.start_server()
    try:
        response = await client.get("/sandbox/api/events")
        assert (await next_event(response))[0] == "ready"
        started = time.monotonic()
        await asyncio.wait_for(server.close(), 3)
        assert time.monotonic() - started < 2
        with pytest.raises(EOFError):
            await next_event(response, timeout=2)
    finally:
        await client.close()

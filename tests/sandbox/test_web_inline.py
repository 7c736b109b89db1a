"""Inline mode from the page: "@bot query" → the echo bot's results → one shared "via @bot"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Dispatcher
from aiohttp.test_utils import TestClient

from sandbox import BotApiStandIn
from sandbox.cast import STAFF_CHAT_ID
from sandbox.web.context import WEB_SANDBOX
from tests.sandbox.web_support import mounted

ALSU, ILDAR = 7001, 7201
BOT = "mykazan_sandbox_bot"
Client = TestClient[Any, Any]


@pytest.fixture
async def web(stand_in: BotApiStandIn, polling: Dispatcher) -> AsyncIterator[Client]:
    async with mounted(stand_in) as (client, _):
        yield client


@pytest.fixture
async def web_without_bot(stand_in: BotApiStandIn) -> AsyncIterator[Client]:
    async with mounted(stand_in) as (client, _):
        yield client


async def post(client: Client, path: str, status: int = 200, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/sandbox/api/{path}", json=body)
    assert response.status == status, await response.text()
    return dict(await response.json())


async def messages(client: Client, chat_id: int, viewer: int) -> list[dict[str, Any]]:
    response = await client.get(f"/sandbox/api/chats/{chat_id}/messages?viewer={viewer}")
    assert response.status == 200
    return list((await response.json())["messages"])


async def test_results_listed_and_the_chosen_one_posted_via_the_bot(
    web: Client, stand_in: BotApiStandIn
) -> None:
    asked = await post(web, "inline", person_id=ALSU, chat_id=ALSU, query="вода")
    assert asked["results"] == [
        {"id": "r0", "type": "article", "title": "вода 0", "description": "первая строка"},
        {"id": "r1", "type": "article", "title": "вода 1", "description": "первая строка"},
    ]
    assert asked["next_offset"] == "page2"
    record = stand_in.world.inline_queries[asked["query_ref"]]
    assert (record.user_id, record.query, record.chat_type) == (ALSU, "вода", "sender")

    chosen = await post(
        web, "inline/choose", person_id=ALSU, chat_id=ALSU,
        query_ref=asked["query_ref"], result_id="r1",
    )  # fmt: skip
    shared = chosen["message"]
    assert shared["from"]["id"] == ALSU and shared["via_bot"] == BOT
    assert shared["html"] == "<b>Нет воды</b>: звоните"
    await stand_in.wait_idle()
    shown = await messages(web, ALSU, ALSU)
    assert [(m["html"], m["via_bot"]) for m in shown] == [
        ("<b>Нет воды</b>: звоните", BOT),
        (f"через бота: {BOT}", None),  # the echo bot saw her message came via itself
    ]


async def test_the_offset_reaches_the_bot(web: Client) -> None:
    asked = await post(web, "inline", person_id=ALSU, chat_id=ALSU, query="свет", offset="3")
    assert [r["id"] for r in asked["results"]] == ["r0", "r1", "r2"]


async def test_staff_share_a_result_in_the_staff_chat(
    web: Client, stand_in: BotApiStandIn
) -> None:
    asked = await post(web, "inline", person_id=ILDAR, chat_id=STAFF_CHAT_ID, query="")
    assert stand_in.world.inline_queries[asked["query_ref"]].chat_type == "supergroup"
    chosen = await post(
        web, "inline/choose", person_id=ILDAR, chat_id=STAFF_CHAT_ID,
        query_ref=asked["query_ref"], result_id="r0",
    )  # fmt: skip
    assert chosen["message"]["chat_id"] == STAFF_CHAT_ID
    shown = await messages(web, STAFF_CHAT_ID, ILDAR)
    assert shown[-1]["id"] == chosen["message"]["id"] and shown[-1]["via_bot"] == BOT


async def test_bad_questions_are_refused_and_ask_nothing(
    web: Client, stand_in: BotApiStandIn
) -> None:
    base = {"person_id": ALSU, "chat_id": ALSU}
    for body, status in [
        (base, 400),  # no query
        ({**base, "query": 5}, 400),
        ({**base, "query": "я" * 257}, 400),
        ({**base, "query": "вода", "offset": "o" * 65}, 400),
        ({**base, "query": "вода", "offset": None}, 400),
        ({**base, "person_id": 999, "query": "вода"}, 404),
        ({**base, "chat_id": STAFF_CHAT_ID, "query": "вода"}, 403),  # a resident
    ]:
        response = await web.post("/sandbox/api/inline", json=body)
        assert response.status == status, body
        assert "error" in await response.json()
    assert (await web.post("/sandbox/api/inline", data=b"not json")).status == 400
    assert stand_in.world.inline_queries == {}
    longest = await post(web, "inline", **base, query="я" * 256)
    assert longest["results"][0]["title"] == "я" * 256 + " 0"


async def test_bad_choices_are_refused_and_post_nothing(
    web: Client, stand_in: BotApiStandIn
) -> None:
    asked = await post(web, "inline", person_id=ALSU, chat_id=ALSU, query="вода")
    ref = asked["query_ref"]
    silent = stand_in.world.new_inline_query(stand_in.world.accounts[ALSU], "q", "", "sender")
    base = {"person_id": ALSU, "chat_id": ALSU, "query_ref": ref}
    cases = [
        ({**base, "result_id": "r9"}, 400),  # not among the bot's results
        ({**base, "result_id": 0}, 400),
        ({**base, "result_id": "r0", "query_ref": "12345"}, 404),
        ({**base, "result_id": "r0", "person_id": ILDAR, "chat_id": ILDAR}, 403),  # hers
        ({**base, "result_id": "r0", "query_ref": silent.id}, 409),  # never answered
        ({**base, "result_id": "r0", "chat_id": STAFF_CHAT_ID}, 403),
    ]
    for body, status in cases:
        response = await web.post("/sandbox/api/inline/choose", json=body)
        assert response.status == status, body
        assert "error" in await response.json()
    await stand_in.wait_idle()
    assert await messages(web, ALSU, ALSU) == []


async def test_a_bot_that_does_not_answer_in_time_is_a_timeout(web_without_bot: Client) -> None:
    assert web_without_bot.app is not None
    web_without_bot.app[WEB_SANDBOX].inline_wait = 0.2
    response = await web_without_bot.post(
        "/sandbox/api/inline", json={"person_id": ALSU, "chat_id": ALSU, "query": "вода"}
    )
    assert response.status == 504
    assert "did not answer within 0.2 s" in (await response.json())["error"]


async def test_a_bot_without_inline_updates_is_told_apart(
    web_without_bot: Client, stand_in: BotApiStandIn
) -> None:
    stand_in.world.updates.allowed_updates = ["message", "callback_query"]
    response = await web_without_bot.post(
        "/sandbox/api/inline", json={"person_id": ALSU, "chat_id": ALSU, "query": "вода"}
    )
    assert response.status == 409
    assert (await response.json())["error"] == "the bot does not receive inline queries"

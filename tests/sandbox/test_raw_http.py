"""Requests the way other clients send them: JSON bodies, urlencoded forms, query strings."""

from __future__ import annotations

import aiohttp

from sandbox import BotApiStandIn, Person


async def test_json_form_and_query_bodies(stand_in: BotApiStandIn, anna: Person) -> None:
    url = f"{stand_in.base_url}/bot{stand_in.token}"
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{url}/sendMessage", json={"chat_id": anna.id, "text": "json"}) as r:
            assert (await r.json())["result"]["text"] == "json"
        async with http.post(f"{url}/sendMessage", data={"chat_id": anna.id, "text": "form"}) as r:
            assert (await r.json())["result"]["text"] == "form"
        params = {"chat_id": str(anna.id), "text": "query"}
        async with http.get(
            f"{url}/sendmessage", params=params
        ) as r:  # names are case-insensitive
            assert (await r.json())["result"]["text"] == "query"
        async with http.post(
            f"{url}/sendMessage", json={"chat_id": anna.id, "text": "x", "foo": 1}
        ) as r:
            body = await r.json()
            assert r.status == 400 and body["ok"] is False and body["error_code"] == 400
            assert "unknown parameter 'foo'" in body["description"]
        async with http.post(f"{url}/nope") as r:
            assert r.status == 404
            assert await r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.get(f"{stand_in.base_url}/file/bot{stand_in.token}/photos/none.jpg") as r:
            assert r.status == 404
    assert [m.text for m in anna.replies()] == ["json", "form", "query"]


async def test_start_refuses_non_loopback() -> None:
    import pytest

    with pytest.raises(ValueError, match="loopback"):
        await BotApiStandIn().start(host="0.0.0.0")


async def test_stops_itself_after_max_lifetime() -> None:
    import asyncio

    from tests.sandbox.conftest import make_config

    server = BotApiStandIn(config=make_config(max_lifetime=0.05))
    await server.start()
    await asyncio.sleep(0.2)
    assert server.state.closing
    await server.stop()  # idempotent

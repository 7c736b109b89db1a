"""The sandbox web chat: the page, its assets, who sees which chat, adding people."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from sandbox import BotApiStandIn
from sandbox.cast import STAFF_CHAT_ID, Cast
from sandbox.web.app import STATIC_DIR
from tests.sandbox.web_support import chats_of, mounted

ALSU, TIMUR, ARTYOM, ILDAR = 7001, 7002, 7101, 7201
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_ASSET = re.compile(r'(?:href|src)="([^"]+)"')


@pytest.fixture
async def web(stand_in: BotApiStandIn) -> AsyncIterator[tuple[TestClient[Any, Any], Cast]]:
    async with mounted(stand_in) as mounted_app:
        yield mounted_app


async def test_the_page_and_its_assets_come_from_the_project(
    web: tuple[TestClient[Any, Any], Cast],
) -> None:
    client, _ = web
    page = await client.get("/sandbox")
    assert page.status == 200
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    html = await page.text()
    landmarks = ("person-picker", "message-list", "composer-input", "send-button", "toast-region")
    for testid in landmarks:
        assert f'data-testid="{testid}"' in html
    assets = [a for a in _ASSET.findall(html) if not a.startswith(("#", "data:"))]
    assert "/sandbox/static/app.js" in assets and "/sandbox/static/style.css" in assets
    for asset in assets:
        assert (await client.get(asset)).status == 200, asset
    for module in sorted(STATIC_DIR.glob("*.js")):
        served = await client.get(f"/sandbox/static/{module.name}")
        assert served.status == 200 and "javascript" in served.content_type
    assert (await client.get("/sandbox/static/../app.py")).status in (403, 404)


def test_no_asset_refers_to_another_host() -> None:
    """No CDN, no web font, no map tiles: the only outside link is built by the server."""
    for path in sorted(STATIC_DIR.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert _URL.findall(text) == [], path.name
        assert "@import" not in text and "@font-face" not in text, path.name


async def test_state_lists_people_with_roles_and_their_chats(
    web: tuple[TestClient[Any, Any], Cast],
) -> None:
    client, _ = web
    state = await (await client.get("/sandbox/api/state")).json()

    roles = {person["id"]: person["role"] for person in state["people"]}
    assert roles[ALSU] == "resident" and roles[ARTYOM] == "performer" and roles[ILDAR] == "staff"
    assert state["bot"]["name"] == "Мой Казань"
    assert chats_of(state, ALSU) == [{"id": ALSU, "title": "Мой Казань", "kind": "private"}]
    assert [chat["kind"] for chat in chats_of(state, ILDAR)] == ["private", "staff"]
    assert chats_of(state, ILDAR)[1]["id"] == STAFF_CHAT_ID
    kinds = {place["kind"] for place in state["places"]}
    assert kinds == {"district", "site"}
    bauman = next(p for p in state["places"] if p["name"] == "улица Баумана")
    assert (bauman["lat"], bauman["lon"]) == (55.7915, 49.1145)
    # The picker names places in the page's language.
    assert bauman["names"] == {"ru": "улица Баумана", "tt": "Бауман урамы", "en": "Bauman Street"}
    vakhitovsky = next(p for p in state["places"] if p["name"] == "Вахитовский район")
    assert vakhitovsky["names"]["en"] == "Vakhitovsky City District"


async def test_the_staff_chat_is_for_staff_only(web: tuple[TestClient[Any, Any], Cast]) -> None:
    client, _ = web
    as_resident = await client.get(f"/sandbox/api/chats/{STAFF_CHAT_ID}/messages?viewer={ALSU}")
    assert as_resident.status == 403
    sent = await client.post(
        "/sandbox/api/send", json={"person_id": ALSU, "chat_id": STAFF_CHAT_ID, "text": "hi"}
    )
    assert sent.status == 403
    someone_elses = await client.get(f"/sandbox/api/chats/{TIMUR}/messages?viewer={ALSU}")
    assert someone_elses.status == 403
    as_staff = await client.get(f"/sandbox/api/chats/{STAFF_CHAT_ID}/messages?viewer={ILDAR}")
    assert as_staff.status == 200
    body = await as_staff.json()
    assert body["chat"]["kind"] == "staff" and body["messages"] == []
    stranger = await client.get(f"/sandbox/api/chats/{ALSU}/messages?viewer=1")
    assert stranger.status == 404


async def test_a_person_added_on_the_page(web: tuple[TestClient[Any, Any], Cast]) -> None:
    client, cast = web
    added = await client.post("/sandbox/api/people", json={"name": "Гузель", "role": "staff"})
    assert added.status == 201
    person = (await added.json())["person"]
    assert person["name"] == "Гузель" and person["role"] == "staff"
    assert [chat["kind"] for chat in person["chats"]] == ["private", "staff"]
    assert cast.staff_chat.chat.is_member(person["id"])

    state = await (await client.get("/sandbox/api/state")).json()
    assert person["id"] in [p["id"] for p in state["people"]]

    for wrong in ({"name": "", "role": "staff"}, {"name": "Икс", "role": "mayor"}):
        assert (await client.post("/sandbox/api/people", json=wrong)).status == 400
    assert (await client.post("/sandbox/api/people", data=b"not json")).status == 400


async def test_files_are_served_safely(
    web: tuple[TestClient[Any, Any], Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    page = stand_in.world.files.add(
        b"<script>alert(1)</script>", kind="documents", file_name="x.html", mime_type="text/html"
    )
    served = await client.get(f"/sandbox/files/{page.file_id}")
    assert served.status == 200
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert (await client.get("/sandbox/files/nope")).status == 404

"""The web chat's actions end to end: the page's API → the stand-in → the echo bot → back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.types import BufferedInputFile
from aiohttp import FormData
from aiohttp.test_utils import TestClient

from sandbox import BotApiStandIn
from sandbox.cast import STAFF_CHAT_ID, Cast
from sandbox.files import tiny_jpeg
from tests.sandbox.web_support import mounted

ALSU, ILDAR = 7001, 7201
Client = TestClient[Any, Any]


@pytest.fixture
async def web(stand_in: BotApiStandIn, polling: Dispatcher) -> AsyncIterator[tuple[Client, Cast]]:
    async with mounted(stand_in) as mounted_app:
        yield mounted_app


async def act(client: Client, path: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/sandbox/api/{path}", json=body)
    assert response.status == 200, await response.text()
    return dict(await response.json())


async def chat(client: Client, chat_id: int, viewer: int) -> dict[str, Any]:
    response = await client.get(f"/sandbox/api/chats/{chat_id}/messages?viewer={viewer}")
    assert response.status == 200
    return dict(await response.json())


async def test_a_command_reaches_the_bot_and_its_answer_comes_back_as_html(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, cast = web
    sent = await act(client, "send", person_id=ALSU, chat_id=ALSU, text="/start")
    assert sent["message"]["from"] == {"id": ALSU, "name": "Алсу", "is_bot": False}
    await stand_in.wait_idle()

    assert cast.person(ALSU).last_reply().text == "Здравствуйте! Чем помочь?"
    messages = (await chat(client, ALSU, ALSU))["messages"]
    assert [m["html"] for m in messages] == [
        '<a href="#" class="tg-command" data-command="/start">/start</a>',
        "<b>Здравствуйте!</b> Чем помочь?",
    ]
    reply = messages[-1]
    assert reply["from"]["is_bot"] and not reply["edited"]
    assert reply["inline_keyboard"][0] == [
        {"text": "Сообщить о проблеме", "callback_data": "p:report"}
    ]
    assert reply["inline_keyboard"][2] == [{"text": "Сайт", "url": "https://kzn.ru"}]
    assert len(reply["time"]) == 5


async def test_what_a_person_writes_is_escaped(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    await act(client, "send", person_id=ALSU, chat_id=ALSU, text="<script>alert(1)</script> & co")
    await stand_in.wait_idle()
    messages = (await chat(client, ALSU, ALSU))["messages"]
    assert all("<script" not in m["html"] for m in messages)
    assert messages[0]["html"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert messages[1]["html"] == messages[0]["html"]  # the echo, quoted by the bot


async def test_a_press_returns_the_bots_callback_answer(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    await act(client, "send", person_id=ALSU, chat_id=ALSU, text="/start")
    await stand_in.wait_idle()
    menu = (await chat(client, ALSU, ALSU))["messages"][-1]

    pressed = await act(
        client,
        "press",
        person_id=ALSU,
        chat_id=ALSU,
        message_id=menu["id"],
        callback_data="p:water",
    )
    assert pressed["answer"] == {"text": "Выбрано: water", "show_alert": False, "url": None}

    alert = await act(
        client,
        "press",
        person_id=ALSU,
        chat_id=ALSU,
        message_id=menu["id"],
        callback_data="p:report",
    )
    assert alert["answer"]["show_alert"] and alert["answer"]["text"] == "Принято"
    await stand_in.wait_idle()
    edited = (await chat(client, ALSU, ALSU))["messages"][-1]
    assert edited["id"] == menu["id"] and edited["edited"]
    assert edited["html"] == "Опишите проблему" and edited["inline_keyboard"] == []

    forged = await client.post(
        "/sandbox/api/press",
        json={"person_id": ALSU, "chat_id": ALSU, "message_id": menu["id"], "callback_data": "x"},
    )
    assert forged.status == 400


async def test_reply_keyboard_location_contact_and_text(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    await act(client, "send", person_id=ALSU, chat_id=ALSU, text="/ask")
    await stand_in.wait_idle()
    keyboard = (await chat(client, ALSU, ALSU))["reply_keyboard"]
    assert keyboard["rows"][0] == [
        {"text": "📍 Отправить место", "request_location": True, "request_contact": False}
    ]
    assert keyboard["rows"][1][0]["request_contact"]

    place = await act(
        client, "reply-button", person_id=ALSU, chat_id=ALSU,
        text="📍 Отправить место", latitude=55.7915, longitude=49.1145,
    )  # fmt: skip
    assert place["message"]["location"] == {
        "lat": 55.7915,
        "lon": 49.1145,
        "url": "https://www.openstreetmap.org/?mlat=55.7915&mlon=49.1145#map=17/55.7915/49.1145",
    }
    await act(client, "reply-button", person_id=ALSU, chat_id=ALSU, text="📞 Мой телефон")
    await stand_in.wait_idle()
    texts = [m["html"] for m in (await chat(client, ALSU, ALSU))["messages"]]
    assert "Место: 55.79, 49.11" in texts and "Телефон: +79000007001" in texts

    cancelled = await act(client, "reply-button", person_id=ALSU, chat_id=ALSU, text="Отмена")
    assert cancelled["reply_keyboard"] is not None  # the bot has not answered yet
    await stand_in.wait_idle()
    assert (await chat(client, ALSU, ALSU))["reply_keyboard"] is None
    missing = await client.post(
        "/sandbox/api/reply-button", json={"person_id": ALSU, "chat_id": ALSU, "text": "Нет"}
    )
    assert missing.status == 409


async def test_location_and_contact_from_the_composer(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    await act(client, "location", person_id=ALSU, chat_id=ALSU, latitude=55.8, longitude=49.1)
    contact = await act(client, "contact", person_id=ALSU, chat_id=ALSU)
    assert contact["message"]["contact"] == {
        "phone": "+79000007001",
        "name": "Алсу",
        "user_id": ALSU,
    }
    await stand_in.wait_idle()
    texts = [m["html"] for m in (await chat(client, ALSU, ALSU))["messages"]]
    # Neither action waited for the bot: both were posted before it answered.
    assert texts == ["", "", "Место: 55.80, 49.10", "Телефон: +79000007001"]
    wrong = {"person_id": ALSU, "chat_id": ALSU, "latitude": 91, "longitude": 0}
    assert (await client.post("/sandbox/api/location", json=wrong)).status == 400


async def test_photos_are_stored_for_the_bot(
    web: tuple[Client, Cast], stand_in: BotApiStandIn, bot: Bot
) -> None:
    client, _ = web
    image = tiny_jpeg(640, 480)
    form = FormData({"person_id": str(ALSU), "chat_id": str(ALSU), "caption": "яма"})
    form.add_field("photo", image, filename="pit.jpg", content_type="image/jpeg")
    response = await client.post("/sandbox/api/photos", data=form)
    assert response.status == 200, await response.text()
    (message,) = (await response.json())["messages"]
    assert message["html"] == "яма" and message["photo"]["width"] == 640

    served = await client.get(message["photo"]["url"])
    assert served.content_type == "image/jpeg" and await served.read() == image
    file_id = message["photo"]["url"].rpartition("/")[2]
    stored = await bot.get_file(file_id)
    assert stored.file_path is not None
    downloaded = await bot.download_file(stored.file_path)
    assert downloaded is not None and downloaded.read() == image
    await stand_in.wait_idle()
    assert (await chat(client, ALSU, ALSU))["messages"][-1]["html"] == "Фото одно яма"


async def test_several_photos_make_an_album(
    web: tuple[Client, Cast], stand_in: BotApiStandIn
) -> None:
    client, _ = web
    form = FormData({"person_id": str(ALSU), "chat_id": str(ALSU)})
    for side in (200, 300):
        form.add_field("photo", tiny_jpeg(side, side), filename=f"{side}.jpg")
    response = await client.post("/sandbox/api/photos", data=form)
    assert response.status == 200, await response.text()
    album = (await response.json())["messages"]
    assert [m["photo"]["width"] for m in album] == [200, 300]
    assert album[0]["media_group_id"] and album[0]["media_group_id"] == album[1]["media_group_id"]

    bad = FormData({"person_id": str(ALSU), "chat_id": str(ALSU)})
    bad.add_field("photo", b"GIF89a...", filename="x.gif", content_type="image/gif")
    assert (await client.post("/sandbox/api/photos", data=bad)).status == 400
    await stand_in.wait_idle()


async def test_staff_reply_to_a_message_in_the_staff_chat(
    web: tuple[Client, Cast], stand_in: BotApiStandIn, bot: Bot
) -> None:
    client, _ = web
    card = await bot.send_message(STAFF_CHAT_ID, "<b>Заявка №1</b>: яма во дворе")
    answer = await act(
        client,
        "send",
        person_id=ILDAR,
        chat_id=STAFF_CHAT_ID,
        text="беру",
        reply_to=card.message_id,
    )
    assert answer["message"]["reply_to"] == {
        "id": card.message_id,
        "from": "Мой Казань",
        "text": "Заявка №1: яма во дворе",
        "kind": "text",
    }
    await stand_in.wait_idle()
    gone = {"person_id": ILDAR, "chat_id": STAFF_CHAT_ID, "text": "x", "reply_to": 999}
    assert (await client.post("/sandbox/api/send", json=gone)).status == 400


async def test_photos_and_documents_from_the_bot(web: tuple[Client, Cast], bot: Bot) -> None:
    client, _ = web
    await bot.send_photo(ALSU, "https://example.org/pit.jpg", caption="<b>Яма</b>")
    report = BufferedInputFile(b"%PDF-1.4\n", filename="отчёт.pdf")
    await bot.send_document(ALSU, report)

    photo, document = (await chat(client, ALSU, ALSU))["messages"]
    assert photo["html"] == "<b>Яма</b>"
    placeholder = await client.get(photo["photo"]["url"])  # the URL itself is never fetched
    assert placeholder.status == 200 and placeholder.content_type == "image/jpeg"
    assert document["document"]["name"] == "отчёт.pdf"
    downloaded = await client.get(document["document"]["url"])
    assert await downloaded.read() == b"%PDF-1.4\n"
    disposition = downloaded.headers["Content-Disposition"]
    assert disposition == "attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf"

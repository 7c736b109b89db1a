"""A partner app files a request through Open311 against `mykazan run` itself: its card
reaches the staff chat like a resident's, a staff member takes it from the card, and the
app reads the new status back through Open311.

Nothing is called directly: the web server takes the POST, the outbox dispatcher sends the
card, the bot polls the stand-in for the staff member's press.
"""

import asyncio
import socket
from pathlib import Path

import aiohttp

from bot.runner import run
from sandbox.server import BotApiStandIn
from sandbox.views import SentMessage
from tests.e2e.harness import copy_template, settings_for
from tests.e2e.test_runner import free_port
from tests.e2e.test_staff_journey import staff_room
from tests.e2e.waiting import eventually

KEY = "journey-open311-key-0123456789"
FORM = {
    "api_key": KEY,
    "service_code": "roads",
    "address_string": "Баумана 10",
    "description": "Провал асфальта на переходе",
    "attribute[HAZARD]": "yes",
    "first_name": "Иван",
    "phone": "+79001234567",
}


async def test_a_posted_request_reaches_staff_and_its_status_comes_back(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path
) -> None:
    port = free_port()
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    settings = settings_for(stand_in, database, web_port=port, open311_api_keys=KEY)
    boss, _, staff = staff_room(stand_in)
    stop = asyncio.Event()
    running = asyncio.create_task(run(settings, stop))
    base = f"http://127.0.0.1:{port}/open311/v2"
    try:
        async with aiohttp.ClientSession() as http:
            await eventually(lambda: _listening(port), timeout=20)
            async with http.post(f"{base}/requests.json", data=FORM) as response:
                assert response.status == 201, await response.text()
                number = (await response.json())[0]["service_request_id"]

            def the_card() -> SentMessage:
                cards = [m for m in staff.messages() if number in (m.text or "") and m.from_bot]
                assert len(cards) == 1, cards
                return cards[0]

            card = await eventually(the_card, timeout=20)
            text = card.text or ""
            assert "ул. Баумана, 10" in text and "Провал асфальта" in text
            assert "Опасно для движения: да" in text
            assert "Иван" not in text and "+7900" not in text
            assert "Подана через Open311" in text and "удалил аккаунт" not in text
            await boss.press_in(card, "🙋 Взять")

            async def taken() -> bool:
                async with http.get(f"{base}/requests/{number}.json") as answer:
                    shown = (await answer.json())[0]
                return bool(shown["status_notes"] == "in_progress: в работе")

            await eventually(taken, timeout=15)
            async with http.get(f"{base}/requests/{number}.xml") as answer:
                assert "<status>open</status>" in await answer.text()
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=15)


def _listening(port: int) -> bool:
    """The web server accepts connections (it starts after the application is built)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False

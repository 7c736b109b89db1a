"""The whole alert journey through `mykazan run` itself: a resident subscribes by typing her
address in the bot, a city system publishes an emergency outage through the admin API, she
receives it, the system restores it, she receives "restored"; the unsubscribe button works.

Nothing is called directly: the bot polls the stand-in, the web server takes the API calls,
the fan-out worker and the dispatcher run as in production.
"""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bot.runner import run
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import alerts_at_rest, copy_template, settings_for
from tests.e2e.test_runner import free_port

TOKEN = "journey-token-0123456789abcdef"


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


async def _api(http: aiohttp.ClientSession, method: str, url: str, body: Any) -> Any:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with http.request(method, url, json=body, headers=headers) as response:
        assert response.status in (200, 201), await response.text()
        return await response.json()


async def test_subscribe_publish_receive_restore_receive_unsubscribe(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path
) -> None:
    port = free_port()
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    settings = settings_for(stand_in, database, web_port=port, admin_api_tokens=TOKEN)
    stop = asyncio.Event()
    running = asyncio.create_task(run(settings, stop))
    try:
        alsu = add_person(stand_in.world, first_name="Алсу")
        await alsu.send("/start", timeout=20)
        # Quiet hours off first: "restored" must not wait for the morning whenever CI runs.
        await alsu.send("/alerts")
        await alsu.press("🌙 Тихие часы")
        await alsu.press("Без тихих часов")
        await alsu.press("⬅️ Оповещения")
        await alsu.press("➕ Добавить адрес")
        await alsu.press("🏠 Дом")
        await alsu.send("Баумана 7")  # a clear address: saved following every kind

        now = datetime.now(UTC)
        outage = {
            "kind": "hot_water",
            "emergency": True,
            "area": {
                "streets": [{"street": "улица Баумана", "ranges": [{"first": 1, "last": 9}]}]
            },
            "starts_at": _iso(now - timedelta(minutes=20)),
            "ends_at": _iso(now + timedelta(hours=4)),
            "description": "Порыв трубы <ГВС>",
            "source": "teploset",
            "source_id": "T-1",
        }
        base = f"http://127.0.0.1:{port}/api/v1"
        async with aiohttp.ClientSession() as http:
            published = await _api(http, "POST", f"{base}/outages", outage)
            news = await alsu.wait_for_reply(
                lambda m: "Аварийное отключение" in (m.text or ""), timeout=15
            )
            assert "Горячая вода" in news.text and "Порыв трубы <ГВС>" in news.text
            assert "Дом" in news.text
            await _api(http, "POST", f"{base}/outages", outage)  # the feed resent: nothing new
            await _api(http, "PATCH", f"{base}/outages/{published['id']}", {"status": "restored"})
            back = await alsu.wait_for_reply(lambda m: "восстановлена" in (m.text or ""), 15)
            assert "Горячая вода" in back.text
            announcements = [m for m in alsu.replies() if "Аварийное" in (m.text or "")]
            assert len(announcements) == 1

            await alsu.press_in(back, "🔕 Отписаться от «Горячая вода»")
            second = outage | {"source_id": "T-2", "description": "Снова"}
            await _api(http, "POST", f"{base}/outages", second)
            async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                metrics = await response.text()
        assert "mykazan_notifications_sent_total" in metrics
        await alerts_at_rest(database)  # a wrong delivery would have arrived by now
        assert not [m for m in alsu.replies() if "Снова" in (m.text or "")]
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=15)

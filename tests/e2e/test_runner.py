"""`mykazan run` as a whole: the web server, the commands menu, polling, a graceful stop."""

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest

from bot.runner import run
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import copy_template, settings_for


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_run_serves_health_sets_commands_answers_and_stops(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, mode: str
) -> None:
    port = free_port()
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    webhook = {"webhook_url": f"http://127.0.0.1:{port}", "webhook_secret": "s3cret-Token"}
    settings = settings_for(
        stand_in, database, web_port=port, **(webhook if mode == "webhook" else {})
    )
    stop = asyncio.Event()
    running = asyncio.create_task(run(settings, stop))
    vera = add_person(stand_in.world, first_name="Вера")
    await vera.send("/start", timeout=20)
    assert "Мой Казань" in vera.replies()[-2].text
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        assert response.status == 200
    menus = stand_in.world.commands  # (scope, language) -> the commands shown
    assert {"ru", "tt", "en"} <= {language for _, language in menus}
    russian = next(items for (_, language), items in menus.items() if language == "ru")
    assert {"start", "report", "my", "help", "cancel"} <= {c["command"] for c in russian}
    stop.set()
    await asyncio.wait_for(running, timeout=15)

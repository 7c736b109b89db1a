"""The request card links to the request's public page when PUBLIC_BASE_URL is set, so the
resident can share it; without the setting there is no link."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from domain.clock import StartedClock
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot, copy_template, settings_for
from tests.e2e.test_report_journeys import CENTRE, file_by_location

BASE = "https://kazan.example"
LINK_LINE = "Страница заявки для всех: KZN-000001"


@pytest.fixture
async def linked_bot(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, clock: StartedClock
) -> AsyncIterator[RunningBot]:
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    running = RunningBot(settings_for(stand_in, database, public_base_url=BASE + "/"), clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def test_the_card_links_to_the_public_page(
    stand_in: BotApiStandIn, linked_bot: RunningBot
) -> None:
    alsu = add_person(stand_in.world, first_name="Алсу", language_code="ru")
    await file_by_location(alsu, CENTRE, "Яма посреди дороги, машины объезжают")
    await alsu.send("/start req_1")
    card = alsu.last_reply()
    assert LINK_LINE in card.text
    assert f'<a href="{BASE}/r/KZN-000001">KZN-000001</a>' in card.html


async def test_no_link_without_a_public_address(anna: Person) -> None:
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await anna.send("/start req_1")
    assert "Заявка KZN-000001" in anna.last_reply().text
    assert "Страница заявки для всех" not in anna.last_reply().text

"""The same journeys on the several-processes set-up: PostgreSQL for data, Redis for forms."""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.settings import PROJECT_ROOT
from domain.clock import StartedClock
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from storage.bootstrap import migrate_and_load
from tests.e2e.harness import START, RunningBot, copy_template, settings_for
from tests.e2e.test_report_journeys import CENTRE, open_report_form
from tests.storage.databases import create_postgres_database, drop_postgres_database


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    url = os.environ["TEST_REDIS_URL"]
    yield url
    client = Redis.from_url(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    url = await create_postgres_database()
    await migrate_and_load(url, PROJECT_ROOT / "data")
    try:
        yield url
    finally:
        await drop_postgres_database(url)


async def restart_mid_form(stand_in: BotApiStandIn, bot: RunningBot) -> Person:
    await bot.start()
    vera = add_person(stand_in.world, first_name=f"Вера {uuid.uuid4().hex[:4]}")
    await open_report_form(vera)
    await vera.share_location(*CENTRE)
    await bot.restart()  # a new process: the form must come back from shared storage
    await vera.send_photo()
    await vera.press("Готово")
    await vera.send("Яма на дороге, уже третью неделю")
    await vera.press("✅ Отправить")
    return vera


@pytest.mark.redis
async def test_form_survives_restart_with_redis(
    stand_in: BotApiStandIn, database_template: Path, tmp_path: Path, redis_url: str
) -> None:
    database = copy_template(database_template, tmp_path / "bot.sqlite3")
    bot = RunningBot(settings_for(stand_in, database, redis_url=redis_url), StartedClock(START))
    try:
        vera = await restart_mid_form(stand_in, bot)
        assert "KZN-000001 принята" in vera.last_reply().text
    finally:
        await bot.stop()


@pytest.mark.postgres
@pytest.mark.redis
async def test_report_on_postgres_and_redis(
    stand_in: BotApiStandIn, postgres_url: str, redis_url: str
) -> None:
    settings = settings_for(
        stand_in, Path("unused"), database_url=postgres_url, redis_url=redis_url
    )
    bot = RunningBot(settings, StartedClock(START))
    try:
        vera = await restart_mid_form(stand_in, bot)
        assert "KZN-000001 принята" in vera.last_reply().text
        await vera.press("Открыть заявку")
        assert "Вахитовский" in vera.last_reply().text
    finally:
        await bot.stop()

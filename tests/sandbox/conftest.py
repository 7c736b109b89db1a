"""Fixtures: a started stand-in, an aiogram Bot pointed at it, the echo bot polling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from sandbox import BotApiStandIn, Pacing, Person, StandInConfig
from sandbox.people import add_person
from tests.sandbox.echo_bot import create_router

TOKEN = "123456:TEST-TOKEN"


def make_config(**overrides: object) -> StandInConfig:
    """Tests never outlive a minute, even when one forgets to stop the server."""
    values: dict[str, object] = {"max_lifetime": 60.0, **overrides}
    return StandInConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
async def stand_in() -> AsyncIterator[BotApiStandIn]:
    async with BotApiStandIn(token=TOKEN, config=make_config()) as server:
        yield server


@pytest.fixture
async def paced_stand_in() -> AsyncIterator[BotApiStandIn]:
    config = make_config(pacing=Pacing(enabled=True))
    async with BotApiStandIn(token=TOKEN, config=config) as server:
        yield server


class LoopbackSession(AiohttpSession):
    """aiogram waits 250 ms on close for TLS connections; plain loopback HTTP has none."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def make_bot(base_url: str) -> Bot:
    session = LoopbackSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
async def bot(stand_in: BotApiStandIn) -> AsyncIterator[Bot]:
    bot = make_bot(stand_in.base_url)
    yield bot
    await bot.session.close()


@pytest.fixture
def anna(stand_in: BotApiStandIn) -> Person:
    return add_person(stand_in.world, "Анна", username="anna_kzn", language_code="ru")


@pytest.fixture
async def polling(stand_in: BotApiStandIn, bot: Bot) -> AsyncIterator[Dispatcher]:
    """The echo bot polling; it confirms an update only after handling it."""
    dispatcher = Dispatcher()
    dispatcher.include_router(create_router())
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot, handle_signals=False, handle_as_tasks=False, polling_timeout=5
        )
    )
    yield dispatcher
    await dispatcher.stop_polling()
    await asyncio.wait_for(task, 5)

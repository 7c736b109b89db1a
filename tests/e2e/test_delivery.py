"""Updates are never lost or handled twice: crashes, replays, webhooks."""

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.polling import handle_batch
from domain.clock import SystemClock
from sandbox.driver import Person
from sandbox.events import WorldEvent
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import BotStarter, RunningBot, WebhookBot
from tests.e2e.test_report_journeys import CENTRE, open_report_form
from tests.e2e.waiting import eventually


async def count_requests(bot: RunningBot) -> int:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return await uow.requests.count_by_author(700000001)


def kill_when(stand_in: BotApiStandIn, bot: RunningBot, fragment: str) -> list[asyncio.Task]:
    """Kill the bot the moment it sends a message containing `fragment` (reply in flight)."""
    tasks: list[asyncio.Task] = []

    def listener(event: WorldEvent) -> None:
        text = str(event.payload.get("text", ""))
        if event.kind == "message_sent" and fragment in text and not tasks:
            tasks.append(asyncio.ensure_future(bot.kill()))

    stand_in.world.events.subscribe(listener)
    return tasks


async def test_handled_but_unconfirmed_update_is_not_handled_again(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    """A process handled an update and died before confirming it: the replay is skipped."""
    await bot.stop()
    await anna.send("/start", wait=False)
    await bot.start(polling=False)
    assert bot.app is not None
    fetched = await bot.app.bot.get_updates(timeout=0)  # no offset: nothing is confirmed
    assert await handle_batch(bot.app.dispatcher, bot.app.bot, fetched) == []
    await bot.kill()
    await bot.start()
    assert [u.update_id for u in await _redelivered(bot, stand_in)] == []  # confirmed
    welcomes = [m for m in anna.replies() if "Мой Казань" in (m.text or "")]
    assert len(fetched) == 1 and len(welcomes) == 1


async def _redelivered(bot: RunningBot, stand_in: BotApiStandIn) -> list:
    """What the stand-in still holds unconfirmed once the poller had its turn: its next
    getUpdates confirms what it fetched, or the queue never empties."""
    await eventually(lambda: not stand_in.world.updates.pending())
    await bot.stop()
    await bot.start(polling=False)
    assert bot.app is not None
    return await bot.app.bot.get_updates(timeout=0)


async def test_kill_after_commit_while_the_reply_is_in_flight(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await open_report_form(anna)
    await anna.share_location(*CENTRE)
    await anna.press("Пропустить")
    await anna.send("Яма на дороге, уже третью неделю")
    killed = kill_when(stand_in, bot, "принята")
    await _press_without_ack(anna, "✅ Отправить")
    await asyncio.wait_for(_first(killed), 10)
    await bot.start()
    await stand_in.wait_idle()
    await anna.send("/my")
    assert await count_requests(bot) == 1
    assert "Мои заявки" in anna.last_reply().text
    filed = [m for m in anna.replies() if "принята" in (m.text or "")]
    assert len(filed) == 1


async def test_kill_before_commit_replays_the_step(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await open_report_form(anna)
    killed = kill_when(stand_in, bot, "Вы имели в виду")
    await anna.send("Бауамана 15", wait=False)  # a typo: asked about
    await asyncio.wait_for(_first(killed), 10)
    await bot.start()
    await stand_in.wait_idle()  # the replayed address has been handled again by now
    offers = [m for m in anna.replies() if m.text == "Вы имели в виду:"]
    assert 1 <= len(offers) <= 2  # at most the one message in flight at the kill is repeated
    await anna.press_in(offers[-1], "ул. Баумана, 15 (Вахитовский)")
    assert "ул. Баумана, 15" in anna.replies()[-2].text


async def _first(tasks: list[asyncio.Task]) -> None:
    await eventually(lambda: tasks, interval=0.01)
    await tasks[0]


async def _press_without_ack(person: Person, text: str) -> None:
    message = [m for m in reversed(person.replies()) if text in str(m.buttons)][0]
    with pytest.raises((TimeoutError, asyncio.TimeoutError)):
        await person.press_in(message, text, timeout=2)


@pytest.fixture
async def webhook_bot(
    bot_on_fresh_database: BotStarter,
) -> AsyncIterator[RunningBot]:
    async with bot_on_fresh_database(WebhookBot) as running:
        yield running


async def test_report_through_the_webhook(
    webhook_bot: WebhookBot, stand_in: BotApiStandIn
) -> None:
    vera = add_person(stand_in.world, first_name="Вера")
    await open_report_form(vera)
    await vera.share_location(*CENTRE)
    await vera.press("Пропустить")
    await vera.send("Яма на дороге, уже третью неделю")
    await vera.press("✅ Отправить")
    assert "KZN-000001 принята" in vera.last_reply().text


async def test_webhook_refuses_a_wrong_secret(webhook_bot: WebhookBot) -> None:
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            webhook_bot.url,
            json={"update_id": 1},
            headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
        )
        assert response.status == 401
        response = await http.post(
            webhook_bot.url,
            data=b"not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": webhook_bot.secret},
        )
        assert response.status == 400

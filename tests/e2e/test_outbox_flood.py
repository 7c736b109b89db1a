"""One 429 from Telegram holds every send of the dispatcher for its retry_after."""

import time

from bot.notifier import TelegramSender
from domain.notifications import Notification, RetryAfter, Sender
from sandbox.people import add_person
from scheduler.outbox import DispatchReport
from tests.e2e.test_outbox_dispatch import Outbox, outbox, running, texts

__all__ = ["outbox"]  # the fixture, imported for pytest

RETRY_AFTER = 1.0


class FloodOnceThenTelegram:
    """The port's other side: Telegram, except that the first send to one chat meets a 429
    (as when the bot as a whole went too fast); notes when each message went."""

    def __init__(self, telegram: Sender, chat_id: int) -> None:
        self._telegram = telegram
        self._chat_id = chat_id
        self.flooded_at: float | None = None
        self.sent_at: dict[str, float] = {}

    async def send(self, notification: Notification) -> int:
        if notification.chat_id == self._chat_id and self.flooded_at is None:
            self.flooded_at = time.monotonic()
            raise RetryAfter(RETRY_AFTER)
        self.sent_at[notification.key] = time.monotonic()
        return await self._telegram.send(notification)


async def test_one_429_pauses_every_chat_then_everything_arrives_once(outbox: Outbox) -> None:
    world = outbox.stand_in.world
    anna = add_person(world, "Анна")
    others = [add_person(world, f"Житель {i}") for i in range(8)]
    await outbox.add(
        outbox.notice("anna", anna.id, "Отключение воды"),  # the oldest: it goes first
        *(outbox.notice(f"p{p.id}", p.id, "Отключение воды") for p in others),
    )
    sender = FloodOnceThenTelegram(TelegramSender(outbox.bot), anna.id)
    reports: list[DispatchReport] = []
    dispatcher = outbox.dispatcher(sender=sender, concurrency=1, on_report=reports.append)
    async with running(dispatcher):
        await outbox.settled()
    assert all(texts(person) == ["Отключение воды"] for person in [anna, *others])
    assert sender.flooded_at is not None
    # Nobody went on sending in the 429's shadow: not even chats that never met it.
    assert min(sender.sent_at.values()) >= sender.flooded_at + RETRY_AFTER - 0.05
    assert sum(report.flood_waits for report in reports) == 1
    rows = await outbox.rows()
    assert {row.attempts for row in rows.values()} == {1}  # waiting used up no tries

"""/metrics after some traffic: updates through the webhook, notifications, a 429."""

import re

from bot.outbox import create_outbox_dispatcher
from domain.notifications import Notification, RetryAfter
from sandbox.people import add_group, add_person
from sandbox.server import BotApiStandIn
from scheduler.outbox import OutboxDispatcher
from scheduler.pacing import RateLimiter
from tests.api.harness import WEBHOOK_SECRET, ApiWorld
from tests.e2e.harness import STAFF_CHAT_ID

INCIDENT = {"source": "zabbix", "severity": "info", "title": "Проверка", "source_id": "1"}


async def scrape(world: ApiWorld) -> dict[str, float]:
    response = await world.client.get("/metrics")  # no token: Prometheus scrapes it as is
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples: dict[str, float] = {}
    for line in (await response.text()).splitlines():
        if found := re.fullmatch(r"(mykazan_\S+) (\S+)", line):
            samples[found.group(1)] = float(found.group(2))
    return samples


class FloodedOnce:
    """Telegram's answer to a bot that sends too fast: 429 for the first send."""

    def __init__(self) -> None:
        self.calls = 0

    async def send(self, notification: Notification) -> int:
        self.calls += 1
        if self.calls == 1:
            raise RetryAfter(0.01)
        return 1000 + self.calls


async def test_metrics_after_traffic(world: ApiWorld, stand_in: BotApiStandIn) -> None:
    app = world.app
    add_group(stand_in.world, title="Штаб", chat_id=STAFF_CHAT_ID)
    url = str(world.client.make_url("/telegram/webhook"))
    await app.bot.set_webhook(url, secret_token=WEBHOOK_SECRET)
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    await anna.send("/start")
    assert anna.last_reply().text

    await world.post("/api/v1/incidents", INCIDENT)
    before = await scrape(world)
    assert before['mykazan_updates_handled_total{outcome="handled",type="message"}'] == 1
    assert before['mykazan_update_handling_seconds_count{type="message"}'] == 1
    assert before["mykazan_notifications_queued"] == 1

    dispatcher = create_outbox_dispatcher(
        app.bot,
        app.session_factory,
        app.i18n,
        app.districts,
        world.clock,
        on_report=app.metrics.observe_report,
    )
    await dispatcher.drain_once()
    after = await scrape(world)
    assert after["mykazan_notifications_sent_total"] == 1
    assert after["mykazan_notifications_queued"] == 0
    assert after['mykazan_notifications_failed_total{reason="failed"}'] == 0


async def test_429s_are_counted(world: ApiWorld) -> None:
    app = world.app
    await world.post("/api/v1/incidents", INCIDENT)
    dispatcher = OutboxDispatcher(
        app.session_factory,
        FloodedOnce(),
        world.clock,
        RateLimiter(),
        on_report=app.metrics.observe_report,
    )
    report = await dispatcher.drain_once()
    assert (report.flood_waits, report.postponed, report.sent) == (1, 1, 0)
    assert (await scrape(world))["mykazan_telegram_flood_waits_total"] == 1


async def test_memory_and_per_chat_tables_are_reported(
    world: ApiWorld, stand_in: BotApiStandIn
) -> None:
    url = str(world.client.make_url("/telegram/webhook"))
    await world.app.bot.set_webhook(url, secret_token=WEBHOOK_SECRET)
    for n in range(3):
        person = add_person(stand_in.world, first_name=f"Житель {n}", language_code="ru")
        await person.send("/start")

    samples = await scrape(world)
    response = await world.client.get("/metrics")
    assert re.search(r"^process_resident_memory_bytes \d", await response.text(), re.M)
    # Three residents came and went: nothing is held for their chats between updates.
    assert samples['mykazan_memory_entries{table="conversation_locks"}'] == 0
    assert samples['mykazan_memory_entries{table="throttle_buckets"}'] <= 3
    assert 'mykazan_memory_entries{table="pacing_chats"}' in samples
    assert 'mykazan_memory_entries{table="update_claims_unwritten"}' in samples

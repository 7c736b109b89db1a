"""Incidents from monitoring: queued once per source_id, shown escaped in the staff chat."""

from bot.outbox import create_outbox_dispatcher
from sandbox.people import add_group
from sandbox.server import BotApiStandIn
from tests.api.harness import ApiWorld
from tests.e2e.harness import STAFF_CHAT_ID

ALERT = {
    "source": "zabbix",
    "severity": "critical",
    "title": "Насосная <№3> не отвечает",
    "details": "ping & http: timeout",
    "occurred_at": "2026-11-30T09:55:00+03:00",
    "source_id": "event-1001",
}


async def test_a_repeated_post_is_queued_once(world: ApiWorld) -> None:
    first = await world.post("/api/v1/incidents", ALERT)
    assert first.status == 201, first.body
    again = await world.post("/api/v1/incidents", ALERT)
    assert again.status == 200
    assert again.json()["id"] == first.json()["id"]
    assert (first.json()["duplicate"], again.json()["duplicate"]) == (False, True)
    rows = [row for row in await world.outbox_rows() if row[2] == "staff_incident"]
    assert len(rows) == 1
    key, chat_id, _, payload = rows[0]
    assert (key, chat_id) == ("incident:zabbix:event-1001", STAFF_CHAT_ID)
    assert payload["title"] == ALERT["title"]


async def test_posts_without_a_source_id_are_each_new(world: ApiWorld) -> None:
    bare = {k: v for k, v in ALERT.items() if k != "source_id"}
    answers = [await world.post("/api/v1/incidents", bare) for _ in range(2)]
    assert [a.status for a in answers] == [201, 201]
    assert answers[0].json()["id"] != answers[1].json()["id"]


async def test_the_staff_chat_sees_it_escaped(world: ApiWorld, stand_in: BotApiStandIn) -> None:
    staff = add_group(stand_in.world, title="Штаб", chat_id=STAFF_CHAT_ID)
    assert (await world.post("/api/v1/incidents", ALERT)).status == 201
    app = world.app
    dispatcher = create_outbox_dispatcher(
        app.bot, app.session_factory, app.i18n, app.districts, world.clock
    )
    report = await dispatcher.drain_once()
    assert report.sent == 1
    [message] = staff.messages()
    assert message.text == (
        "🔴 Инцидент: Насосная <№3> не отвечает\n"
        "Источник: zabbix, 30.11.2026 09:55\n"
        "ping & http: timeout"
    )


async def test_a_later_post_that_says_something_new_redraws_the_message(
    world: ApiWorld, stand_in: BotApiStandIn
) -> None:
    """Issue 12: the staff chat's message never shows a state the monitoring has left."""
    staff = add_group(stand_in.world, title="Штаб", chat_id=STAFF_CHAT_ID)
    app = world.app
    dispatcher = create_outbox_dispatcher(
        app.bot, app.session_factory, app.i18n, app.districts, world.clock
    )
    first = await world.post("/api/v1/incidents", ALERT)
    assert (await dispatcher.drain_once()).sent == 1

    worse = {**ALERT, "details": "ping: timeout; насос <остановлен>"}
    again = await world.post("/api/v1/incidents", worse)
    assert again.status == 200
    assert (again.json()["id"], again.json()["updated"]) == (first.json()["id"], True)
    repeat = await world.post("/api/v1/incidents", worse)  # the same news twice: nothing new
    assert (repeat.json()["duplicate"], repeat.json()["updated"]) == (True, False)
    await dispatcher.drain_once()

    resolved = await world.post("/api/v1/incidents", {**worse, "resolved": True})
    assert resolved.json()["updated"] is True
    await dispatcher.drain_once()
    shown = [m for m in staff.messages() if "Насосная" in (m.text or "")]
    assert len(shown) == 1, shown
    assert shown[0].text == (
        "✅ Инцидент решён: Насосная <№3> не отвечает\n"
        "Источник: zabbix, 30.11.2026 09:55\n"
        "ping: timeout; насос <остановлен>"
    )

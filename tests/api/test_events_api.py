"""City events through the admin API: publish (idempotent by source id), update, list."""

from datetime import timedelta
from typing import Any

import pytest

from domain.alerts.events import EventCategory
from domain.services import subscriptions
from domain.services.users import ensure_user
from scheduler.fanout import FanoutWorker
from tests.api.harness import ApiWorld, iso
from tests.e2e.harness import START

FAN = 9100


def event(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Джазовый вечер в Кремле",
        "category": "concerts",
        "place": "Казанский Кремль",
        "district": "Вахитовский",
        "starts_at": iso(START + timedelta(days=3)),
        "ends_at": iso(START + timedelta(days=3, hours=3)),
        "link": "https://kazan.ru/afisha/jazz",
        "free": True,
        "source": "afisha",
        "source_id": "E-77",
    }
    body.update(changes)
    return body


async def test_a_new_event_reaches_instant_followers_once(world: ApiWorld) -> None:
    async with world.uow() as uow:
        await ensure_user(uow, world.clock, FAN, "Тимур", None, "tt", "tt")
        await subscriptions.follow_events(uow, world.clock, FAN, [EventCategory.CONCERTS], None)
        await uow.commit()
    created = await world.post("/api/v1/events", event())
    assert created.status == 201
    again = await world.post("/api/v1/events", event(place="Кремль, Благовещенский собор"))
    assert (again.status, again.json()["place"]) == (200, "Кремль, Благовещенский собор")
    worker = FanoutWorker(world.app.session_factory, world.clock)
    assert await worker.drain_once() == 1
    event_id = created.json()["id"]
    cancelled = await world.call("PATCH", f"/api/v1/events/{event_id}", body={"cancelled": True})
    assert cancelled.json()["cancelled"] is True
    assert await worker.drain_once() == 1
    phases = [payload["phase"] for *_, payload in await world.outbox_rows()]
    assert phases == ["published", "cancelled"]


async def test_listing_by_category_and_district(world: ApiWorld) -> None:
    await world.post("/api/v1/events", event())
    await world.post("/api/v1/events", event(source_id="S1", category="sport", district=None))
    sport = await world.get("/api/v1/events", {"category": "sport"})
    assert [e["source_id"] for e in sport.json()["items"]] == ["S1"]
    central = await world.get("/api/v1/events", {"district": "Вахитовский"})
    assert [e["source_id"] for e in central.json()["items"]] == ["E-77"]
    bad = await world.get("/api/v1/events", {"district": "Нигде"})
    assert bad.status == 422


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "parade"}, "category"),
        ({"district": "Центральный"}, "district"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"title": ""}, "title"),
        ({"starts_at": "next friday"}, "starts_at"),
        ({"free": True, "price": "500 ₽"}, "body"),
        ({"ends_at": iso(START)}, "body"),
    ],
    ids=["category", "district", "link", "empty title", "not a date", "free and priced", "end"],
)
async def test_bad_events_are_refused(
    world: ApiWorld, changes: dict[str, Any], field: str
) -> None:
    answer = await world.post("/api/v1/events", event(**changes))
    assert answer.status == 422, answer.body
    assert any(d["field"].startswith(field) for d in answer.error["details"]), answer.error
    assert (await world.get("/api/v1/events")).json()["items"] == []


async def test_unknown_events_are_404(world: ApiWorld) -> None:
    assert (await world.get("/api/v1/events/5")).status == 404
    assert (await world.call("PATCH", "/api/v1/events/5", body={"free": True})).status == 404

"""Outages through the admin API: publish (idempotent by source id), update, list, refuse."""

from datetime import timedelta
from typing import Any

import pytest

from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import SavedAddress
from domain.services import subscriptions
from domain.services.users import ensure_user
from scheduler.fanout import FanoutWorker
from tests.api.harness import ApiWorld, iso
from tests.e2e.harness import START

RESIDENT = 9001


def outage(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "cold_water",
        "emergency": True,
        "area": {
            "streets": [
                {"street": "ул. Баумана", "ranges": [{"first": 1, "last": 31, "side": "odd"}]}
            ],
            "addresses": ["Пушкина, 5"],
        },
        "starts_at": iso(START - timedelta(hours=1)),
        "ends_at": iso(START + timedelta(hours=6)),
        "description": "Авария на водоводе",
        "source": "vodokanal",
        "source_id": "AV-2026-118",
    }
    body.update(changes)
    return body


async def follow(world: ApiWorld, street: str, house: str) -> None:
    async with world.uow() as uow:
        await ensure_user(uow, world.clock, RESIDENT, "Алия", None, "ru", "ru")
        match = world.app.dispatcher.workflow_data["address_matcher"].match(f"{street}, {house}")
        best = match.best
        address = await subscriptions.save_address(
            uow,
            world.clock,
            SavedAddress(
                RESIDENT, "Дом", best.label(), START, best.street.id, house, best.district
            ),
        )
        assert address.id is not None
        await subscriptions.follow_outages_at_address(
            uow, world.clock, RESIDENT, address.id, [OutageKind.COLD_WATER]
        )
        await uow.commit()


async def fan_out(world: ApiWorld) -> int:
    return await FanoutWorker(world.app.session_factory, world.clock).drain_once()


async def test_publishing_tells_the_residents_once_and_resending_tells_nobody(
    world: ApiWorld,
) -> None:
    await follow(world, "Баумана", "15")
    first = await world.post("/api/v1/outages", outage())
    assert first.status == 201
    body = first.json()
    assert body["notified"] == ["announced"]
    assert body["area"]["streets"][0]["street"] == "ул. Баумана"
    assert body["area"]["streets"][1]["houses"] == ["5"]
    assert await fan_out(world) == 1
    again = await world.post("/api/v1/outages", outage())
    assert (again.status, again.json()["notified"], again.json()["id"]) == (200, [], body["id"])
    assert await fan_out(world) == 0
    rows = await world.outbox_rows()
    assert [(chat, kind, payload["phase"]) for _, chat, kind, payload in rows] == [
        (RESIDENT, "outage_alert", "announced")
    ]


async def test_a_new_end_and_the_restoration_are_told(world: ApiWorld) -> None:
    await follow(world, "Баумана", "15")
    outage_id = (await world.post("/api/v1/outages", outage())).json()["id"]
    later = await world.post("/api/v1/outages", outage(ends_at=iso(START + timedelta(hours=9))))
    assert (later.json()["status"], later.json()["notified"]) == ("extended", ["end_changed"])
    restored = await world.call(
        "PATCH", f"/api/v1/outages/{outage_id}", body={"status": "restored"}
    )
    assert (restored.status, restored.json()["notified"]) == (200, ["restored"])
    again = await world.call("PATCH", f"/api/v1/outages/{outage_id}", body={"status": "started"})
    assert again.status == 409
    assert "restored" in again.error["message"]
    await fan_out(world)
    phases = [payload["phase"] for *_, payload in await world.outbox_rows()]
    # Nothing went out in between: the news of the outage gave way to its end.
    assert phases == ["restored"]


async def test_outside_the_area_nobody_hears(world: ApiWorld) -> None:
    await follow(world, "Баумана", "16")  # the even side
    assert (await world.post("/api/v1/outages", outage())).status == 201
    assert await fan_out(world) == 0


async def test_listing_filters_by_status_and_kind_and_pages(world: ApiWorld) -> None:
    for number in range(3):
        await world.post("/api/v1/outages", outage(source_id=f"N{number}"))
    await world.post("/api/v1/outages", outage(source_id="gas", kind="gas"))
    page = await world.get("/api/v1/outages", {"kind": "cold_water", "limit": "2"})
    assert [o["source_id"] for o in page.json()["items"]] == ["N0", "N1"]
    after = page.json()["next_after_id"]
    rest = await world.get("/api/v1/outages", {"kind": "cold_water", "after_id": str(after)})
    assert [o["source_id"] for o in rest.json()["items"]] == ["N2"]
    assert rest.json()["next_after_id"] is None
    one = await world.get(f"/api/v1/outages/{after}")
    assert one.json()["source_id"] == "N1"
    none = await world.get("/api/v1/outages", {"status": "restored"})
    assert none.json()["items"] == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"area": {"streets": [{"street": "Несуществующая аллея"}]}}, "area.streets.0.street"),
        ({"area": {"districts": ["Центральный"]}}, "area.districts.0"),
        ({"area": {"addresses": ["Баумана"]}}, "area.addresses.0"),
        ({"area": {}}, "area"),
        ({"starts_at": "2026-11-30T10:00:00"}, "starts_at"),
        ({"starts_at": "2026-02-30T10:00:00Z"}, "starts_at"),
        ({"emergency": "yes"}, "emergency"),
        ({"kind": "internet"}, "kind"),
        ({"colour": "red"}, "colour"),
        ({"status": "restored"}, "status"),
        ({"source": "has spaces"}, "source"),
    ],
    ids=[
        "unknown street",
        "unknown district",
        "address without a house",
        "empty area",
        "naive time",
        "impossible date",
        "wrong type",
        "unknown kind",
        "unknown field",
        "published already restored",
        "bad source",
    ],
)
async def test_bad_outages_are_refused_naming_the_field(
    world: ApiWorld, changes: dict[str, Any], field: str
) -> None:
    answer = await world.post("/api/v1/outages", outage(**changes))
    assert answer.status == 422, answer.body
    assert answer.error["code"] == "validation_failed"
    assert any(d["field"].startswith(field) for d in answer.error["details"]), answer.error
    assert (await world.get("/api/v1/outages")).json()["items"] == []


async def test_an_end_before_the_start_is_refused(world: ApiWorld) -> None:
    answer = await world.post("/api/v1/outages", outage(ends_at=iso(START - timedelta(hours=2))))
    assert answer.status == 422
    assert "ends_at" in answer.error["message"]


async def test_unknown_outages_are_404(world: ApiWorld) -> None:
    assert (await world.get("/api/v1/outages/999")).status == 404
    assert (await world.get("/api/v1/outages/abc")).status == 404
    patch = await world.call("PATCH", "/api/v1/outages/999", body={"status": "restored"})
    assert patch.status == 404


async def test_moving_a_planned_outage_is_told_with_its_new_times(world: ApiWorld) -> None:
    tomorrow = START + timedelta(days=1)
    planned = outage(
        emergency=False,
        source_id="PLAN-7",
        starts_at=iso(tomorrow),
        ends_at=iso(tomorrow + timedelta(hours=8)),
    )
    await world.post("/api/v1/outages", planned)
    moved = planned | {
        "starts_at": iso(tomorrow + timedelta(days=1)),
        "ends_at": iso(tomorrow + timedelta(days=1, hours=8)),
    }
    answer = await world.post("/api/v1/outages", moved)
    assert (answer.status, answer.json()["notified"]) == (200, ["start_changed"])
    assert answer.json()["status"] == "announced"

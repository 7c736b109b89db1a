"""Without a staff chat an incident has nowhere to go: 409, and nothing is queued."""

import pytest

from tests.api.harness import ApiWorld


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return {"staff_chat_id": None}


async def test_incidents_need_a_staff_chat(world: ApiWorld) -> None:
    body = {"source": "zabbix", "severity": "info", "title": "Плановые работы"}
    answer = await world.post("/api/v1/incidents", body)
    assert answer.status == 409
    assert "STAFF_CHAT_ID" in answer.error["message"]
    assert await world.outbox_rows() == []

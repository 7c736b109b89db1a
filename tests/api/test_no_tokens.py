"""With no ADMIN_API_TOKENS configured the API is closed, and says why."""

import pytest

from tests.api.harness import AUTH, ApiWorld


@pytest.fixture
def settings_overrides() -> dict[str, object]:
    return {"admin_api_tokens": None}


async def test_every_call_is_401(world: ApiWorld) -> None:
    answer = await world.get("/api/v1/requests", headers=AUTH)
    assert answer.status == 401
    assert "ADMIN_API_TOKENS" in answer.error["message"]
    assert (await world.get("/api/v1/openapi.json", headers={})).status == 200

"""Bad input of every kind gets a clear 4xx in the one error shape; never a 500."""

import pytest

from tests.api.harness import AUTH, OTHER_TOKEN, WEBHOOK_SECRET, ApiWorld

INCIDENT = {"source": "zabbix", "severity": "warning", "title": "Нет связи с насосной"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-token-we-know-at-all"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer "},
    ],
    ids=["no header", "wrong token", "not bearer", "empty token"],
)
async def test_a_missing_or_wrong_token_is_401(world: ApiWorld, headers: dict[str, str]) -> None:
    answer = await world.get("/api/v1/requests", headers=headers)
    assert answer.status == 401
    assert answer.error["code"] == "unauthorized"
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")


async def test_every_configured_token_is_accepted(world: ApiWorld) -> None:
    other = {"Authorization": f"Bearer {OTHER_TOKEN}"}
    assert (await world.get("/api/v1/stats", headers=other)).status == 200


async def test_unknown_api_paths_need_a_token_too(world: ApiWorld) -> None:
    assert (await world.get("/api/v1/nothing-here", headers={})).status == 401
    answer = await world.get("/api/v1/nothing-here")
    assert answer.status == 404
    assert answer.error["code"] == "not_found"


async def test_the_openapi_document_is_public(world: ApiWorld) -> None:
    answer = await world.get("/api/v1/openapi.json", headers={})
    assert answer.status == 200
    assert answer.json()["openapi"].startswith("3.1")


async def test_wrong_method_is_405_with_allow(world: ApiWorld) -> None:
    answer = await world.call("DELETE", "/api/v1/requests")
    assert answer.status == 405
    assert answer.error["code"] == "method_not_allowed"
    assert "GET" in answer.headers["Allow"]


async def test_bad_json_is_400(world: ApiWorld) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    answer = await world.call("POST", "/api/v1/incidents", data=b'{"source": ', headers=headers)
    assert answer.status == 400
    assert answer.error["code"] == "invalid_json"


async def test_a_body_that_is_not_json_is_415(world: ApiWorld) -> None:
    headers = {**AUTH, "Content-Type": "text/plain"}
    answer = await world.call("POST", "/api/v1/incidents", data=b"source=zabbix", headers=headers)
    assert answer.status == 415
    assert answer.error["code"] == "unsupported_media_type"


async def test_an_oversized_body_is_413(world: ApiWorld) -> None:
    big = {**INCIDENT, "details": "x" * 70_000}
    answer = await world.post("/api/v1/incidents", big)
    assert answer.status == 413
    assert answer.error["code"] == "payload_too_large"


async def test_an_oversized_chunked_body_is_413(world: ApiWorld) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"source": "zabbix", "details": "'
        for _ in range(20):
            yield b"x" * 4096
        yield b'"}'

    response = await world.client.post(
        "/api/v1/incidents",
        data=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"severity": "apocalyptic"}, "severity"),
        ({"title": 42}, "title"),
        ({"occurred_at": "2026-02-30T10:00:00Z"}, "occurred_at"),
        ({"occurred_at": "2026-02-28T10:00:00"}, "occurred_at"),
        ({"source": "no spaces allowed"}, "source"),
        ({"title": ""}, "title"),
    ],
    ids=[
        "unknown field",
        "bad enum",
        "wrong type",
        "impossible date",
        "naive time",
        "pattern",
        "empty",
    ],
)
async def test_invalid_fields_are_422_naming_the_field(
    world: ApiWorld, change: dict[str, object], field: str
) -> None:
    answer = await world.post("/api/v1/incidents", {**INCIDENT, **change})
    assert answer.status == 422
    assert answer.error["code"] == "validation_failed"
    assert [d["field"] for d in answer.error["details"]] == [field]


async def test_a_missing_field_and_a_non_object_body_are_422(world: ApiWorld) -> None:
    answer = await world.post("/api/v1/incidents", {"source": "zabbix"})
    assert answer.status == 422
    assert {d["field"] for d in answer.error["details"]} == {"severity", "title"}
    assert (await world.post("/api/v1/incidents", [1, 2])).status == 422


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "500"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"status": "lost"}, "status.0"),
        ({"created_from": "2026-02-30T00:00:00Z"}, "created_from"),
        ({"sort": "id"}, "sort"),
        ({"category": "unicorns"}, "category"),
        ({"district": "Нигдешний"}, "district"),
    ],
)
async def test_bad_query_parameters_are_422(
    world: ApiWorld, params: dict[str, str], field: str
) -> None:
    answer = await world.get("/api/v1/requests", params)
    assert answer.status == 422, answer.body
    assert [d["field"] for d in answer.error["details"]] == [field]


async def test_parameters_on_an_endpoint_without_any_are_422(world: ApiWorld) -> None:
    answer = await world.get("/api/v1/stats", {"district": "Вахитовский"})
    assert answer.status == 422
    assert answer.error["details"] == [{"field": "district", "problem": "unknown parameter"}]


async def test_a_time_range_backwards_is_422(world: ApiWorld) -> None:
    params = {"created_from": "2026-12-01T00:00:00Z", "created_to": "2026-11-01T00:00:00Z"}
    answer = await world.get("/api/v1/requests", params)
    assert answer.status == 422
    assert "created_from must be before created_to" in answer.error["message"]


async def test_webhook_with_a_wrong_secret_is_401(world: ApiWorld) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
    response = await world.client.post("/telegram/webhook", json={"update_id": 1}, headers=headers)
    assert response.status == 401
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    response = await world.client.post("/telegram/webhook", data=b"{", headers=headers)
    assert response.status == 400


async def test_healthz(world: ApiWorld) -> None:
    response = await world.client.get("/healthz")
    assert response.status == 200

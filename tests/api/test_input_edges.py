"""What schemathesis found, pinned: the server accepts exactly what the document allows.

Path and query numbers are ASCII digits within a 64-bit column, query values are read as the
JSON type their schema names, datetimes are RFC 3339, a PATCH field that cannot be cleared
refuses null, and each path answers 405 with its own methods. Every answer is also checked
against the document by ApiWorld.call.
"""

from typing import Any

import pytest

from tests.api.harness import AUTH, ApiWorld
from tests.api.test_events_api import event
from tests.api.test_faq_api import new_entry

BIG = str(2**65)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/outages/3¹",  # "3¹".isdigit() is True, int("3¹") fails
        "/api/v1/outages/٣",  # an Arabic-Indic three: int() reads it, the document does not
        "/api/v1/events/¹4",
        f"/api/v1/events/{BIG}",
        "/api/v1/outages/0",
        "/api/v1/requests/KZN-٣",
        "/api/v1/sites/Bauman",
    ],
)
async def test_a_path_value_outside_its_schema_is_404(world: ApiWorld, path: str) -> None:
    answer = await world.get(path)
    assert answer.status == 404, answer.body
    assert answer.error["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/requests", {"created_to": "0.5"}, "created_to"),  # pydantic: a Unix time
        ("/api/v1/requests.csv", {"created_to": "0.5"}, "created_to"),
        ("/api/v1/requests", {"created_from": "2026-11-30 10:00Z"}, "created_from"),
        ("/api/v1/bookings", {"starts_from": "1700000000"}, "starts_from"),
        ("/api/v1/outages", {"kind": ""}, "kind.0"),  # was "no filter"
        ("/api/v1/outages", {"status": ""}, "status.0"),
        ("/api/v1/events", {"district": ""}, "district"),
        ("/api/v1/outages", {"after_id": BIG}, "after_id"),  # was a 500 from the database
        ("/api/v1/events", {"after_id": BIG}, "after_id"),
        ("/api/v1/requests", {"limit": "5.0"}, "limit"),
        ("/api/v1/requests", {"limit": "٥"}, "limit"),
        ("/api/v1/requests", {"limit": " 5"}, "limit"),
        ("/api/v1/sites", {"active": "1"}, "active"),
        ("/api/v1/sites", {"active": "yes"}, "active"),
    ],
)
async def test_a_query_value_outside_its_schema_is_422(
    world: ApiWorld, path: str, params: dict[str, str], field: str
) -> None:
    answer = await world.get(path, params)
    assert answer.status == 422, answer.body
    assert [d["field"] for d in answer.error["details"]] == [field]


async def test_query_values_inside_the_schema_are_taken(world: ApiWorld) -> None:
    assert (await world.get("/api/v1/sites", {"active": "false"})).status == 200
    assert (await world.get("/api/v1/requests", {"limit": "5", "after_id": "0"})).status == 200
    moment = {"created_from": "2026-11-30t07:00:00.5+03:00"}  # RFC 3339 allows t and z
    assert (await world.get("/api/v1/requests", moment)).status == 200


async def test_an_integral_number_is_an_integer_as_json_schema_counts(world: ApiWorld) -> None:
    answer = await world.call("PUT", "/api/v1/faq/lawn_parking", body=new_entry(position=3.0))
    assert answer.status == 201, answer.body
    assert answer.json()["position"] == 3


@pytest.mark.parametrize("raw", [b'{"position": NaN}', b'{"position": Infinity}'])
async def test_json_without_its_extensions_is_400(world: ApiWorld, raw: bytes) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    answer = await world.call("PUT", "/api/v1/faq/lawn_parking", data=raw, headers=headers)
    assert answer.status == 400
    assert answer.error["code"] == "invalid_json"


@pytest.mark.parametrize("starts_at", ["0.5", "2026-12-03 10:00:00Z", "2026-12-03T10:00Z"])
async def test_a_body_datetime_must_be_rfc_3339(world: ApiWorld, starts_at: str) -> None:
    answer = await world.post("/api/v1/events", event(starts_at=starts_at))
    assert answer.status == 422
    assert [d["field"] for d in answer.error["details"]] == ["starts_at"]


@pytest.mark.parametrize("field", ["title", "place", "starts_at", "free", "cancelled"])
async def test_an_event_field_that_cannot_be_cleared_refuses_null(
    world: ApiWorld, field: str
) -> None:
    event_id = (await world.post("/api/v1/events", event())).json()["id"]
    answer = await world.call("PATCH", f"/api/v1/events/{event_id}", body={field: None})
    assert answer.status == 422, answer.body  # was a 500 for each
    assert [d["field"] for d in answer.error["details"]] == [field]


@pytest.mark.parametrize("link", ["http://[", "https://kazan.ru/a b", "https://kazan.ru/\tx"])
async def test_a_link_the_server_cannot_read_is_422(world: ApiWorld, link: str) -> None:
    answer = await world.call("PUT", "/api/v1/faq/lawn_parking", body=new_entry(links=[link]))
    assert answer.status == 422, answer.body  # "http://[" was a 500 (urlsplit's ValueError)
    assert [d["field"] for d in answer.error["details"]] == ["links.0"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/v1/faq/reload", "POST"),  # not /faq/{entry_id}'s methods too
        ("PUT", "/api/v1/faq/reload", "POST"),  # was stored as a FAQ entry named "reload"
        ("DELETE", "/api/v1/faq/reload", "POST"),
        ("POST", "/api/v1/faq/no_water", "DELETE,GET,PUT"),
    ],
)
async def test_each_path_answers_405_with_its_own_methods(
    world: ApiWorld, method: str, path: str, allow: str
) -> None:
    body: Any = new_entry() if method == "PUT" else None
    answer = await world.call(method, path, body=body)
    assert answer.status == 405
    assert answer.headers["Allow"] == allow
    entries = (await world.get("/api/v1/faq")).json()["items"]
    assert "reload" not in [entry["id"] for entry in entries]


async def test_path_parameters_are_documented_with_their_types(world: ApiWorld) -> None:
    operation = world.document["paths"]["/api/v1/outages/{outage_id}"]["get"]
    (parameter,) = operation["parameters"]
    assert parameter["in"] == "path"
    assert parameter["schema"]["type"] == "integer"
    assert parameter["schema"]["minimum"] == 1
    assert parameter["schema"]["maximum"] == 2**63 - 1
    assert "404" in operation["responses"]

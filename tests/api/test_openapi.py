"""The OpenAPI document is valid, lists exactly the routes served, and every endpoint's real
answers match it. Generic over the registry: a new endpoint is covered as soon as it is
registered (its success answers once it has an entry in EXAMPLES)."""

import re
from collections.abc import Awaitable, Callable

import pytest
from openapi_spec_validator import validate

from bot.api.app import all_endpoints
from bot.api.openapi import build_document
from bot.api.routing import PREFIX, Endpoint
from tests.api.harness import AUTH, Answer, ApiWorld
from tests.api.test_bookings_api import four_bookings
from tests.api.test_events_api import event
from tests.api.test_faq_api import new_entry
from tests.api.test_outages_api import outage
from tests.api.test_sites_api import new_site

ENDPOINTS = all_endpoints()
Example = Callable[[ApiWorld], Awaitable[list[Answer]]]


async def _requests(world: ApiWorld) -> list[Answer]:
    await world.file()
    return [await world.get("/api/v1/requests", {"status": "new", "limit": "1"})]


async def _request(world: ApiWorld) -> list[Answer]:
    request = await world.file()
    return [await world.get(f"/api/v1/requests/{request.number}")]


async def _status(world: ApiWorld) -> list[Answer]:
    request = await world.file()
    body = {"status": "need_info", "comment": "Уточните номер дома"}
    return [await world.post(f"/api/v1/requests/{request.id}/status", body)]


async def _csv(world: ApiWorld) -> list[Answer]:
    await world.file()
    return [await world.get("/api/v1/requests.csv")]


async def _stats(world: ApiWorld) -> list[Answer]:
    request = await world.file()
    await world.take(request)
    await world.resolve(request, rating=5)
    return [await world.get("/api/v1/stats")]


async def _incident(world: ApiWorld) -> list[Answer]:
    body = {"source": "zabbix", "severity": "info", "title": "Тест", "source_id": "7"}
    return [await world.post("/api/v1/incidents", body) for _ in range(2)]


async def _document(world: ApiWorld) -> list[Answer]:
    return [await world.get("/api/v1/openapi.json", headers={})]


async def _outage_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    """Created (201), resent (200), updated, listed, read: every success of /outages."""
    body = outage()
    created = await world.post("/api/v1/outages", body)
    outage_id = created.json()["id"]
    return {
        ("POST", "/outages"): [created, await world.post("/api/v1/outages", body)],
        ("PATCH", "/outages/{outage_id}"): [
            await world.call("PATCH", f"/api/v1/outages/{outage_id}", body={"status": "restored"})
        ],
        ("GET", "/outages"): [await world.get("/api/v1/outages", {"limit": "1"})],
        ("GET", "/outages/{outage_id}"): [await world.get(f"/api/v1/outages/{outage_id}")],
    }


async def _event_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    body = event()
    created = await world.post("/api/v1/events", body)
    event_id = created.json()["id"]
    return {
        ("POST", "/events"): [created, await world.post("/api/v1/events", body)],
        ("PATCH", "/events/{event_id}"): [
            await world.call("PATCH", f"/api/v1/events/{event_id}", body={"cancelled": True})
        ],
        ("GET", "/events"): [await world.get("/api/v1/events", {"category": "concerts"})],
        ("GET", "/events/{event_id}"): [await world.get(f"/api/v1/events/{event_id}")],
    }


async def _site_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    created = await world.post("/api/v1/sites", new_site())
    edited = await world.call("PATCH", "/api/v1/sites/kremlin_yard", body={"max_group": 4})
    return {
        ("POST", "/sites"): [created],
        ("PATCH", "/sites/{code}"): [edited],
        ("GET", "/sites"): [await world.get("/api/v1/sites", {"active": "true"})],
        ("GET", "/sites/{code}"): [await world.get("/api/v1/sites/bauman")],
    }


async def _booking_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    await four_bookings(world)
    return {
        ("GET", "/bookings"): [await world.get("/api/v1/bookings", {"limit": "2"})],
        ("GET", "/bookings.csv"): [await world.get("/api/v1/bookings.csv")],
    }


async def _faq_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    created = await world.call("PUT", "/api/v1/faq/lawn_parking", body=new_entry())
    replaced = await world.call("PUT", "/api/v1/faq/lawn_parking", body=new_entry(position=1))
    return {
        ("PUT", "/faq/{entry_id}"): [created, replaced],
        ("GET", "/faq"): [await world.get("/api/v1/faq")],
        ("GET", "/faq/{entry_id}"): [await world.get("/api/v1/faq/lawn_parking")],
        ("DELETE", "/faq/{entry_id}"): [await world.call("DELETE", "/api/v1/faq/lawn_parking")],
        ("POST", "/faq/reload"): [await world.post("/api/v1/faq/reload", None)],
    }


async def _department_calls(world: ApiWorld) -> dict[tuple[str, str], list[Answer]]:
    departments = "/api/v1/departments"
    routes = "/api/v1/department-routes"
    route = {"category": "noise", "district": "Советский", "department": "city_desk"}
    put = await world.call("PUT", routes, body=route)
    new = {"code": "parks", "name_ru": "Парки", "name_tt": "Парклар", "name_en": "Parks"}
    return {
        ("POST", "/departments"): [await world.post(departments, new)],
        ("DELETE", "/departments/{code}"): [
            await world.call("DELETE", f"{departments}/parks"),
            await world.call(
                "DELETE", f"{departments}/transport", params={"move_to": "roads_improvement"}
            ),
        ],
        ("GET", "/departments"): [await world.get(departments)],
        ("GET", "/departments/{code}"): [await world.get(f"{departments}/city_desk")],
        ("PATCH", "/departments/{code}"): [
            await world.call("PATCH", f"{departments}/city_desk", body={"chat_id": -100123})
        ],
        ("PUT", "/department-routes"): [put],
        ("GET", "/department-routes"): [await world.get(routes)],
        ("DELETE", "/department-routes"): [
            await world.call(
                "DELETE", routes, params={"category": "noise", "district": "Советский"}
            )
        ],
    }


def _one_of(
    calls: Callable[[ApiWorld], Awaitable[dict[tuple[str, str], list[Answer]]]],
    *keys: tuple[str, str],
) -> dict[tuple[str, str], Example]:
    """An example per endpoint out of one scenario that exercises several endpoints."""

    def example(key: tuple[str, str]) -> Example:
        async def run(world: ApiWorld) -> list[Answer]:
            return (await calls(world))[key]

        return run

    return {key: example(key) for key in keys}


OUTAGES = [("POST", "/outages"), ("PATCH", "/outages/{outage_id}"), ("GET", "/outages")]
EVENTS = [("POST", "/events"), ("PATCH", "/events/{event_id}"), ("GET", "/events")]
SITES = [("POST", "/sites"), ("PATCH", "/sites/{code}"), ("GET", "/sites")]
BOOKINGS = [("GET", "/bookings"), ("GET", "/bookings.csv")]
DEPARTMENTS = [
    ("POST", "/departments"),
    ("DELETE", "/departments/{code}"),
    ("GET", "/departments"),
    ("GET", "/departments/{code}"),
    ("PATCH", "/departments/{code}"),
    ("PUT", "/department-routes"),
    ("GET", "/department-routes"),
    ("DELETE", "/department-routes"),
]
FAQ = [("PUT", "/faq/{entry_id}"), ("GET", "/faq"), ("GET", "/faq/{entry_id}")]


# (method, path) -> calls that get the endpoint's success answers (checked against the
# document by ApiWorld.call). A new endpoint needs an entry here.
EXAMPLES: dict[tuple[str, str], Example] = {
    ("GET", "/requests"): _requests,
    ("GET", "/requests/{number}"): _request,
    ("POST", "/requests/{number}/status"): _status,
    ("GET", "/requests.csv"): _csv,
    ("GET", "/stats"): _stats,
    ("POST", "/incidents"): _incident,
    ("GET", "/openapi.json"): _document,
    **_one_of(_outage_calls, *OUTAGES, ("GET", "/outages/{outage_id}")),
    **_one_of(_event_calls, *EVENTS, ("GET", "/events/{event_id}")),
    **_one_of(_site_calls, *SITES, ("GET", "/sites/{code}")),
    **_one_of(_booking_calls, *BOOKINGS),
    **_one_of(_department_calls, *DEPARTMENTS),
    **_one_of(_faq_calls, *FAQ, ("DELETE", "/faq/{entry_id}"), ("POST", "/faq/reload")),
}


def _id(endpoint: Endpoint) -> str:
    return f"{endpoint.method} {endpoint.path}"


def _sample_path(endpoint: Endpoint) -> str:
    path = endpoint.full_path
    for name in re.findall(r"{(\w+)}", endpoint.path):
        path = path.replace("{" + name + "}", "999999")
    return path


async def test_the_document_is_valid_openapi(world: ApiWorld) -> None:
    served = (await world.get("/api/v1/openapi.json", headers={})).json()
    validate(served)
    assert served == build_document(ENDPOINTS, served["info"]["version"])


async def test_the_document_lists_exactly_the_routes_served(world: ApiWorld) -> None:
    served = {
        (route.method, route.resource.canonical)
        for route in world.client.server.app.router.routes()
        if route.resource is not None
        and route.resource.canonical.startswith(PREFIX)
        and route.method != "*"  # each path's 405 for the methods it does not have
    }
    documented = {
        (method.upper(), path) for path, item in world.document["paths"].items() for method in item
    }
    assert served == documented


def test_every_endpoint_has_an_example() -> None:
    registered = {(e.method, e.path) for e in ENDPOINTS}
    assert registered - EXAMPLES.keys() == set(), "add these to EXAMPLES in this file"
    assert EXAMPLES.keys() - registered == set(), "these are no longer registered"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_id)
async def test_success_answers_match_the_document(world: ApiWorld, endpoint: Endpoint) -> None:
    example = EXAMPLES.get((endpoint.method, endpoint.path))
    if example is None:  # test_every_endpoint_has_an_example fails for it, once
        pytest.skip(f"no example for {_id(endpoint)} yet")
    answers = await example(world)
    statuses = {answer.status for answer in answers}
    assert statuses <= set(endpoint.responses), [a.body for a in answers]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=_id)
async def test_error_answers_match_the_document(world: ApiWorld, endpoint: Endpoint) -> None:
    """Each call below is checked against the document by ApiWorld.call."""
    path = _sample_path(endpoint)
    answer = await world.call(endpoint.method, path, params={"no_such_parameter": "1"})
    assert answer.status in (404, 422)
    if not endpoint.public:
        assert (await world.call(endpoint.method, path, headers={})).status == 401
    if endpoint.body is not None:
        unknown_field = await world.call(endpoint.method, path, body={"no_such_field": 1})
        assert unknown_field.status in (404, 422)
        bad_json = await world.call(
            endpoint.method,
            path,
            data=b"{",
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert bad_json.status in (400, 404)

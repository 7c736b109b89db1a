"""Open311 answers have the shape of the GeoReport v2 wiki's examples, in JSON and in XML:
the same root and element names, keys and nesting (tests/api/open311_spec.py)."""

import csv

import pytest
from openapi_spec_validator import validate

from bot.open311.app import ROUTES
from bot.settings import PROJECT_ROOT
from tests.api import open311_spec as spec
from tests.api.harness import ApiWorld
from tests.api.open311_calls import KREMLIN, file_open311, get, post

CATEGORIES = (PROJECT_ROOT / "data" / "categories.csv").read_text(encoding="utf-8")
ACTIVE_CODES = [row["code"] for row in csv.DictReader(CATEGORIES.splitlines())]


@pytest.mark.parametrize(
    ("path", "xml_example", "json_example"),
    [
        ("/discovery", spec.DISCOVERY_XML, spec.DISCOVERY_JSON),
        ("/services", spec.SERVICES_XML, spec.SERVICES_JSON),
        ("/services/lighting", spec.DEFINITION_XML, spec.DEFINITION_JSON),
    ],
)
async def test_read_answers_are_shaped_as_the_spec(
    world: ApiWorld, path: str, xml_example: str, json_example: str
) -> None:
    as_xml = await get(world, f"{path}.xml")
    as_json = await get(world, f"{path}.json")
    assert (as_xml.status, as_xml.content_type) == (200, "text/xml")
    assert (as_json.status, as_json.content_type) == (200, "application/json")
    assert as_xml.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert spec.xml_shape(as_xml.body) == spec.xml_shape(xml_example)
    assert spec.json_shape(as_json.body) == spec.json_shape(json_example)


async def test_request_answers_are_shaped_as_the_spec(world: ApiWorld) -> None:
    posted = await post(world, "xml", service_code="roads", description="Яма на дороге", **KREMLIN)
    assert posted.status == 201
    assert spec.xml_shape(posted.body) == spec.xml_shape(spec.POSTED_XML)
    number = await file_open311(world, media_url="https://example.org/pit.jpg")
    for path in ("/requests", f"/requests/{number}"):
        as_xml = await get(world, f"{path}.xml")
        as_json = await get(world, f"{path}.json")
        assert spec.xml_shape(as_xml.body) == spec.xml_shape(spec.REQUESTS_XML)
        assert spec.json_shape(as_json.body) == spec.json_shape(spec.REQUESTS_JSON)
    posted_json = await post(world, service_code="roads", description="Яма на дороге", **KREMLIN)
    assert spec.json_shape(posted_json.body) == spec.json_shape(spec.POSTED_JSON)


async def test_errors_are_the_spec_list_with_the_http_status(world: ApiWorld) -> None:
    refused = await post(world, "xml", key="not-a-key", service_code="roads")
    assert refused.status == 403
    assert spec.xml_shape(refused.body) == spec.xml_shape(spec.ERRORS_XML)
    error = refused.xml().find("error")
    assert error is not None and error.findtext("code") == "403"
    assert error.findtext("description") == (
        "Invalid api_key received -- can't proceed with create_request."
    )
    missing = await get(world, "/requests/KZN-999999.json")
    assert missing.status == 404
    assert spec.json_shape(missing.body) == spec.json_shape(spec.ERRORS_JSON)
    assert missing.json()[0]["code"] == 404
    bad = await get(world, "/requests.json", {"status": "pending"})
    assert (bad.status, bad.json()[0]["code"]) == (400, 400)
    no_route = await get(world, "/nothing.xml")
    assert no_route.status == 404 and no_route.xml().tag == "errors"
    wrong_method = await world.client.delete("/open311/v2/requests.json")
    assert wrong_method.status == 405
    assert (await wrong_method.json())[0]["code"] == 405


async def test_services_are_the_active_categories(world: ApiWorld) -> None:
    services = (await get(world, "/services.json")).json()
    assert [s["service_code"] for s in services] == ACTIVE_CODES
    lighting = next(s for s in services if s["service_code"] == "lighting")
    assert lighting["service_name"] == "Уличное освещение"
    assert lighting["metadata"] is True and lighting["type"] == "realtime"
    assert "Street lighting" in lighting["keywords"]
    assert "5 рабочих дней" in lighting["description"]
    snow = next(s for s in services if s["service_code"] == "snow")
    assert snow["metadata"] is False
    plain = (await get(world, "/services/snow.json")).json()
    assert plain == {"service_code": "snow", "attributes": []}
    unknown = await get(world, "/services/nosuch.xml")
    assert unknown.status == 404 and unknown.xml().findtext("error/code") == "404"


async def test_discovery_names_this_endpoint_and_both_formats(world: ApiWorld) -> None:
    found = (await get(world, "/discovery.json")).json()
    endpoint = found["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert sorted(endpoint["formats"]) == ["application/json", "text/xml"]
    xml = (await get(world, "/discovery.xml")).xml()
    assert [f.text for f in xml.iterfind("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


async def test_the_openapi_description_is_valid_and_lists_every_route(world: ApiWorld) -> None:
    document = (await get(world, "/openapi.json")).json()
    validate(document)
    assert sorted(document["paths"]) == sorted(
        f"/open311/v2{path}".replace("{fmt:json|xml}", "{format}")
        .replace("{service_code:[^/.]+}", "{service_code}")
        .replace("{service_request_id:[^/.]+}", "{service_request_id}")
        for path in {path for _, path, _ in ROUTES}
    )

"""A third-party GeoReport v2 client (`georeport` from PyPI) against the real web app on
127.0.0.1: it lists services and their definitions and reads requests, in JSON and in XML.
It cannot file a request (its README says so), so the POST is made with `requests`, as a
partner app's plain HTTP call, and the client then reads the filed request back."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from georeport import GeoReport

from tests.api.harness import OPEN311_KEY
from tests.api.live import live_api

FORM = {
    "api_key": OPEN311_KEY,
    "service_code": "lighting",
    "lat": "55.79860",
    "long": "49.10640",
    "description": "Фонарь не горит у остановки",
    "attribute[LAMP]": "off",
    "media_url": "https://example.org/lamp.jpg",
}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, database_template: Path) -> Iterator[str]:
    with live_api(tmp_path_factory.mktemp("open311"), database_template) as url:
        yield f"{url}/open311/v2"


def _file(endpoint: str) -> str:
    reply = requests.post(f"{endpoint}/requests.json", data=FORM, timeout=10)
    assert reply.status_code == 201, reply.text
    return str(reply.json()[0]["service_request_id"])


def test_the_client_reads_services_and_definitions(endpoint: str) -> None:
    for fmt in ("json", "xml"):
        client = GeoReport(endpoint, output_format=fmt)
        services = client.get_service_list()
        codes = [service["service_code"] for service in services]
        assert codes[:3] == ["roads", "yards", "lighting"], fmt
        definition = client.get_service_definition("lighting")
        assert definition["service_code"] == "lighting"
    json_definition = GeoReport(endpoint).get_service_definition("lighting")
    lamp = json_definition["attributes"][0]
    assert (lamp["code"], lamp["datatype"]) == ("LAMP", "singlevaluelist")
    xml_definition = GeoReport(endpoint, output_format="xml").get_service_definition("lighting")
    keys = [v["key"] for v in xml_definition["attributes"]["attribute"]["values"]["value"]]
    assert keys == [value["key"] for value in lamp["values"]]


def test_the_client_reads_a_request_filed_over_http(endpoint: str) -> None:
    number = _file(endpoint)
    client = GeoReport(endpoint)
    one = client.get_service_request(number)
    assert one["service_request_id"] == number and one["status"] == "open"
    assert one["service_code"] == "lighting"
    assert (
        one["description"]
        == "Фонарь не горит у остановки\nФонарь: не горит\nФото: https://example.org/lamp.jpg"
    )
    assert one["media_url"] == "https://example.org/lamp.jpg"
    listed = client.get_service_requests(service_request_id=number)
    assert [r["service_request_id"] for r in listed] == [number]
    lighting = client.get_service_requests(service_code="lighting", status="open")
    assert number in [r["service_request_id"] for r in lighting]
    as_xml = GeoReport(endpoint, output_format="xml").get_service_request(number)
    assert as_xml["service_request_id"] == number and as_xml["long"] == "49.1064"


def test_the_client_sees_the_spec_errors(endpoint: str) -> None:
    client = GeoReport(endpoint)
    with pytest.raises(requests.HTTPError) as raised:
        client.get_service_request("KZN-999999")
    assert raised.value.response.status_code == 404
    assert raised.value.response.json()[0]["code"] == 404
    refused = requests.post(
        f"{endpoint}/requests.xml", data=FORM | {"api_key": "unknown-key-0123456789"}, timeout=10
    )
    assert refused.status_code == 403 and "<code>403</code>" in refused.text

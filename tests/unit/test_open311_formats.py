"""The Open311 writers: the same data as JSON and as well-formed XML, whatever the text."""

import json
from xml.etree import ElementTree as ET

from bot.open311.formats import Format, Open311Error, items_response, object_response

TRICKY = 'Яма <b>&amp;</b> "кавычки"\x0b\x01 конец'


def test_xml_escapes_markup_and_replaces_what_xml_cannot_carry() -> None:
    data = {"description": TRICKY, "lat": 55.79, "metadata": True, "zipcode": None}
    response = items_response(Format.XML, "service_requests", "request", [data])
    assert response.text is not None
    request = ET.fromstring(response.text).find("request")
    assert request is not None
    assert request.findtext("description") == 'Яма <b>&amp;</b> "кавычки"\ufffd\ufffd конец'
    assert request.findtext("lat") == "55.79" and request.findtext("metadata") == "true"
    assert request.findtext("zipcode") == ""
    as_json = items_response(Format.JSON, "service_requests", "request", [data])
    assert as_json.text is not None and json.loads(as_json.text) == [data]


def test_lists_inside_an_item_are_plural_elements_with_singular_children() -> None:
    data = {"endpoints": [{"formats": ["text/xml", "application/json"], "type": "test"}]}
    response = object_response(Format.XML, "discovery", data)
    assert response.text is not None
    root = ET.fromstring(response.text)
    assert root.tag == "discovery"
    formats = root.findall("endpoints/endpoint/formats/format")
    assert [f.text for f in formats] == ["text/xml", "application/json"]


def test_an_error_is_the_spec_list_with_its_status() -> None:
    response = Open311Error(404, "service_code 'x' not found").response(Format.XML)
    assert response.status == 404 and response.content_type == "text/xml"
    assert response.text is not None
    assert ET.fromstring(response.text).findtext("error/code") == "404"

# ruff: noqa: E501 (the spec's examples are kept verbatim, long lines included)
"""The GeoReport v2 wiki's example answers (http://wiki.open311.org/GeoReport_v2), kept as
the spec shows them, and `shape`: an answer's structure (element and key names, nesting,
which values are lists) without its values, to compare ours with the spec's."""

import json
from typing import Any
from xml.etree import ElementTree as ET

DISCOVERY_XML = """<?xml version="1.0" encoding="utf-8"?>
<discovery>
  <changeset>2011-04-05T17:48:34Z</changeset>
  <contact>Please email ( content.311@sfgov.org )  or call 311 for assistance.</contact>
  <key_service>Please email ( content.311@sfgov.org ) to request an API key.</key_service>
  <endpoints>
    <endpoint>
      <specification>http://wiki.open311.org/GeoReport_v2</specification>
      <url>http://open311.sfgov.org/dev/v2</url>
      <changeset>2011-04-20T17:48:34Z</changeset>
      <type>test</type>
      <formats>
        <format>text/xml</format>
        <format>application/json</format>
      </formats>
    </endpoint>
  </endpoints>
</discovery>"""

DISCOVERY_JSON = """{
  "changeset": "2011-04-05T17:48:34Z",
  "contact": "Please email ( content.311@sfgov.org )  or call 311 for assistance.",
  "key_service": "Please email ( content.311@sfgov.org ) to request an API key.",
  "endpoints": [
    {
      "specification": "http://wiki.open311.org/GeoReport_v2",
      "url": "http://open311.sfgov.org/dev/v2",
      "changeset": "2011-04-20T17:48:34Z",
      "type": "test",
      "formats": ["text/xml", "application/json"]
    }
  ]
}"""

SERVICES_XML = """<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>001</service_code>
    <service_name>Cans left out 24x7</service_name>
    <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>sanitation</group>
  </service>
  <service>
    <service_code>002</service_code>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>street</group>
    <service_name>Construction plate shifted</service_name>
    <description>Metal construction plate covering the street or sidewalk has been moved.</description>
  </service>
</services>"""

SERVICES_JSON = """[
  {
    "service_code": "001",
    "service_name": "Cans left out 24x7",
    "description": "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
    "metadata": true,
    "type": "realtime",
    "keywords": "lorem, ipsum, dolor",
    "group": "sanitation"
  }
]"""

DEFINITION_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_definition>
  <service_code>DMV66</service_code>
  <attributes>
    <attribute>
      <variable>true</variable>
      <code>WHISHETN</code>
      <datatype>singlevaluelist</datatype>
      <required>true</required>
      <datatype_description></datatype_description>
      <order>1</order>
      <description>What is the ticket/tag/DL number?</description>
      <values>
        <value>
          <key>123</key>
          <name>Ford</name>
        </value>
        <value>
          <key>124</key>
          <name>Chrysler</name>
        </value>
      </values>
    </attribute>
  </attributes>
</service_definition>"""

DEFINITION_JSON = """{
  "service_code": "DMV66",
  "attributes": [
    {
      "variable": true,
      "code": "WHISHETN",
      "datatype": "singlevaluelist",
      "required": true,
      "datatype_description": null,
      "order": 1,
      "description": "What is the ticket/tag/DL number?",
      "values": [
        {"key": 123, "name": "Ford"},
        {"key": 124, "name": "Chrysler"}
      ]
    }
  ]
}"""

POSTED_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>293944</service_request_id>
    <service_notice>The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code</service_notice>
    <account_id/>
  </request>
</service_requests>"""

POSTED_JSON = """[
  {
    "service_request_id": 293944,
    "service_notice": "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code",
    "account_id": null
  }
]"""

REQUESTS_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>Duplicate request.</status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url>
  </request>
</service_requests>"""

REQUESTS_JSON = """[
  {
    "service_request_id": 638344,
    "status": "closed",
    "status_notes": "Duplicate request.",
    "service_name": "Sidewalk and Curb Issues",
    "service_code": "006",
    "description": null,
    "agency_responsible": null,
    "service_notice": null,
    "requested_datetime": "2010-04-14T06:37:38-08:00",
    "updated_datetime": "2010-04-14T06:37:38-08:00",
    "expected_datetime": "2010-04-15T06:37:38-08:00",
    "address": "8TH AVE and JUDAH ST",
    "address_id": 545483,
    "zipcode": 94122,
    "lat": 37.762221815,
    "long": -122.4651145,
    "media_url": "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"
  }
]"""

ERRORS_XML = """<?xml version="1.0" encoding="utf-8"?>
<errors>
  <error>
    <code>403</code>
    <description>Invalid api_key received -- can't proceed with create_request.</description>
  </error>
  <error>
    <code>404</code>
    <description>Data not found</description>
  </error>
</errors>"""

ERRORS_JSON = """[
  {"code": 403, "description": "Invalid api_key received -- can't proceed with create_request."},
  {"code": 404, "description": "Data not found"}
]"""


def xml_shape(text: str | bytes) -> Any:
    """(tag, sorted set of child shapes) with repeated siblings counted once."""
    return _element_shape(ET.fromstring(text))


def _element_shape(element: ET.Element) -> Any:
    children = {_element_shape(child) for child in element}
    return (element.tag, tuple(sorted(children, key=repr)))


def json_shape(text: str | bytes) -> Any:
    return _value_shape(json.loads(text))


def _value_shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _value_shape(inner) for key, inner in value.items()}
    if isinstance(value, list):
        shapes = {json.dumps(_value_shape(item), sort_keys=True) for item in value}
        return ["list", sorted(shapes)]
    return "value"  # text, number, boolean or null: the spec mixes them for one field

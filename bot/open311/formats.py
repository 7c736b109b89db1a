"""The two formats of GeoReport v2: JSON and XML, and the spec's error shape in both.

An answer is built once as plain data (dicts, lists, text, numbers, None) and written in the
format the path names (`requests.json`, `requests.xml`). XML follows the spec's examples: a
root element (`services`, `service_requests`, `errors`...), one element per item (`service`,
`request`, `error`), a list inside an item as a plural element with singular children
(`<formats><format>`), None as an empty element, booleans as `true`/`false`.
"""

import json
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any
from xml.etree import ElementTree as ET

from aiohttp import web

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# A list inside an item: the plural element holds singular children.
SINGULAR = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}
Data = Mapping[str, Any]
# Characters XML 1.0 cannot carry even escaped (control characters, lone surrogates,
# U+FFFE/U+FFFF): a partner's text may hold them, the JSON keeps them, the XML shows U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Format(StrEnum):
    JSON = "json"
    XML = "xml"

    @property
    def media_type(self) -> str:
        return "application/json" if self is Format.JSON else "text/xml"


def format_of_path(path: str) -> Format:
    """The format an answer (an error included) is written in: XML only when asked for."""
    return Format.XML if path.lower().endswith(".xml") else Format.JSON


class Open311Error(Exception):
    """Answered as the spec's error list: `[{"code": 400, "description": "..."}]`."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description

    def response(self, fmt: Format) -> web.Response:
        error = {"code": self.code, "description": self.description}
        return items_response(fmt, "errors", "error", [error], status=self.code)


def items_response(
    fmt: Format, root: str, item: str, items: Sequence[Data], status: int = 200
) -> web.Response:
    """A list: a JSON array, or `<root><item>...</item>...</root>`."""
    if fmt is Format.JSON:
        return _response(json.dumps(list(items), ensure_ascii=False), fmt, status)
    element = ET.Element(root)
    for data in items:
        _fill(ET.SubElement(element, item), data)
    return _response(_xml_text(element), fmt, status)


def object_response(fmt: Format, root: str, data: Data) -> web.Response:
    """One object: a JSON object, or `<root>...</root>` (discovery, a service definition)."""
    if fmt is Format.JSON:
        return _response(json.dumps(data, ensure_ascii=False), fmt, 200)
    element = ET.Element(root)
    _fill(element, data)
    return _response(_xml_text(element), fmt, 200)


def _fill(element: ET.Element, data: Data) -> None:
    for name, value in data.items():
        child = ET.SubElement(element, name)
        if isinstance(value, list):
            for entry in value:
                grandchild = ET.SubElement(child, SINGULAR[name])
                if isinstance(entry, Mapping):
                    _fill(grandchild, entry)
                else:
                    grandchild.text = _text(entry)
        else:
            child.text = _text(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("\ufffd", str(value))


def _xml_text(element: ET.Element) -> str:
    return XML_DECLARATION + ET.tostring(element, encoding="unicode")


def _response(text: str, fmt: Format, status: int) -> web.Response:
    return web.Response(text=text, status=status, content_type=fmt.media_type, charset="utf-8")

"""An OpenAPI 3.1 description of /open311/v2 (served at /open311/v2/openapi.json), for
partner developers and for schemathesis (tests/api/test_fuzz.py). GeoReport v2 itself has
no such document; this one states the spec's shapes as this server answers them."""

from typing import Any

from bot.open311.filing import MEDIA_URL_MAX
from bot.open311.queries import LIMIT, STATUS_PATTERN, W3C_PATTERN
from domain.address.matcher import MAX_QUERY_CHARS
from domain.services.reports import DESCRIPTION_MAX, DESCRIPTION_MIN

TEXT = {"type": "string"}
NULL_TEXT = {"type": ["string", "null"]}
NULL = {"type": "null"}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


SCHEMAS: dict[str, Any] = {
    "Error": _object({"code": {"type": "integer"}, "description": TEXT}),
    "Discovery": _object(
        {
            "changeset": TEXT,
            "contact": TEXT,
            "key_service": TEXT,
            "endpoints": {
                "type": "array",
                "items": _object(
                    {
                        "specification": TEXT,
                        "url": TEXT,
                        "changeset": TEXT,
                        "type": {"enum": ["production", "test"]},
                        "formats": {"type": "array", "items": TEXT},
                    }
                ),
            },
        }
    ),
    "Service": _object(
        {
            "service_code": TEXT,
            "service_name": TEXT,
            "description": TEXT,
            "metadata": {"type": "boolean"},
            "type": {"enum": ["realtime", "batch", "blackbox"]},
            "keywords": TEXT,
            "group": TEXT,
        }
    ),
    "ServiceDefinition": _object(
        {
            "service_code": TEXT,
            "attributes": {
                "type": "array",
                "items": _object(
                    {
                        "variable": {"type": "boolean"},
                        "code": TEXT,
                        "datatype": {"enum": ["singlevaluelist"]},
                        "required": {"type": "boolean"},
                        "datatype_description": NULL_TEXT,
                        "order": {"type": "integer"},
                        "description": TEXT,
                        "values": {
                            "type": "array",
                            "items": _object({"key": TEXT, "name": TEXT}),
                        },
                    }
                ),
            },
        }
    ),
    "ServiceRequest": _object(
        {
            "service_request_id": {"type": "string", "pattern": "^KZN-[0-9]{6,}$"},
            "status": {"enum": ["open", "closed"]},
            "status_notes": TEXT,
            "service_name": TEXT,
            "service_code": TEXT,
            "description": NULL_TEXT,
            "agency_responsible": NULL_TEXT,
            "service_notice": NULL,
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": "string", "format": "date-time"},
            "address": NULL_TEXT,
            "address_id": NULL,
            "zipcode": NULL,
            "lat": {"type": ["number", "null"]},
            "long": {"type": ["number", "null"]},
            "media_url": NULL_TEXT,
        }
    ),
    "Filed": _object(
        {
            "service_request_id": {"type": "string", "pattern": "^KZN-[0-9]{6,}$"},
            "service_notice": TEXT,
            "account_id": NULL,
        }
    ),
    "NewRequest": {
        "type": "object",
        "properties": {
            "api_key": {**TEXT, "description": "one of OPEN311_API_KEYS"},
            "service_code": {**TEXT, "examples": ["roads"]},
            # Empty is as left out: apps send every field of their form.
            "lat": {"anyOf": [{"type": "number"}, {"const": ""}], "examples": [55.7986]},
            "long": {"anyOf": [{"type": "number"}, {"const": ""}], "examples": [49.1064]},
            "address_string": {
                "type": "string",
                "maxLength": MAX_QUERY_CHARS,
                "examples": ["ул. Баумана, 10"],
            },
            "description": {
                "type": "string",
                "minLength": DESCRIPTION_MIN,
                "maxLength": DESCRIPTION_MAX,
                "examples": ["Яма на проезжей части у остановки"],
            },
            "media_url": {
                "type": "string",
                "maxLength": MEDIA_URL_MAX,
                "pattern": "^(https?://[^\\x00-\\x20\\x7f]+)?$",
            },
        },
        "required": ["api_key", "service_code", "description"],
        "description": "Also attribute[CODE]=key for a service's attributes; the spec's "
        "email, first_name, last_name, phone, device_id, account_id are accepted, not stored",
    },
}
FORMAT = {"name": "format", "in": "path", "required": True, "schema": {"enum": ["json", "xml"]}}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}, "text/xml": {"schema": TEXT}},
    }


def _errors(*statuses: int) -> dict[str, Any]:
    words = {400: "Invalid input", 403: "Unknown api_key", 404: "Not found", 413: "Too large"}
    return {str(s): _answer(words[s], _list("Error")) for s in statuses}


def _get(operation: str, summary: str, schema: dict[str, Any], *extra: dict[str, Any]) -> Any:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "parameters": [FORMAT, *extra],
            "responses": {"200": _answer(summary, schema), **_errors(400, 404)},
        }
    }


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, "description": description}


def build_document(root: str) -> dict[str, Any]:
    requests = _get(
        "open311_list_requests",
        "Requests, oldest first",
        _list("ServiceRequest"),
        _query("service_request_id", TEXT, "comma list of KZN-000123 or 123; overrides the rest"),
        _query("service_code", TEXT, "comma list of service codes"),
        _query("start_date", {"type": "string", "pattern": W3C_PATTERN}, "W3C; default now-90d"),
        _query("end_date", {"type": "string", "pattern": W3C_PATTERN}, "W3C; window <= 90 days"),
        _query("status", {"type": "string", "pattern": STATUS_PATTERN}, "open, closed"),
        _query("limit", {"type": "integer", "minimum": 1, "maximum": LIMIT}, "at most"),
    )
    requests["post"] = {
        "operationId": "open311_post_request",
        "summary": "File a request (form fields, as the spec says)",
        "parameters": [FORMAT],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"$ref": "#/components/schemas/NewRequest"}
                }
            },
        },
        "responses": {
            "201": {
                **_answer("Filed", _list("Filed")),
                "links": {
                    "open311_get_request": {
                        "operationId": "open311_get_request",
                        "parameters": {
                            "service_request_id": "$response.body#/0/service_request_id",
                            "format": "json",
                        },
                    }
                },
            },
            **_errors(400, 403, 404, 413),
        },
    }
    service_code = {"name": "service_code", "in": "path", "required": True, "schema": TEXT}
    request_id = {"name": "service_request_id", "in": "path", "required": True, "schema": TEXT}
    return {
        "openapi": "3.1.0",
        "info": {"title": "My Kazan Open311 GeoReport v2", "version": "v2"},
        "paths": {
            f"{root}/discovery.{{format}}": _get(
                "open311_discovery", "This endpoint", _ref("Discovery")
            ),
            f"{root}/services.{{format}}": _get("open311_services", "Services", _list("Service")),
            f"{root}/services/{{service_code}}.{{format}}": _get(
                "open311_service_definition",
                "A service's attributes",
                _ref("ServiceDefinition"),
                service_code,
            ),
            f"{root}/requests.{{format}}": requests,
            f"{root}/requests/{{service_request_id}}.{{format}}": _get(
                "open311_get_request",
                "One request (a list of one)",
                _list("ServiceRequest"),
                request_id,
            ),
        },
        "components": {"schemas": SCHEMAS},
    }

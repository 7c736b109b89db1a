"""Checking a real answer against what /api/v1/openapi.json says about it."""

import json
import re
from typing import Any

from jsonschema import Draft202012Validator

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorBody"}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^/{}]+\})", template)
    regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{regex}$")


def find_operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any] | None:
    if path in document["paths"]:  # a concrete path matches before a template (OpenAPI)
        return document["paths"][path].get(method.lower())  # type: ignore[no-any-return]
    for template, item in document["paths"].items():
        if _pattern(template).match(path) and method.lower() in item:
            return item[method.lower()]  # type: ignore[no-any-return]
    return None


def check_answer(
    document: dict[str, Any],
    method: str,
    path: str,
    status: int,
    content_type: str,
    body: bytes,
) -> None:
    """Fail unless the status, media type and body are what the document declares."""
    operation = find_operation(document, method, path)
    if operation is None:  # no such route: still the one error shape
        assert status in (401, 404, 405), f"{method} {path}: {status} for an unknown route"
        validate(document, ERROR_SCHEMA, json.loads(body))
        return
    responses = operation["responses"]
    assert str(status) in responses, f"{method} {path} answered {status}, not documented"
    if "content" not in responses[str(status)]:  # documented without a body (204)
        assert body == b"", f"{method} {path}: {status} has a body, documented without"
        return
    content = responses[str(status)]["content"]
    assert content_type in content, f"{method} {path}: {content_type} is not documented"
    schema = content[content_type]["schema"]
    instance = json.loads(body) if content_type == "application/json" else body.decode()
    validate(document, schema, instance)


def validate(document: dict[str, Any], schema: dict[str, Any], instance: Any) -> None:
    # The references point into the document's components: give the validator both.
    root = {**schema, "components": document["components"]}
    Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        instance
    )

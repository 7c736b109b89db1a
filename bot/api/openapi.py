"""The OpenAPI 3.1 document, generated from the registered endpoints and their models.

Schemas come from pydantic (`models_json_schema`, with references into
#/components/schemas); request models in validation mode, answers in serialisation mode, so
the document describes exactly what the server accepts and what it sends.
"""

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from bot.api.errors import DESCRIPTIONS, ErrorBody
from bot.api.parsing import JSON_TYPE, list_fields
from bot.api.routing import NO_CONTENT, Endpoint

REF = "#/components/schemas/{model}"
Mode = Literal["validation", "serialization"]


def _models(endpoints: Sequence[Endpoint]) -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    wanted: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {
        (ErrorBody, "serialization"): None
    }
    for endpoint in endpoints:
        for model in (endpoint.path_model, endpoint.query, endpoint.body):
            if model is not None:
                wanted[(model, "validation")] = None
        for spec in endpoint.responses.values():
            if isinstance(spec, type):
                wanted[(spec, "serialization")] = None
    return list(wanted)


def build_document(endpoints: Sequence[Endpoint], version: str) -> dict[str, Any]:
    refs, defs = models_json_schema(_models(endpoints), ref_template=REF)
    schemas = defs.get("$defs", {})
    paths: dict[str, dict[str, Any]] = {}
    names = {endpoint.handler.__name__ for endpoint in endpoints}
    for endpoint in endpoints:
        unknown = endpoint.links.keys() - names
        assert not unknown, f"{endpoint.method} {endpoint.path} links to unknown {unknown}"
        operation = _operation(endpoint, refs, schemas)
        paths.setdefault(endpoint.full_path, {})[endpoint.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "My Kazan admin API",
            "version": version,
            "description": "The city's own systems: requests, statistics, incidents. "
            "Every call but this document needs `Authorization: Bearer <token>`.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _operation(
    endpoint: Endpoint, refs: dict[Any, Any], schemas: dict[str, Any]
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.handler.__name__,
        "summary": endpoint.summary,
        "tags": [endpoint.tag],
        "parameters": _parameters(endpoint.path_model, "path", refs, schemas)
        + _parameters(endpoint.query, "query", refs, schemas),
        "responses": _responses(endpoint, refs),
        "security": [] if endpoint.public else [{"bearer": []}],
    }
    if endpoint.description:
        operation["description"] = endpoint.description
    if endpoint.body is not None:
        schema = refs[(endpoint.body, "validation")]
        operation["requestBody"] = {"required": True, "content": {JSON_TYPE: {"schema": schema}}}
    return operation


def _parameters(
    model: type[BaseModel] | None, where: str, refs: dict[Any, Any], schemas: dict[str, Any]
) -> list[dict[str, Any]]:
    """The path or query parameters, one per field of their model, with its JSON schema."""
    if model is None:
        return []
    ref = refs[(model, "validation")]["$ref"]
    model_schema = schemas[ref.rsplit("/", 1)[-1]]
    lists = list_fields(model)
    parameters = []
    for name, field in model.model_fields.items():
        sent_as = field.alias or name
        parameter: dict[str, Any] = {
            "name": sent_as,
            "in": where,
            "required": where == "path" or field.is_required(),
            "schema": model_schema["properties"][sent_as],
        }
        if field.description:
            parameter["description"] = field.description
        if name in lists:
            # Repeated (?status=a&status=b); a comma list in one value is accepted as well.
            parameter.update(style="form", explode=True)
        parameters.append(parameter)
    return parameters


def _responses(endpoint: Endpoint, refs: dict[Any, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, spec in sorted(endpoint.responses.items()):
        if spec == NO_CONTENT:
            responses[str(status)] = {"description": "Done; no body"}
            continue
        if isinstance(spec, str):
            # A streamed body: text formats are strings; a JSON document is an object.
            kind = "string" if spec.startswith("text/") else "object"
            content = {spec: {"schema": {"type": kind}}}
        else:
            content = {JSON_TYPE: {"schema": refs[(spec, "serialization")]}}
        responses[str(status)] = {"description": spec_description(spec), "content": content}
        if endpoint.links and not isinstance(spec, str):
            responses[str(status)]["links"] = {
                target: {"operationId": target, "parameters": dict(parameters)}
                for target, parameters in endpoint.links.items()
            }
    error = {JSON_TYPE: {"schema": refs[(ErrorBody, "serialization")]}}
    for status in endpoint.error_statuses():
        responses[str(status)] = {"description": DESCRIPTIONS[status], "content": error}
    return responses


def spec_description(spec: type[BaseModel] | str) -> str:
    if isinstance(spec, str):
        return f"A {spec} document"
    return (spec.__doc__ or spec.__name__).strip().split("\n")[0]

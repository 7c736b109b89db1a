"""Read a Bot API request the ways Telegram accepts: query, urlencoded, JSON, multipart."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from sandbox.errors import bad_request
from sandbox.files import Upload

ATTACH = "attach://"


async def read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Return (parameters, file parts by part name); body values win over the query."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method != "POST" or not request.body_exists:
        return params, uploads
    content_type = request.content_type
    if content_type == "application/json":
        try:
            body = json.loads(await request.text() or "{}")
        except ValueError as error:
            raise bad_request("can't parse JSON request body") from error
        if not isinstance(body, dict):
            raise bad_request("JSON request body must be an object")
        params.update(body)
    elif content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                uploads[part.name] = Upload(
                    field=part.name,
                    filename=part.filename,
                    content_type=part.headers.get("Content-Type", "application/octet-stream"),
                    data=bytes(await part.read()),
                )
            else:
                params[part.name] = await part.text()
    else:
        params.update(await request.post())
    return params, uploads


def attach_uploads(
    params: dict[str, Any], uploads: dict[str, Upload], file_fields: set[str]
) -> None:
    """Put a file part straight into the parameter it is named after.

    Parts referenced as ``attach://name`` stay in ``uploads`` for resolve_attachment.
    """
    for name in file_fields:
        if name in uploads and name not in params:
            params[name] = uploads[name]


def resolve_attachment(value: Any, uploads: dict[str, Upload]) -> Any:
    if isinstance(value, str) and value.startswith(ATTACH):
        name = value.removeprefix(ATTACH)
        if name not in uploads:
            raise bad_request(f"file {value} was not uploaded with the request")
        return uploads[name]
    return value

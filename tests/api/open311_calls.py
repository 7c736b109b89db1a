"""Calling /open311/v2 in tests: GET and form POST through the world's client."""

import json
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from domain.requests import Place
from tests.api.harness import OPEN311_KEY, ApiWorld

ROOT = "/open311/v2"
KREMLIN = {"lat": "55.79860", "long": "49.10640"}  # inside Вахитовский district


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def xml(self) -> ET.Element:
        return ET.fromstring(self.body)


async def get(world: ApiWorld, path: str, params: Any = None) -> Reply:
    response = await world.client.get(ROOT + path, params=params)
    return Reply(response.status, response.content_type, await response.read())


async def post(
    world: ApiWorld, fmt: str = "json", key: str | None = OPEN311_KEY, **form: str
) -> Reply:
    data = dict(form)
    if key is not None:
        data["api_key"] = key
    response = await world.client.post(f"{ROOT}/requests.{fmt}", data=data)
    return Reply(response.status, response.content_type, await response.read())


async def file_open311(world: ApiWorld, **form: str) -> str:
    """File a request as a partner app would; its service_request_id."""
    fields = {"service_code": "roads", "description": "Яма на проезжей части"} | KREMLIN | form
    reply = await post(world, **fields)
    assert reply.status == 201, reply.body
    return str(reply.json()[0]["service_request_id"])


def baumana_10(world: ApiWorld) -> Place:
    """The place a resident's typed "Баумана 10" becomes in the bot."""
    matcher = world.app.dispatcher.workflow_data["address_matcher"]
    candidate = matcher.match("Баумана 10").settled
    assert candidate is not None and candidate.point is not None
    lat, lon = candidate.point
    return Place(
        label=candidate.label_with_details(),
        district=candidate.district,
        street_id=candidate.street.id,
        house=candidate.house,
        lat=lat,
        lon=lon,
    )

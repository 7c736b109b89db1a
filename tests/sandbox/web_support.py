"""Helpers for the web chat tests: the mounted app and a small SSE reader."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer

from sandbox import BotApiStandIn
from sandbox.cast import Cast
from sandbox.web import mount

SsEvent = tuple[str, dict[str, Any]]


async def next_event(response: ClientResponse, timeout: float = 5.0) -> SsEvent:
    """The next named event of a Server-Sent Events response (comments are skipped)."""
    name: str | None = None
    data: dict[str, Any] = {}
    async with asyncio.timeout(timeout):
        while True:
            raw = await response.content.readline()
            if not raw:
                raise EOFError("the event stream ended")
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = json.loads(line.removeprefix("data: "))
            elif not line and name is not None:
                return name, data


async def event_named(response: ClientResponse, wanted: str, timeout: float = 5.0) -> SsEvent:
    """Skip events until one called ``wanted``."""
    async with asyncio.timeout(timeout):
        while True:
            event = await next_event(response, timeout)
            if event[0] == wanted:
                return event


@contextlib.asynccontextmanager
async def mounted(stand_in: BotApiStandIn) -> AsyncIterator[tuple[TestClient[Any, Any], Cast]]:
    """The demo cast in the stand-in's world and the web chat mounted at /sandbox."""
    cast = Cast.assemble(stand_in.world)
    app = web.Application()
    mount(app, stand_in, cast)
    async with TestClient(TestServer(app)) as client:
        yield client, cast


def chats_of(state: dict[str, Any], person_id: int) -> list[dict[str, Any]]:
    person = next(p for p in state["people"] if p["id"] == person_id)
    return list(person["chats"])

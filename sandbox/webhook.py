"""Deliver queued updates to the bot's webhook, retrying until it answers 2xx.

Like Telegram's Bot API server: each chat's updates form a queue, one update of a queue is
in flight at a time and the next goes only after the webhook answered 2xx; queues are
delivered side by side over up to `max_connections` connections. A bot that answers after
handling therefore sees each chat in order, even when several processes share the address.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from sandbox.model import now
from sandbox.updates import QueuedUpdate
from sandbox.world import World

logger = logging.getLogger(__name__)

# Runs a method the webhook answered with (Telegram executes a reply like
# {"method": "sendMessage", ...} given in the webhook response).
Executor = Callable[[str, dict[str, Any]], Awaitable[Any]]


class WebhookDeliverer:
    def __init__(
        self,
        world: World,
        execute: Executor,
        *,
        timeout: float = 10.0,
        retry_delays: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0),
    ) -> None:
        self.world = world
        self.url = ""
        self.secret_token: str | None = None
        self.max_connections = 40
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._execute = execute
        self._timeout = timeout
        self._delays = retry_delays
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None

    def set(self, url: str, secret_token: str | None, *, max_connections: int = 40) -> None:
        self.url, self.secret_token, self.max_connections = url, secret_token, max_connections
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="sandbox-webhook")
        self.world.updates.notify()

    def delete(self) -> None:
        self.url, self.secret_token = "", None
        self.world.updates.notify()

    def info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates.pending()),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            if self.world.updates.allowed_updates:
                info["allowed_updates"] = list(self.world.updates.allowed_updates)
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info

    async def stop(self) -> None:
        # Clear the URL first: Python 3.11's wait_for can swallow a cancellation that races a
        # wake-up, and the loop must still end then.
        self.url = ""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        in_flight: dict[object, asyncio.Task[None]] = {}  # a queue's update being delivered
        attempts: dict[object, int] = {}  # failed tries of a queue's first update
        retry_at: dict[object, float] = {}
        loop = asyncio.get_running_loop()

        async def deliver(key: object, queued: QueuedUpdate) -> None:
            try:
                if await self._deliver(queued):
                    attempts.pop(key, None)
                    return
                attempt = attempts.get(key, 0)
                attempts[key] = attempt + 1
                retry_at[key] = loop.time() + self._delays[min(attempt, len(self._delays) - 1)]
            finally:
                del in_flight[key]
                self.world.updates.notify()

        try:
            while self.url:
                seen: set[object] = set()
                for queued in self.world.updates.pending():
                    if len(in_flight) >= self.max_connections:
                        break
                    key = queue_key(queued.update)
                    if key in seen:
                        continue  # the queue's first update has not been answered yet
                    seen.add(key)
                    if key not in in_flight and retry_at.get(key, 0.0) <= loop.time():
                        in_flight[key] = asyncio.create_task(deliver(key, queued))
                retry_at = {k: t for k, t in retry_at.items() if t > loop.time()}
                next_retry = min(retry_at.values(), default=loop.time() + 1.0)
                await self.world.updates.wait_changed(max(0.001, next_retry - loop.time()))
        finally:
            for task in in_flight.values():
                task.cancel()

    async def _deliver(self, queued: QueuedUpdate) -> bool:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout),
                connector=aiohttp.TCPConnector(limit=self.max_connections),
            )
        headers = {"Content-Type": "application/json"}
        if self.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token
        try:
            async with self._session.post(
                self.url, data=json.dumps(queued.update, ensure_ascii=False), headers=headers
            ) as response:
                body = await response.read()
                if not 200 <= response.status < 300:
                    return self._failed(f"Wrong response from the webhook: {response.status}")
        except (aiohttp.ClientError, TimeoutError) as error:
            return self._failed(f"Connection failed: {type(error).__name__}")
        self.world.updates.confirm(queued)
        await self._run_reply(body)
        return True

    def _failed(self, message: str) -> bool:
        logger.info("webhook delivery failed: %s", message)
        self.last_error_date, self.last_error_message = now(), message
        return False

    async def _run_reply(self, body: bytes) -> None:
        try:
            reply = json.loads(body or b"null")
        except ValueError:
            return
        if isinstance(reply, dict) and isinstance(reply.get("method"), str):
            params = {k: v for k, v in reply.items() if k != "method"}
            try:
                await self._execute(reply["method"], params)
            except Exception:
                logger.exception("method %s from the webhook answer failed", reply["method"])


def queue_key(update: dict[str, Any]) -> object:
    """The queue an update waits in: its chat's, else its sender's, else its own."""
    for kind, payload in update.items():
        if not isinstance(payload, dict):
            continue
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        if isinstance(chat, dict) and "id" in chat:
            return ("chat", chat["id"])
        sender = payload.get("from") or payload.get("user")
        if isinstance(sender, dict) and "id" in sender:
            return ("user", sender["id"])
        return (kind, update.get("update_id"))
    return ("update", update.get("update_id"))

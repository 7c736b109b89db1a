"""BotApiStandIn: the aiohttp server that answers a bot like api.telegram.org would."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
from collections import deque
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from sandbox import spec
from sandbox.errors import ApiError, not_found, unauthorized
from sandbox.faults import Faults
from sandbox.files import Upload
from sandbox.methods import registry
from sandbox.pacing import Pacer
from sandbox.params import attach_uploads, read_request
from sandbox.state import Call, ServerState, StandInConfig
from sandbox.webhook import WebhookDeliverer
from sandbox.world import World

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One method call the bot made, for tests and the demo's log view."""

    method: str
    params: dict[str, Any]
    ok: bool
    at: float
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """One error answer the stand-in gave the bot (any method, any path), for tests."""

    method: str
    code: int
    description: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.method}: {self.code} {self.description} {self.params}"


class BotApiStandIn:
    def __init__(
        self,
        world: World | None = None,
        token: str = "123456:TEST-TOKEN",
        *,
        config: StandInConfig | None = None,
    ) -> None:
        bot_id = int(token.partition(":")[0])
        self.world = world or World(bot_id=bot_id)
        if self.world.bot.id != bot_id:
            raise ValueError(f"token is for bot {bot_id}, the world's bot is {self.world.bot.id}")
        self.token = token
        self.config = config or StandInConfig()
        self.calls: deque[CallRecord] = deque(maxlen=2000)
        # Every error answer since start (not trimmed): a test can demand there were none.
        self.errors: list[ErrorRecord] = []
        self.faults = Faults()  # 5xx answers and slow answers on demand, for tests
        webhook = WebhookDeliverer(
            self.world,
            self._execute_from_webhook,
            timeout=self.config.webhook_timeout,
            retry_delays=self.config.webhook_retry_delays,
        )
        self.state = ServerState(self.world, self.config, Pacer(self.config.pacing), webhook)
        self._methods = registry()
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._in_flight = 0
        self._last_activity = time.monotonic()
        self._lifetime: asyncio.TimerHandle | None = None
        self._stopping: asyncio.Task[None] | None = None  # keeps the self-stop task alive

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("the stand-in is not started")
        return self._base_url

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on loopback only and return the base URL for TelegramAPIServer.from_base."""
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"the stand-in listens on loopback only, not {host}")
        app = web.Application(client_max_size=self.config.max_request_bytes)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self._base_url = f"http://{host}:{bound[1]}"
        if self.config.max_lifetime:
            loop = asyncio.get_running_loop()
            self._lifetime = loop.call_later(self.config.max_lifetime, self._expire)
        logger.info("Bot API stand-in listening on %s", self._base_url)
        return self._base_url

    def _expire(self) -> None:
        logger.warning("stand-in reached max_lifetime=%ss; stopping", self.config.max_lifetime)
        self._stopping = asyncio.ensure_future(self.stop())

    async def stop(self) -> None:
        if self._lifetime is not None:
            self._lifetime.cancel()
            self._lifetime = None
        self.state.closing = True
        self.world.updates.notify()  # lets waiting getUpdates calls answer now
        await self.state.webhook.stop()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def wait_idle(self, timeout: float = 5.0, settle: float = 0.05) -> None:
        """Wait until every update is confirmed and no bot call ran for ``settle`` s."""
        deadline = time.monotonic() + timeout
        while True:
            quiet = time.monotonic() - self._last_activity >= settle
            if quiet and self._in_flight == 0 and not self.world.updates.pending():
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the bot did not become idle within {timeout} s")
            await asyncio.sleep(settle / 2)

    # --- HTTP --------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        long_poll = name.lower() == "getupdates"
        if not long_poll:
            self._in_flight += 1
        raw: dict[str, Any] = {}
        try:
            if request.match_info["token"] != self.token:
                raise unauthorized()
            raw, uploads = await read_request(request)
            fault = self.faults.take(name, raw)
            if fault is not None:
                await asyncio.sleep(fault.delay)
                if fault.status is not None:
                    self._log_call(name, raw, fault.description)
                    self._record_error(name, ApiError(fault.status, fault.description), raw)
                    return _json(ApiError(fault.status, fault.description).payload(), fault.status)
            result = await self.dispatch(name, raw, uploads)
        except ApiError as error:
            if not _client_gone(request):  # an abandoned long poll ended by the next one
                self._record_error(name, error, raw)
            return _json(error.payload(), status=error.code)
        except Exception:
            logger.exception("stand-in failed on %s", name)
            self._record_error(name, ApiError(500, "Internal Server Error"), raw)
            return _json(
                {"ok": False, "error_code": 500, "description": "Internal Server Error"}, 500
            )
        finally:
            if not long_poll:
                self._in_flight -= 1
            self._last_activity = time.monotonic()
        return _json({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        stored = self.world.files.by_path(request.match_info["path"])
        if request.match_info["token"] != self.token or stored is None:
            return _json(not_found().payload(), status=404)
        content_type = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=content_type)

    # --- methods -----------------------------------------------------------------------

    async def dispatch(
        self, method: str, raw: dict[str, Any], uploads: dict[str, Upload] | None = None
    ) -> Any:
        """Run one Bot API method; raises ApiError as Telegram would answer it."""
        uploads = uploads or {}
        entry = self._methods.get(method.lower())
        if entry is None:
            logger.warning("bot called unknown method %s", method)
            raise not_found()
        name, handler = entry
        fields = load_fields(name)
        attach_uploads(raw, uploads, {f for f in fields if "InputFile" in fields[f]["types"]})
        params = raw
        try:
            params = spec.validate_params(name, raw) if self.config.validate_spec else dict(raw)
            result = await handler(Call(self.state, params, uploads))
        except ApiError as error:
            self._log_call(name, params, error.description)
            raise
        self._log_call(name, params, None)
        if self.config.check_results:
            problems = spec.check_result(name, result)
            if problems:
                logger.error("sandbox built an invalid %s result: %s", name, problems)
                raise ApiError(500, f"Internal Server Error: sandbox result check: {problems[0]}")
        return result

    def _log_call(self, method: str, raw: dict[str, Any], error: str | None) -> None:
        if method == "getUpdates":
            return
        shown = {k: f"<file {v.filename}>" if isinstance(v, Upload) else v for k, v in raw.items()}
        self.calls.append(CallRecord(method, shown, error is None, time.time(), error))

    def _record_error(self, method: str, error: ApiError, raw: dict[str, Any]) -> None:
        shown = {k: f"<file {v.filename}>" if isinstance(v, Upload) else v for k, v in raw.items()}
        self.errors.append(ErrorRecord(method, error.code, error.description, shown))

    async def _execute_from_webhook(self, method: str, params: dict[str, Any]) -> Any:
        try:
            return await self.dispatch(method, params)
        except ApiError as error:
            self._record_error(method, error, params)
            logger.warning("method %s from the webhook answer failed: %s", method, error)
            return None


def load_fields(method: str) -> dict[str, dict[str, Any]]:
    return spec.load_spec().method_fields(method)


def _client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


def _json(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )

"""Configuration and the state a method handler sees."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sandbox.files import Upload
from sandbox.pacing import Pacer, Pacing
from sandbox.world import World

if TYPE_CHECKING:
    from sandbox.webhook import WebhookDeliverer


@dataclass(frozen=True, slots=True)
class StandInConfig:
    pacing: Pacing = field(default_factory=Pacing)
    validate_spec: bool = True  # refuse unknown/missing parameters (Telegram ignores unknown)
    check_results: bool = True  # our own results must match the spec (a sandbox self-test)
    strict_html_ampersand: bool = True  # refuse a bare "&" (Telegram keeps it as text)
    callback_answer_timeout: float = 15.0
    inline_answer_timeout: float = 15.0
    max_poll_timeout: float = 50.0
    max_lifetime: float | None = 900.0  # the server stops itself after this many seconds
    max_request_bytes: int = 50 * 1024 * 1024
    webhook_timeout: float = 10.0
    webhook_retry_delays: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0)


@dataclass(slots=True)
class ServerState:
    """Mutable state shared by the handlers of one stand-in."""

    world: World
    config: StandInConfig
    pacer: Pacer
    webhook: WebhookDeliverer
    poll_generation: int = 0
    closing: bool = False


@dataclass(frozen=True, slots=True)
class Call:
    """One method call: checked parameters plus the request's file parts."""

    state: ServerState
    params: dict[str, Any]
    uploads: dict[str, Upload] = field(default_factory=dict)

    @property
    def world(self) -> World:
        return self.state.world

    @property
    def config(self) -> StandInConfig:
        return self.state.config

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


Handler = Callable[[Call], Awaitable[Any]]

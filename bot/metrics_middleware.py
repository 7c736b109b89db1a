"""The outermost update middleware: counts updates and times their handling."""

import time
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update

from bot.metrics import Metrics
from bot.middlewares import Handler


class MetricsMiddleware(BaseMiddleware):
    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        kind = event.event_type if isinstance(event, Update) else type(event).__name__
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        finally:
            self._metrics.latency.labels(kind).observe(time.perf_counter() - started)
            self._metrics.updates.labels(kind, outcome).inc()

"""An argument built once per event from what aiogram injects, for a router's handlers."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Provide(BaseMiddleware):
    """Inner middleware: `data[name] = build(data)`, so a form's steps take one argument
    instead of repeating the same five."""

    def __init__(self, name: str, build: Callable[[dict[str, Any]], object]) -> None:
        self._name = name
        self._build = build

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data[self._name] = self._build(data)
        return await handler(event, data)

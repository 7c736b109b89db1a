"""Run the routers' synchronous filters and handlers on the event loop, not in a thread.

aiogram hands every synchronous callable to `asyncio.to_thread` (CallableObject.call): each
magic filter (`F.text == ...`, `F.data.startswith(...)`) and each plain-function filter, about
14 thread hops for an average update and ~48 for one that falls through every router. Ours
are quick and pure (attribute reads and comparisons; nothing in handlers/ may do blocking
IO), so the hop costs far more than the call. aiogram offers no switch for this; its own
field `awaitable` decides, so each synchronous callable is wrapped in a coroutine function
once, after the routers are assembled, and marked awaitable. The parameters aiogram passes
were worked out from the original callable and stay as they are.
"""

from collections.abc import Iterator
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import CallableObject, CallbackType


def run_inline(root: Router) -> int:
    """Make every synchronous filter and handler under `root` run inline; returns how many."""
    changed = 0
    for callable_object in _callables(root):
        if not callable_object.awaitable:
            callable_object.callback = _as_coroutine(callable_object.callback)
            callable_object.awaitable = True
            changed += 1
    return changed


def _callables(root: Router) -> Iterator[CallableObject]:
    for router in root.chain_tail:
        for observer in router.observers.values():
            yield from observer._handler.filters or ()  # the observer's own filters
            for handler in observer.handlers:
                yield handler
                yield from handler.filters or ()


def _as_coroutine(callback: CallbackType) -> CallbackType:
    async def inline(*args: Any, **kwargs: Any) -> Any:
        return callback(*args, **kwargs)

    inline.__wrapped__ = callback  # type: ignore[attr-defined]  # what it is (bot/index_guards.py)
    return inline

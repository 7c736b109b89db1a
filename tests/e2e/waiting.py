"""Waiting for something the bot does in its own time (paced edits, the outbox, replies)."""

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import TypeVar, overload

T = TypeVar("T")


@overload
async def eventually(
    check: Callable[[], Awaitable[T]], timeout: float = ..., interval: float = ...
) -> T: ...


@overload
async def eventually(check: Callable[[], T], timeout: float = ..., interval: float = ...) -> T: ...


async def eventually(
    check: Callable[[], object], timeout: float = 10.0, interval: float = 0.05
) -> object:
    """Call `check` (plain or async) until it returns something truthy, which is returned.

    An AssertionError it raises means "not yet"; at the timeout the last one is raised again
    (with how long it waited), or, if it only ever returned falsy values, an AssertionError
    naming the last of them. Anything else it raises is a real error and ends the wait."""
    loop = asyncio.get_running_loop()
    until = loop.time() + timeout
    while True:
        try:
            result = check()
            if inspect.isawaitable(result):
                result = await result
        except AssertionError as failed:
            if loop.time() >= until:
                raise AssertionError(f"still not so after {timeout} s: {failed}") from failed
        else:
            if result:
                return result
            if loop.time() >= until:
                name = getattr(check, "__name__", repr(check))
                raise AssertionError(f"{name} still {result!r} after {timeout} s")
        await asyncio.sleep(interval)

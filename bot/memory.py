"""Hand the C allocator's free pages back to the system now and then (glibc only).

A memory soak (issue 16; tests/bench/bench_webhook.py --minutes 10) measured the bot's
memory in use as flat (objects, SQLite's cache, glibc's allocated bytes) while RSS still grew
~0.4 MB a minute: glibc keeps the pages freed inside its heaps, one per thread that allocates
(the database driver's threads, the executor's), and the churn of updates scatters the free
ones. `malloc_trim` returns every free page of every heap; it took ~0.6 ms on the bot.
"""

import asyncio
import ctypes
import ctypes.util
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)
RELEASE_EVERY_S = 60.0


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to do
        return None
    return trim


_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Give the allocator's free pages back; False where the C library cannot."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


async def release_free_memory_periodically(
    stop: asyncio.Event, every: float = RELEASE_EVERY_S
) -> None:
    """Until `stop` is set. In every process: the heaps are each process's own."""
    if not release_free_memory():
        logger.info("free memory is left to the C library (no malloc_trim)")
        return
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), every)
        except TimeoutError:
            release_free_memory()

"""Free pages left in glibc's heaps go back to the system (bot/memory.py, issue 16)."""

import asyncio
import ctypes.util
import sys
from pathlib import Path

import pytest

from bot.memory import release_free_memory, release_free_memory_periodically

GLIBC = sys.platform == "linux" and "libc.so.6" in (ctypes.util.find_library("c") or "")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_pages_freed_inside_the_heap_go_back() -> None:
    # 4 KiB blocks (malloc, not Python's small-object pools), seven of every eight freed: the
    # freed pages sit between live blocks, so glibc cannot give them back by itself.
    blocks = [bytes(4000) for _ in range(20_000)]  # ~80 MB
    kept = blocks[::8]
    del blocks
    before = rss_mb()

    assert release_free_memory()

    assert before - rss_mb() > 35  # of the ~70 MB freed
    del kept


async def test_the_periodic_release_stops_with_the_bot() -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(release_free_memory_periodically(stop, every=0.01))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 1.0)

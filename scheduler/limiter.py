"""The bot's overall limit (about 30 messages a second across all chats) as a port.

The dispatcher asks it for room before a claim and for a slot before each send. One process
keeps it in memory (`LocalOverallLimit`); several dispatcher processes share one through
Redis (scheduler/redis_limiter.py), so that together they stay under Telegram's limit.
A 429 pauses it: Telegram's flood control counts the bot as a whole, whoever sent.

The methods are async because the shared one asks Redis; times are the limit's own clock
(a shared limit must use one clock for every process: Redis's).
"""

import time
from collections.abc import Callable
from typing import Protocol

from scheduler.pacing import GcraRate, Limits


class OverallLimit(Protocol):
    async def room(self, horizon: float) -> int:
        """How many messages may go within `horizon` seconds (sizes a claim)."""
        ...

    async def take(self, max_wait: float) -> float | None:
        """Book the next slot if it comes within `max_wait` seconds and return the seconds
        to wait for it; None (nothing booked) if it is further off."""
        ...

    async def delay(self) -> float:
        """Seconds until any message at all may go."""
        ...

    async def pause(self, seconds: float) -> None:
        """Nobody sends for `seconds` (Telegram said 429)."""
        ...

    async def aclose(self) -> None:
        """Let go of connections, if any."""
        ...


class LocalOverallLimit:
    """This process's own GCRA: right for one dispatcher process (SQLite, or one bot)."""

    def __init__(
        self, limits: Limits | None = None, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        limits = limits or Limits()
        self._rate = GcraRate.of(limits.overall_per_second, limits.overall_burst)
        self._tat: float | None = None
        self._monotonic = monotonic

    async def room(self, horizon: float) -> int:
        return self._rate.room(self._tat, self._monotonic(), horizon)

    async def take(self, max_wait: float) -> float | None:
        now = self._monotonic()
        wait = self._rate.delay(self._tat, now)
        if wait > max_wait:
            return None
        self._tat = self._rate.book(self._tat, now + wait)
        return wait

    async def delay(self) -> float:
        return self._rate.delay(self._tat, self._monotonic())

    async def pause(self, seconds: float) -> None:
        # A pause is the TAT moved on: the first slot after it is `seconds` away, no burst.
        paused = self._monotonic() + seconds + self._rate.tolerance
        self._tat = paused if self._tat is None else max(self._tat, paused)

    async def aclose(self) -> None:
        return None

"""When to send: Telegram's flood limits kept on our side (so that the bot rarely meets a
429), and the backoff after a failed try.

Pure: every method takes `now` (monotonic seconds) from the caller, so tests drive it with
plain numbers. Each limit is a GCRA ("generic cell rate algorithm", a token bucket kept as
one number per key): a key's theoretical arrival time (TAT) moves one emission interval
forward per message, and a message may go once `now >= TAT - tolerance`, the tolerance
being the burst. Booking a slot (`take`) is synchronous, so concurrent senders in one event
loop each get their own slot without racing.

`RateLimiter` keeps the per-chat and per-group limits and the 429 waits of this process (a
chat's rows are claimed by one process at a time, so its pace needs no sharing). The bot's
overall limit is an `OverallLimit` (scheduler/limiter.py): in-process, or shared through
Redis by several dispatcher processes.
"""

import math
import random
from contextvars import ContextVar
from dataclasses import dataclass

IDLE_SWEEP_EVERY = 1000  # bookings between sweeps of keys that have gone quiet
_EPSILON = 1e-9  # float sums of intervals land a hair off the exact slot

# Set while a caller that paces and retries its own sends (the outbox dispatcher) sends, so
# that the pacing of handlers' replies (bot/reply_pacing.py) lets the call through as it is.
paced_by_caller: ContextVar[bool] = ContextVar("paced_by_caller", default=False)


@dataclass(frozen=True, slots=True)
class Limits:
    """Kept a little under Telegram's published limits (and the sandbox's buckets)."""

    per_chat_per_second: float = 1.0
    per_chat_burst: int = 2
    per_group_per_minute: float = 20.0  # group chats (negative ids), on top of the per-chat
    per_group_burst: int = 3
    overall_per_second: float = 30.0  # the bot as a whole (see scheduler/limiter.py)
    overall_burst: int = 5


@dataclass(frozen=True, slots=True)
class GcraRate:
    interval: float  # seconds per message
    tolerance: float  # how far ahead of the steady pace a burst may run

    @classmethod
    def of(cls, per_second: float, burst: int) -> "GcraRate":
        if per_second <= 0 or burst < 1:
            raise ValueError("a rate needs per_second > 0 and burst >= 1")
        interval = 1.0 / per_second
        return cls(interval, (burst - 1) * interval)

    def delay(self, tat: float | None, now: float) -> float:
        return 0.0 if tat is None else max(0.0, tat - self.tolerance - now)

    def book(self, tat: float | None, at: float) -> float:
        return (at if tat is None else max(tat, at)) + self.interval

    def room(self, tat: float | None, now: float, horizon: float) -> int:
        """How many slots fall within `horizon` seconds from `now`."""
        start = now if tat is None else max(tat, now)  # the next slot's TAT
        slots = (now + horizon + self.tolerance - start) / self.interval
        return max(0, math.floor(slots + _EPSILON) + 1)


def is_group(chat_id: int) -> bool:
    """Telegram gives groups, supergroups and channels negative ids."""
    return chat_id < 0


class RateLimiter:
    """Per chat and per group, and how long 429s hold a chat or this whole process."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits = limits or Limits()
        self._chat_rate = GcraRate.of(limits.per_chat_per_second, limits.per_chat_burst)
        self._group_rate = GcraRate.of(limits.per_group_per_minute / 60, limits.per_group_burst)
        GcraRate.of(limits.overall_per_second, limits.overall_burst)  # checked here, used there
        self._chats: dict[int, float] = {}
        self._groups: dict[int, float] = {}
        self._cooling: dict[int, float] = {}  # chat -> until, after a 429 for that chat
        self._paused_until = 0.0  # everyone, after any 429
        self._bookings = 0

    def __len__(self) -> int:
        """Chats and groups remembered (idle ones are swept as bookings go on)."""
        return len(self._chats) + len(self._groups) + len(self._cooling)

    def delay_for(self, chat_id: int, now: float) -> float:
        """Seconds until a message to the chat may go (0: now). Books nothing."""
        delays = [
            self._chat_rate.delay(self._chats.get(chat_id), now),
            self.hold_for(chat_id, now),
        ]
        if is_group(chat_id):
            delays.append(self._group_rate.delay(self._groups.get(chat_id), now))
        return max(delays)

    def take(self, chat_id: int, now: float) -> float:
        """Book the chat's next slot and return the seconds to wait for it."""
        delay = self.delay_for(chat_id, now)
        at = now + delay
        self._chats[chat_id] = self._chat_rate.book(self._chats.get(chat_id), at)
        if is_group(chat_id):
            self._groups[chat_id] = self._group_rate.book(self._groups.get(chat_id), at)
        self._bookings += 1
        if self._bookings % IDLE_SWEEP_EVERY == 0:
            self._forget_idle(now)
        return delay

    def paused_for(self, now: float) -> float:
        """Seconds left of a 429 wait of the whole process."""
        return max(0.0, self._paused_until - now)

    def hold_for(self, chat_id: int, now: float) -> float:
        """Seconds left of a 429 wait that applies to the chat (its own or everyone's)."""
        until = max(self._cooling.get(chat_id, 0.0), self._paused_until)
        return max(0.0, until - now)

    def on_retry_after(self, chat_id: int, seconds: float, now: float) -> None:
        """Telegram answered 429. Its flood control counts the bot as a whole, and one 429
        is the first of many if the others keep going: every send of this process waits."""
        until = now + seconds
        self._cooling[chat_id] = max(self._cooling.get(chat_id, 0.0), until)
        self._paused_until = max(self._paused_until, until)

    def _forget_idle(self, now: float) -> None:
        """A key whose TAT has passed behaves like a new one: drop it (broadcasts touch tens
        of thousands of chats once)."""
        for table in (self._chats, self._groups, self._cooling):
            for key in [key for key, until in table.items() if until <= now]:
                del table[key]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Backoff for temporary failures: 5, 10, 20 ... 600 s (half of it random), about half
    an hour in all before a row is given up."""

    max_attempts: int = 10
    first_delay: float = 5.0
    max_delay: float = 600.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        ceiling = min(self.max_delay, self.first_delay * 2 ** (attempt - 1))
        # "Equal jitter": spread the retries of many rows, but never retry at once.
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

"""Telegram's flood limits as token buckets: per chat, per group, overall."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sandbox.errors import too_many_requests


@dataclass(frozen=True, slots=True)
class Pacing:
    """Limits; off by default so ordinary tests never meet a 429."""

    enabled: bool = False
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    per_group_per_minute: int = 20
    overall_per_second: int = 30


@dataclass(slots=True)
class _Bucket:
    capacity: float
    rate: float  # tokens per second
    tokens: float
    stamp: float

    def refill(self, moment: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (moment - self.stamp) * self.rate)
        self.stamp = moment

    def wait_for(self, count: float) -> float:
        return 0.0 if self.tokens >= count else (count - self.tokens) / self.rate


@dataclass(slots=True)
class Pacer:
    pacing: Pacing = field(default_factory=Pacing)
    clock: Callable[[], float] = time.monotonic
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _groups: dict[int, _Bucket] = field(default_factory=dict)
    _overall: _Bucket | None = None

    def check(self, chat_id: int, *, is_group: bool, count: int = 1) -> None:
        """Take ``count`` messages from every bucket that applies, or raise a 429."""
        if not self.pacing.enabled:
            return
        moment = self.clock()
        pacing = self.pacing
        buckets = [
            self._bucket(self._chats, chat_id, pacing.per_chat_burst, pacing.per_chat_per_second),
            self._overall_bucket(),
        ]
        if is_group:
            limit = pacing.per_group_per_minute
            buckets.append(self._bucket(self._groups, chat_id, limit, limit / 60))
        for bucket in buckets:
            bucket.refill(moment)
        wait = max(bucket.wait_for(count) for bucket in buckets)
        if wait > 0:
            raise too_many_requests(max(1, math.ceil(wait)))
        for bucket in buckets:
            bucket.tokens -= count

    def _bucket(self, table: dict[int, _Bucket], key: int, capacity: int, rate: float) -> _Bucket:
        if key not in table:
            table[key] = _Bucket(capacity, rate, capacity, self.clock())
        return table[key]

    def _overall_bucket(self) -> _Bucket:
        if self._overall is None:
            limit = self.pacing.overall_per_second
            self._overall = _Bucket(limit, limit, limit, self.clock())
        return self._overall

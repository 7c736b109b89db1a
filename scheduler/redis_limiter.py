"""The overall limit shared by several dispatcher processes through Redis (a GCRA in Lua).

One key holds the bot's theoretical arrival time (TAT) in microseconds of Redis's own clock,
so processes on different machines agree on "now". Every operation is one Lua script run
atomically by Redis: two processes can never book the same slot.
"""

from typing import Any

from redis.asyncio import Redis

from scheduler.pacing import GcraRate, Limits

# KEYS[1]: the TAT; ARGV: operation, interval, tolerance, argument (all microseconds).
# "take": book the next slot if it is at most ARGV[4] away; returns {booked, wait}.
# "look": returns {0, TAT - now} (0 if the key is idle). "pause": moves the TAT on.
_SCRIPT = """
local op = ARGV[1]
local interval, tolerance, arg = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
if op == 'look' then
  return {0, tat - now}
end
local new_tat
local wait = 0
if op == 'pause' then
  new_tat = math.max(tat, now + arg + tolerance)
else
  wait = math.max(0, tat - tolerance - now)
  if wait > arg then
    return {0, wait}
  end
  new_tat = math.max(tat, now + wait) + interval
end
local ttl = math.floor((new_tat - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', ttl)
return {1, wait}
"""
_MICRO = 1_000_000
# A limit asked before every message must not hang when Redis does not answer: the callers
# fall back to their own process's limit on an error (bot/reply_pacing.py, bot/middlewares.py).
REDIS_TIMEOUT_S = 1.0


def _connect(url: str) -> Redis:
    return Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S
    )


class RedisOverallLimit:
    """`OverallLimit` for a bot whose dispatchers run in several processes."""

    def __init__(self, redis: Redis, key: str, limits: Limits | None = None) -> None:
        limits = limits or Limits()
        self._rate = GcraRate.of(limits.overall_per_second, limits.overall_burst)
        self._redis = redis
        self._key = key
        self._script = redis.register_script(_SCRIPT)

    @classmethod
    def from_url(cls, url: str, key: str, limits: Limits | None = None) -> "RedisOverallLimit":
        return cls(_connect(url), key, limits)

    async def room(self, horizon: float) -> int:
        _, ahead = await self._run("look")
        # The same arithmetic as in-process, on the TAT relative to Redis's now (0 here).
        return self._rate.room(ahead / _MICRO, 0.0, horizon)

    async def take(self, max_wait: float) -> float | None:
        booked, wait = await self._run("take", max_wait)
        return wait / _MICRO if booked else None

    async def delay(self) -> float:
        _, ahead = await self._run("look")
        return self._rate.delay(ahead / _MICRO, 0.0)

    async def pause(self, seconds: float) -> None:
        await self._run("pause", seconds)

    async def aclose(self) -> None:
        await self._redis.aclose()

    async def _run(self, operation: str, seconds: float = 0.0) -> tuple[int, int]:
        rate = self._rate
        args: list[Any] = [operation, _us(rate.interval), _us(rate.tolerance), _us(seconds)]
        booked, microseconds = await self._script(keys=[self._key], args=args)
        return int(booked), int(microseconds)


def _us(seconds: float) -> int:
    return round(seconds * _MICRO)


class RedisKeyedLimit:
    """A GCRA per key (one person's updates), shared by every process of the bot: a flood
    spread over several processes is still one flood."""

    def __init__(self, redis: Redis, prefix: str, per_second: float, burst: int) -> None:
        self._rate = GcraRate.of(per_second, burst)
        self._redis = redis
        self._prefix = prefix
        self._script = redis.register_script(_SCRIPT)

    @classmethod
    def from_url(cls, url: str, prefix: str, per_second: float, burst: int) -> "RedisKeyedLimit":
        return cls(_connect(url), prefix, per_second, burst)

    async def allow(self, key: int) -> bool:
        """Book the key's next slot if it is due now (nothing is booked otherwise)."""
        rate = self._rate
        args: list[Any] = ["take", _us(rate.interval), _us(rate.tolerance), 0]
        booked, _ = await self._script(keys=[f"{self._prefix}:{key}"], args=args)
        return bool(int(booked))

    async def aclose(self) -> None:
        await self._redis.aclose()

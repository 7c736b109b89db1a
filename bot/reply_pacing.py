"""Replies at Telegram's pace: every Bot API call a handler makes goes through here.

After a restart (or any burst) the updates that queued up are handled in one rush, and the
bot's answers would outrun Telegram's limits (about 1 message a second per chat, 20 a minute
per group, 30 a second in all). A reply that met `429 Too Many Requests` used to be lost:
the handler failed, and the update was confirmed as handled.

The design: replies are paced and retried in place, inside the Bot's request session (an
aiogram request middleware), with the same limiter as the outbox dispatcher.
- Each send books a slot of the bot's overall budget, and a send into a group the group's
  next slot — the very `OverallLimit` and `RateLimiter` the outbox uses (the budget shared
  through Redis by several processes), so replies and notices together keep Telegram's pace
  — and waits for them. A private chat's replies are not held back beforehand: a person gets
  one or two answers per action, a short burst Telegram lets through; should it not, its 429
  is waited out like any other.
- A 429 (any method: sends, edits, callback answers) pauses the chat and the whole bot for
  `retry_after`, like a 429 met by the outbox, and the same call is made again after it.
- A server error or a broken connection is tried again a few times with a short backoff.
Because the handler awaits its own replies, a chat's answers still go out in order, and the
update is confirmed only after they went (polling confirms a batch after handling it; the
webhook answers after handling). What still fails after the retries is a transient failure
that handlers/errors.py leaves unconfirmed, to be handled again (bot/polling.py); a send
whose update's changes were already committed (a replay would skip it) is handed to the
durable outbox first (`defer`, bot/deferred_replies.py), so the answer still arrives.

Sends made by the outbox dispatcher are paced and retried by the dispatcher itself (it marks
them with `scheduler.pacing.paced_by_caller`), so they pass through untouched.
"""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from redis.exceptions import RedisError

from scheduler.limiter import LocalOverallLimit, OverallLimit
from scheduler.pacing import Limits, RateLimiter, is_group, paced_by_caller
from scheduler.redis_limiter import RedisOverallLimit

logger = logging.getLogger(__name__)

# The methods that post a message into a chat: what Telegram's per-chat limits count.
SENDING_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendMediaGroup",
        "sendDocument",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendSticker",
        "sendVideo",
        "sendAnimation",
        "sendVoice",
        "sendAudio",
        "copyMessage",
        "forwardMessage",
    }
)
# Seconds of 429 waits a reply sits out before the call fails: a flood of minutes is waited
# out (the person's answer arrives late, not never); beyond that Telegram is taken for down.
FLOOD_PATIENCE_S = 300.0
TRANSIENT_ATTEMPTS = 3  # tries of a call that met a server error or a broken connection
TRANSIENT_BACKOFF_S = 1.0  # doubled after each failed try
MAX_SLOT_WAIT_S = 60.0  # the overall budget is booked at most this far ahead
Defer = Callable[[TelegramMethod[Any]], Awaitable[bool]]


class PacedReplies(BaseRequestMiddleware):
    def __init__(
        self,
        limiter: RateLimiter,
        overall: OverallLimit,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Any] = asyncio.sleep,
        defer: Defer | None = None,
    ) -> None:
        """`defer`: where a send that still fails after the retries goes (the outbox, when
        its update's changes are already committed: bot/deferred_replies.py)."""
        self._defer = defer
        self._limiter = limiter
        self._overall = overall
        # When the shared budget (Redis) does not answer, this process's own keeps the pace:
        # a Redis hiccup must not silence the bot.
        self._fallback = LocalOverallLimit(limiter.limits, monotonic)
        self._monotonic = monotonic
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if paced_by_caller.get():
            return await make_request(bot, method)
        chat_id = _sending_chat(method)
        waited = 0.0
        failures = 0
        while True:
            if chat_id is not None:
                await self._wait_for_slot(chat_id)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                waited += error.retry_after
                if waited > FLOOD_PATIENCE_S:
                    await self._give_up(method)
                    raise
                await self._hold(chat_id, error.retry_after)
                logger.info(
                    "%s met flood control; sent again after %s s",
                    method.__api_method__,
                    error.retry_after,
                )
            except (TelegramServerError, TelegramNetworkError) as error:
                failures += 1
                if failures >= TRANSIENT_ATTEMPTS:
                    await self._give_up(method)
                    raise
                logger.warning("%s failed (%s); trying again", method.__api_method__, error)
                await self._sleep(TRANSIENT_BACKOFF_S * 2 ** (failures - 1))

    async def _give_up(self, method: TelegramMethod[Any]) -> None:
        if self._defer is not None:
            await self._defer(method)

    async def _wait_for_slot(self, chat_id: int) -> None:
        """Book a slot of the bot's overall budget (and the group's, in a group); wait for
        the later, and for a 429 hold on the chat."""
        now = self._monotonic()
        if is_group(chat_id):
            chat_wait = self._limiter.take(chat_id, now)
        else:
            chat_wait = self._limiter.hold_for(chat_id, now)
        while (overall_wait := await self._take_overall()) is None:
            await self._sleep(await self._overall_delay())  # a long 429 pause: sit it out
        wait = max(chat_wait, overall_wait)
        if wait > 0:
            await self._sleep(wait)

    async def _hold(self, chat_id: int | None, seconds: float) -> None:
        """Telegram counts the bot as a whole: everyone waits, the outbox included."""
        self._limiter.on_retry_after(chat_id or 0, seconds, self._monotonic())
        try:
            await self._overall.pause(seconds)
        except (RedisError, OSError):
            logger.warning("the shared pace did not answer; the 429 holds this process only")
        await self._fallback.pause(seconds)
        await self._sleep(seconds)

    async def _take_overall(self) -> float | None:
        try:
            return await self._overall.take(MAX_SLOT_WAIT_S)
        except (RedisError, OSError):
            logger.warning("the shared pace did not answer; this process keeps its own")
            return await self._fallback.take(MAX_SLOT_WAIT_S)

    async def _overall_delay(self) -> float:
        try:
            return await self._overall.delay()
        except (RedisError, OSError):
            return await self._fallback.delay()


def _sending_chat(method: TelegramMethod[Any]) -> int | None:
    """The chat a sending method posts into (None: not a send, or a channel's @username)."""
    if method.__api_method__ not in SENDING_METHODS:
        return None
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int) else None


@dataclass(frozen=True, slots=True)
class TelegramPace:
    """This process's share of Telegram's limits, one for its replies and its outbox: the
    per-chat limits and 429 waits of the process, and the bot's overall budget (kept in
    Redis when REDIS_URL is set, so that every process of the bot draws from one)."""

    limiter: RateLimiter
    overall: OverallLimit

    @classmethod
    def create(
        cls, bot_id: int, redis_url: str | None = None, limits: Limits | None = None
    ) -> "TelegramPace":
        limiter = RateLimiter(limits)
        if not redis_url:
            return cls(limiter, LocalOverallLimit(limiter.limits))
        # One key per bot: its processes share the limit, other bots on the Redis do not.
        key = f"mykazan:{bot_id}:outbox:overall"
        return cls(limiter, RedisOverallLimit.from_url(redis_url, key, limiter.limits))

    async def aclose(self) -> None:
        await self.overall.aclose()

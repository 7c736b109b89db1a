"""Handlers' replies are paced with the outbox's limiter and retried after a 429."""

from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter, TelegramServerError
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.reply_pacing import FLOOD_PATIENCE_S, TRANSIENT_ATTEMPTS, PacedReplies
from scheduler.limiter import LocalOverallLimit
from scheduler.pacing import Limits, RateLimiter, paced_by_caller

TOKEN = "42:TEST"


class Moments:
    """A monotonic clock that moves only when the middleware sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Telegram:
    """Answers each call with the next of `answers` (an exception is raised), then "ok"."""

    def __init__(self, *answers: Exception) -> None:
        self._answers = list(answers)
        self.calls: list[str] = []

    async def __call__(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        self.calls.append(method.__api_method__)
        if self._answers:
            raise self._answers.pop(0)
        return "ok"


def flood(method: TelegramMethod[Any], seconds: int) -> TelegramRetryAfter:
    return TelegramRetryAfter(method, "Too Many Requests: retry after", seconds)


def paced(moments: Moments, limits: Limits | None = None) -> tuple[PacedReplies, RateLimiter]:
    limiter = RateLimiter(limits)
    overall = LocalOverallLimit(limiter.limits, moments)
    return PacedReplies(limiter, overall, moments, moments.sleep), limiter


async def test_a_reply_that_meets_429_waits_and_is_sent() -> None:
    moments = Moments()
    middleware, limiter = paced(moments)
    method = SendMessage(chat_id=7, text="Ваша заявка принята")
    telegram = Telegram(flood(method, 3))
    result = await middleware(telegram, Bot(TOKEN), method)  # type: ignore[arg-type]
    assert result == "ok"
    assert telegram.calls == ["sendMessage", "sendMessage"]
    assert 3 in moments.slept
    # The whole bot held its breath, the outbox's other chats included.
    assert limiter.paused_for(moments.now - 3) == pytest.approx(3)


async def test_sends_to_a_group_keep_its_pace_a_person_gets_a_burst() -> None:
    moments = Moments()
    limits = Limits(per_chat_per_second=1.0, per_chat_burst=1, per_group_burst=1)
    middleware, _ = paced(moments, limits)
    telegram = Telegram()
    for text in ["раз", "два", "три"]:
        await middleware(telegram, Bot(TOKEN), SendMessage(chat_id=7, text=text))  # type: ignore[arg-type]
    assert sum(moments.slept) < 0.5  # only the overall budget's spacing
    moments.slept.clear()
    for text in ["раз", "два", "три"]:
        await middleware(telegram, Bot(TOKEN), SendMessage(chat_id=-100, text=text))  # type: ignore[arg-type]
    assert sum(moments.slept) == pytest.approx(6.0, abs=0.2)  # 20 a minute: 3 s apart


async def test_callback_answers_are_not_paced_but_are_retried() -> None:
    moments = Moments()
    middleware, _ = paced(moments, Limits(per_chat_per_second=1.0, per_chat_burst=1))
    method = AnswerCallbackQuery(callback_query_id="1")
    telegram = Telegram(flood(method, 1))
    await middleware(telegram, Bot(TOKEN), method)  # type: ignore[arg-type]
    assert moments.slept == [1]


async def test_gives_up_after_bounded_tries() -> None:
    moments = Moments()
    middleware, _ = paced(moments)
    method = SendMessage(chat_id=7, text="x")
    floods = int(FLOOD_PATIENCE_S // 60) + 1  # a minute each: the last is one too many
    telegram = Telegram(*[flood(method, 60) for _ in range(floods)])
    with pytest.raises(TelegramRetryAfter):
        await middleware(telegram, Bot(TOKEN), method)  # type: ignore[arg-type]
    assert len(telegram.calls) == floods
    assert sum(moments.slept) <= FLOOD_PATIENCE_S + 1
    errors = [TelegramServerError(method, "Bad Gateway") for _ in range(TRANSIENT_ATTEMPTS)]
    with pytest.raises(TelegramServerError):
        await middleware(Telegram(*errors), Bot(TOKEN), method)  # type: ignore[arg-type]


class SilentRedis:
    """A shared limit whose Redis does not answer."""

    async def take(self, max_wait: float) -> float | None:
        raise RedisConnectionError("Connection refused")

    async def delay(self) -> float:
        raise RedisConnectionError("Connection refused")

    async def pause(self, seconds: float) -> None:
        raise RedisConnectionError("Connection refused")


async def test_a_silent_redis_does_not_silence_the_replies() -> None:
    moments = Moments()
    limiter = RateLimiter()
    middleware = PacedReplies(limiter, SilentRedis(), moments, moments.sleep)  # type: ignore[arg-type]
    method = SendMessage(chat_id=7, text="Ваша заявка принята")
    telegram = Telegram(flood(method, 2))
    assert await middleware(telegram, Bot(TOKEN), method) == "ok"  # type: ignore[arg-type]
    assert telegram.calls == ["sendMessage", "sendMessage"] and 2 in moments.slept


async def test_the_outbox_sends_pass_through_untouched() -> None:
    moments = Moments()
    middleware, _ = paced(moments)
    method = SendMessage(chat_id=7, text="x")
    token = paced_by_caller.set(True)
    try:
        with pytest.raises(TelegramRetryAfter):  # the dispatcher decides about its own 429s
            await middleware(Telegram(flood(method, 1)), Bot(TOKEN), method)  # type: ignore[arg-type]
    finally:
        paced_by_caller.reset(token)
    assert moments.slept == []

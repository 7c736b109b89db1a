"""The rate limiter, driven by a plain-number clock: per chat, per group, overall, 429s."""

import random

import pytest

from scheduler.limiter import LocalOverallLimit
from scheduler.pacing import IDLE_SWEEP_EVERY, Limits, RateLimiter, RetryPolicy

ANNA, BORIS = 700_000_001, 700_000_002
STAFF = -1_001_234_567_890


def send_times(limiter: RateLimiter, chat_id: int, count: int, now: float = 0.0) -> list[float]:
    """When `count` messages queued at `now` go, each taking its slot when it may go."""
    times = []
    for _ in range(count):
        now += limiter.delay_for(chat_id, now)
        now += limiter.take(chat_id, now)
        times.append(round(now, 3))
    return times


def test_a_private_chat_gets_a_small_burst_then_one_a_second() -> None:
    limiter = RateLimiter()
    assert send_times(limiter, ANNA, 5) == [0.0, 0.0, 1.0, 2.0, 3.0]


def test_delay_for_only_looks() -> None:
    limiter = RateLimiter(Limits(per_chat_burst=1))
    assert limiter.delay_for(ANNA, 0.0) == 0.0
    assert limiter.delay_for(ANNA, 0.0) == 0.0
    limiter.take(ANNA, 0.0)
    assert limiter.delay_for(ANNA, 0.25) == pytest.approx(0.75)
    assert limiter.delay_for(ANNA, 1.0) == 0.0


def test_chats_do_not_wait_for_each_other() -> None:
    limiter = RateLimiter()
    send_times(limiter, ANNA, 2)
    assert limiter.delay_for(ANNA, 0.0) == 1.0
    assert limiter.delay_for(BORIS, 0.0) == 0.0


def test_a_quiet_chat_gets_its_burst_back() -> None:
    limiter = RateLimiter()
    send_times(limiter, ANNA, 3)
    assert send_times(limiter, ANNA, 3, now=10.0) == [10.0, 10.0, 11.0]


def test_a_group_gets_twenty_a_minute() -> None:
    limiter = RateLimiter()
    times = send_times(limiter, STAFF, 23)
    assert times[:5] == [0.0, 0.0, 1.0, 3.0, 6.0]  # a small burst, then one every 3 s
    assert times[-1] == pytest.approx(60.0)  # 23 = a burst of 3 + 20 in the minute after
    assert sum(1 for t in times if t < 60.0) <= 3 + 20


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_overall_thirty_a_second_across_chats() -> None:
    overall = LocalOverallLimit(Limits(), FakeMonotonic())
    times = [round(await overall.take(max_wait=10.0) or 0.0, 4) for _ in range(65)]
    assert times[:5] == [0.0] * 5  # the overall burst
    sent_in_first_second = [t for t in times if t < 1.0]
    assert len(sent_in_first_second) == 5 + 29
    assert times[-1] == pytest.approx(2.0)


async def test_room_counts_what_the_overall_limit_lets_go_within_a_horizon() -> None:
    clock = FakeMonotonic()
    overall = LocalOverallLimit(Limits(), clock)
    assert await overall.room(1.0) == 35  # a burst of 5 plus 30 in the second
    for _ in range(35):
        await overall.take(max_wait=10.0)
    assert await overall.room(1.0) == 0
    assert await overall.delay() == pytest.approx(31 / 30)  # the 36th slot
    clock.now = 0.5
    assert await overall.room(1.0) == 15


async def test_a_slot_further_off_than_max_wait_is_not_booked() -> None:
    overall = LocalOverallLimit(Limits(overall_per_second=10, overall_burst=1), FakeMonotonic())
    assert await overall.take(max_wait=0.0) == 0.0
    assert await overall.take(max_wait=0.05) is None
    assert await overall.take(max_wait=0.1) == pytest.approx(0.1)  # the refusal booked nothing


async def test_a_pause_holds_every_slot_and_leaves_no_burst_after_it() -> None:
    clock = FakeMonotonic()
    overall = LocalOverallLimit(Limits(), clock)
    await overall.pause(7.0)
    assert await overall.delay() == pytest.approx(7.0)
    assert await overall.room(1.0) == 0
    assert await overall.take(max_wait=1.0) is None
    clock.now = 7.0
    assert [await overall.take(max_wait=1.0) for _ in range(2)] == [0.0, pytest.approx(1 / 30)]


def test_a_429_holds_that_chat_and_pauses_everyone() -> None:
    limiter = RateLimiter()
    limiter.on_retry_after(ANNA, 5, now=10.0)
    assert limiter.delay_for(ANNA, 10.0) == pytest.approx(5.0)
    assert limiter.hold_for(ANNA, 12.0) == pytest.approx(3.0)
    assert limiter.delay_for(BORIS, 10.0) == pytest.approx(5.0)  # one 429 is the bot's
    assert limiter.paused_for(11.0) == pytest.approx(4.0)
    assert limiter.take(ANNA, 10.0) == pytest.approx(5.0)  # booked after the wait
    assert limiter.delay_for(ANNA, 16.0) == 0.0
    assert limiter.paused_for(16.0) == 0.0


def test_a_longer_429_is_not_cut_short_by_a_shorter_one() -> None:
    limiter = RateLimiter()
    limiter.on_retry_after(ANNA, 10, now=0.0)
    limiter.on_retry_after(BORIS, 1, now=1.0)
    assert limiter.paused_for(5.0) == pytest.approx(5.0)
    assert limiter.hold_for(STAFF, 5.0) == pytest.approx(5.0)


def test_idle_chats_are_forgotten() -> None:
    limiter = RateLimiter()
    for i in range(IDLE_SWEEP_EVERY - 1):
        limiter.take(10_000 + i, i / 30)
    limiter.on_retry_after(ANNA, 1, now=0.0)
    limiter.take(BORIS, 1000.0)  # the sweep runs on this booking
    assert limiter.delay_for(10_000, 1000.0) == 0.0
    assert len(limiter._chats) == 1  # only Boris, just booked


def test_limits_must_make_sense() -> None:
    with pytest.raises(ValueError):
        RateLimiter(Limits(per_chat_per_second=0))
    with pytest.raises(ValueError):
        RateLimiter(Limits(overall_burst=0))


def test_retry_backoff_doubles_with_jitter_up_to_a_ceiling() -> None:
    policy = RetryPolicy(first_delay=5.0, max_delay=600.0)
    rng = random.Random(1)
    for attempt, ceiling in [(1, 5.0), (2, 10.0), (3, 20.0), (8, 600.0), (20, 600.0)]:
        delays = [policy.delay(attempt, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 10  # spread, not lock-step

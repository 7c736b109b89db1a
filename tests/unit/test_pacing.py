"""The rate limiter, driven by a plain-number clock: per chat, per group, overall, 429s."""

import random

import pytest

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


def test_overall_thirty_a_second_across_chats() -> None:
    limiter = RateLimiter()
    times = [round(limiter.take(100 + i, 0.0), 4) for i in range(65)]
    assert times[:5] == [0.0] * 5  # the overall burst
    sent_in_first_second = [t for t in times if t < 1.0]
    assert len(sent_in_first_second) == 5 + 29
    assert times[-1] == pytest.approx(2.0)


def test_room_counts_what_the_overall_limit_lets_go_within_a_horizon() -> None:
    limiter = RateLimiter()
    assert limiter.room(0.0, 1.0) == 35  # a burst of 5 plus 30 in the second
    for i in range(35):
        limiter.take(100 + i, 0.0)
    assert limiter.room(0.0, 1.0) == 0
    assert limiter.room(0.5, 1.0) == 15
    assert limiter.overall_delay(0.0) == pytest.approx(31 / 30)  # the 36th slot


def test_a_429_cools_down_that_chat_only() -> None:
    limiter = RateLimiter()
    assert not limiter.on_retry_after(ANNA, 5, now=10.0)
    assert limiter.delay_for(ANNA, 10.0) == pytest.approx(5.0)
    assert limiter.hold_for(ANNA, 12.0) == pytest.approx(3.0)
    assert limiter.delay_for(BORIS, 10.0) == 0.0
    assert limiter.take(ANNA, 10.0) == pytest.approx(5.0)  # booked after the wait
    assert limiter.delay_for(ANNA, 16.0) == 0.0


def test_429s_from_several_chats_at_once_pause_everyone() -> None:
    limiter = RateLimiter(Limits(flood_chats=3, flood_window=1.0))
    assert not limiter.on_retry_after(ANNA, 7, now=0.0)
    assert not limiter.on_retry_after(ANNA, 7, now=0.1)  # the same chat again: still one
    assert not limiter.on_retry_after(BORIS, 7, now=0.5)
    assert limiter.on_retry_after(STAFF, 7, now=0.9)
    assert limiter.delay_for(42, 1.0) == pytest.approx(6.9)
    assert limiter.room(1.0, 1.0) == 0
    assert limiter.overall_delay(1.0) == pytest.approx(6.9)


def test_429s_spread_out_in_time_are_not_a_flood() -> None:
    limiter = RateLimiter(Limits(flood_chats=2, flood_window=1.0))
    assert not limiter.on_retry_after(ANNA, 1, now=0.0)
    assert not limiter.on_retry_after(BORIS, 1, now=5.0)
    assert limiter.delay_for(42, 5.0) == 0.0


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

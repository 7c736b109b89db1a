"""Time left and the staff card's colour, on the working calendar (weekends count nothing)."""

from datetime import datetime

import pytest

from domain.clock import CITY_TZ
from domain.deadline_progress import (
    Countdown,
    DeadlineBand,
    band,
    countdown,
    elapsed_share,
    working_time,
)
from domain.deadlines import add_working_days


def msk(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CITY_TZ)


# Filed on Friday 4 December 2026 at 18:00 with 2 working days: Mon 7 and Tue 8 count.
FILED = msk(12, 4, 18)
DEADLINE = add_working_days(FILED, 2)


def test_the_deadline_is_the_end_of_tuesday() -> None:
    assert DEADLINE.astimezone(CITY_TZ) == datetime(2026, 12, 8, 23, 59, 59, tzinfo=CITY_TZ)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (msk(12, 4, 19), Countdown(overdue=False, days=2)),  # Friday evening: Mon and Tue left
        (msk(12, 6, 12), Countdown(overdue=False, days=2)),  # Sunday: the weekend uses nothing
        (msk(12, 7, 10), Countdown(overdue=False, days=1)),  # Monday: 14 h of it and Tuesday
        (msk(12, 8, 19), Countdown(overdue=False, hours=5)),  # Tuesday 19:00: 5 h to midnight
        (msk(12, 8, 23, 30), Countdown(overdue=False, hours=1)),  # never «0 h»
        (msk(12, 9, 10), Countdown(overdue=True, hours=11)),  # Wednesday 10:00
        (msk(12, 10, 12), Countdown(overdue=True, days=1)),  # Thursday noon: 36 working hours
        (msk(12, 14, 12), Countdown(overdue=True, days=3)),  # Monday: Wed-Fri and the morning
    ],
)
def test_countdown_in_working_days_then_hours(now: datetime, expected: Countdown) -> None:
    assert countdown(now, DEADLINE) == expected


def test_a_weekend_after_the_deadline_counts_hours_not_days() -> None:
    friday_deadline = msk(12, 11, 23, 59)
    assert countdown(msk(12, 13, 10), friday_deadline) == Countdown(overdue=True, hours=35)


def test_working_time_skips_weekends_and_holidays() -> None:
    assert working_time(msk(12, 4, 12), msk(12, 7, 12)).total_seconds() == 24 * 3600
    assert working_time(msk(11, 3, 12), msk(11, 5, 0)).total_seconds() == 12 * 3600  # 4 Nov off
    assert working_time(msk(12, 7), msk(12, 7)).total_seconds() == 0


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (msk(12, 5, 12), DeadlineBand.GREEN),  # Saturday: nothing used
        (msk(12, 7, 23), DeadlineBand.GREEN),  # Monday 23:00: 23/48
        (msk(12, 8, 0), DeadlineBand.YELLOW),  # exactly half
        (msk(12, 8, 19), DeadlineBand.YELLOW),  # 43/48 < 90 %
        (msk(12, 8, 20), DeadlineBand.RED),  # 44/48 >= 90 %
        (msk(12, 8, 23, 59), DeadlineBand.RED),
        (msk(12, 9, 0), DeadlineBand.LATE),
    ],
)
def test_bands_by_the_share_of_working_time(now: datetime, expected: DeadlineBand) -> None:
    assert band(FILED, DEADLINE, now) is expected


def test_share_of_a_deadline_set_before_the_count_starts() -> None:
    created = msk(12, 7, 10)
    assert elapsed_share(created, msk(12, 7, 20), msk(12, 7, 15)) == pytest.approx(0.5)

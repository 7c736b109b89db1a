from datetime import UTC, date, datetime, timedelta

import pytest

from domain.clock import CITY_TZ
from domain.deadlines import add_working_days, first_response_due, is_working_day


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=CITY_TZ)  # type: ignore[misc]


def test_weekdays_count_from_next_day() -> None:
    # Monday 30 Nov 2026, 10:00 -> 1 working day = end of Tuesday 1 Dec.
    deadline = add_working_days(msk(2026, 11, 30, 10, 0), 1)
    assert deadline.astimezone(CITY_TZ) == msk(2026, 12, 1, 23, 59, 59)
    assert deadline.tzinfo is UTC


def test_friday_night_skips_weekend() -> None:
    deadline = add_working_days(msk(2026, 12, 4, 23, 50), 2)
    assert deadline.astimezone(CITY_TZ).date() == date(2026, 12, 8)  # Mon 7, Tue 8


def test_utc_input_uses_moscow_date() -> None:
    # 22:30 UTC Sunday is 01:30 Monday in Kazan: counting starts on Tuesday.
    deadline = add_working_days(datetime(2026, 11, 29, 22, 30, tzinfo=UTC), 1)
    assert deadline.astimezone(CITY_TZ).date() == date(2026, 12, 1)


def test_new_year_holidays_skipped() -> None:
    deadline = add_working_days(msk(2026, 12, 31, 12, 0), 1)
    assert deadline.astimezone(CITY_TZ).date() == date(2027, 1, 11)  # 1-8 Jan off, 9-10 weekend


def test_tatarstan_republic_day_and_extra_holidays() -> None:
    assert not is_working_day(date(2027, 8, 30))
    assert not is_working_day(date(2026, 11, 6))
    assert not is_working_day(date(2026, 12, 1), extra_holidays={date(2026, 12, 1)})


def test_ten_working_days_is_two_weeks() -> None:
    deadline = add_working_days(msk(2026, 11, 30, 9, 0), 10)
    assert deadline.astimezone(CITY_TZ).date() == date(2026, 12, 14)  # 4 + 5 + 1


def test_naive_and_nonpositive_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        add_working_days(datetime(2026, 1, 1), 1)  # noqa: DTZ001
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(msk(2026, 1, 1), 0)


def test_first_response_in_calendar_hours() -> None:
    start = msk(2026, 12, 5, 22, 0)  # Saturday night
    assert first_response_due(start, 4) == start + timedelta(hours=4)

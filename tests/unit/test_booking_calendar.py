"""The booking calendar keyboard: a pure function of free-slot counts per day."""

from datetime import date, timedelta

from aiogram.types import InlineKeyboardMarkup

from handlers.booking.calendar import calendar_keyboard, first_free_page, month_pages
from handlers.booking.callbacks import CalendarCb, CalendarNote, CalendarNoteCb, DayCb, SiteCb

WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTHS = [f"M{n}" for n in range(1, 13)]
TODAY = date(2026, 11, 30)  # a Monday, the last day of its month


def counts(first: date = TODAY, days: int = 31, full: tuple[date, ...] = ()) -> dict[date, int]:
    span = [first + timedelta(days=n) for n in range(days)]
    return {day: 0 if day in full else 3 for day in span}


def texts(markup: InlineKeyboardMarkup) -> list[list[str]]:
    return [[button.text for button in row] for row in markup.inline_keyboard]


def data(markup: InlineKeyboardMarkup, text: str) -> str:
    found = [b.callback_data for row in markup.inline_keyboard for b in row if b.text == text]
    assert len(found) == 1, text
    assert found[0] is not None
    return found[0]


def build(by_day: dict[date, int], page: int) -> InlineKeyboardMarkup:
    return calendar_keyboard(7, by_day, page, WEEKDAYS, MONTHS, "back")


def test_first_page_is_the_month_of_today_with_weekday_headers_and_blanks() -> None:
    markup = build(counts(), 0)
    assert texts(markup) == [
        ["M11 2026"],
        WEEKDAYS,
        ["30", " ", " ", " ", " ", " ", " "],
        ["M12 ▶️"],
        ["back"],
    ]
    assert DayCb.unpack(data(markup, "30")) == DayCb(site_id=7, day=TODAY.toordinal())
    assert CalendarCb.unpack(data(markup, "M12 ▶️")) == CalendarCb(site_id=7, page=1)
    assert SiteCb.unpack(data(markup, "back")) == SiteCb(site_id=7)


def test_next_month_monday_first_full_days_marked_and_days_past_the_horizon_blank() -> None:
    full = date(2026, 12, 5)
    markup = build(counts(full=(full,)), 1)
    rows = texts(markup)
    assert rows[0] == ["M12 2026"]
    assert rows[2] == [" ", "1", "2", "3", "4", "·5·", "6"]  # 1 December 2026 is a Tuesday
    assert rows[-3] == ["28", "29", "30", " ", " ", " ", " "]  # the horizon ends on the 30th
    assert rows[-2] == ["◀️ M11"]
    note = CalendarNoteCb.unpack(data(markup, "·5·"))
    assert note == CalendarNoteCb(note=CalendarNote.FULL, day=full.toordinal())
    blank = CalendarNoteCb.unpack(markup.inline_keyboard[2][0].callback_data or "")
    assert blank.note is CalendarNote.BLANK


def test_a_range_over_three_months_pages_both_ways_and_clamps_stale_pages() -> None:
    by_day = counts(date(2027, 1, 30), 31)  # 30 January … 1 March
    assert month_pages(by_day) == [(2027, 1), (2027, 2), (2027, 3)]
    middle = texts(build(by_day, 1))
    assert middle[-2] == ["◀️ M1", "M3 ▶️"]
    assert texts(build(by_day, 9))[0] == ["M3 2027"]  # an old button: the last page
    assert texts(build(by_day, -1))[0] == ["M1 2027"]


def test_opens_on_the_first_month_with_a_free_day() -> None:
    assert first_free_page(counts(full=(TODAY,))) == 1
    assert first_free_page(counts()) == 0
    assert first_free_page({day: 0 for day in counts()}) == 0

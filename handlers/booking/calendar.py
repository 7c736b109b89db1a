"""The inline calendar: a pure function of the free-slot counts per day (booking_views.calendar).

One page per calendar month touched by the range (today … today + horizon), weeks in rows,
Monday first. A day with free slots is a button; a day without any is marked "·5·" and only
explains itself when pressed; cells outside the range stay blank.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.booking.callbacks import CalendarCb, CalendarNote, CalendarNoteCb, DayCb, SiteCb

BLANK = " "


def month_pages(counts: dict[date, int]) -> list[tuple[int, int]]:
    """(year, month) of every month the range touches, in order."""
    return sorted({(day.year, day.month) for day in counts})


def first_free_page(counts: dict[date, int]) -> int:
    """Open on the first month with a free slot: nobody pages past an empty month."""
    pages = month_pages(counts)
    free = sorted(day for day, count in counts.items() if count)
    return pages.index((free[0].year, free[0].month)) if free else 0


def calendar_keyboard(
    site_id: int,
    counts: dict[date, int],
    page: int,
    weekdays: Sequence[str],
    months: Sequence[str],
    back_label: str,
) -> InlineKeyboardMarkup:
    pages = month_pages(counts)
    page = min(max(page, 0), len(pages) - 1)  # an old button after midnight: nearest page
    year, month = pages[page]
    rows = [[_note(f"{months[month - 1]} {year}", CalendarNote.BLANK)]]
    rows.append([_note(name, CalendarNote.BLANK) for name in weekdays])
    shown = sorted(day for day in counts if (day.year, day.month) == (year, month))
    monday = shown[0] - timedelta(days=shown[0].weekday())
    while monday <= shown[-1]:
        week = [monday + timedelta(days=n) for n in range(7)]
        rows.append([_cell(site_id, day, counts, month) for day in week])
        monday += timedelta(days=7)
    nav = []
    if page > 0:
        previous = pages[page - 1][1]
        nav.append(_go(f"◀️ {months[previous - 1]}", site_id, page - 1))
    if page + 1 < len(pages):
        following = pages[page + 1][1]
        nav.append(_go(f"{months[following - 1]} ▶️", site_id, page + 1))
    if nav:
        rows.append(nav)
    rows.append(
        [InlineKeyboardButton(text=back_label, callback_data=SiteCb(site_id=site_id).pack())]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _cell(site_id: int, day: date, counts: dict[date, int], month: int) -> InlineKeyboardButton:
    if day.month != month or day not in counts:
        return _note(BLANK, CalendarNote.BLANK)
    if not counts[day]:
        return _note(f"·{day.day}·", CalendarNote.FULL, day)
    data = DayCb(site_id=site_id, day=day.toordinal())
    return InlineKeyboardButton(text=str(day.day), callback_data=data.pack())


def _note(text: str, note: CalendarNote, day: date | None = None) -> InlineKeyboardButton:
    data = CalendarNoteCb(note=note, day=day.toordinal() if day else 0)
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _go(text: str, site_id: int, page: int) -> InlineKeyboardButton:
    data = CalendarCb(site_id=site_id, page=page)
    return InlineKeyboardButton(text=text, callback_data=data.pack())

"""The pure parts of the booking screens: which shows are "near me", which day /bookings means."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from domain.booking.sites import Slot
from domain.services.booking_views import Performance, nearby
from handlers.booking.staff_day import parse_day
from tests.unit.test_booking_renderers import PERFORMER, SITE

CENTRE = (55.7887, 49.1221)
NOON = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def show(site_id: int, lat: float | None, lon: float | None, hour: int) -> Performance:
    starts = NOON + timedelta(hours=hour)
    site = replace(SITE, id=site_id, lat=lat, lon=lon)
    return Performance(Slot(site_id, starts, starts + timedelta(hours=1)), site, PERFORMER)


def test_nearby_keeps_sites_within_3_km_nearest_first_then_by_time() -> None:
    kremlin_late = show(2, 55.7980, 49.1060, 3)  # about 1.4 km
    bauman = show(1, *CENTRE, 2)  # right here
    kremlin_early = show(2, 55.7980, 49.1060, 1)
    far = show(3, 55.8330, 49.1330, 0)  # about 5 km
    nowhere = show(4, None, None, 0)  # a site without coordinates cannot be near
    found = nearby([kremlin_late, bauman, kremlin_early, far, nowhere], *CENTRE)
    assert [s for s, _ in found] == [bauman, kremlin_early, kremlin_late]
    assert found[0][1] < 1 and 1300 < found[1][1] < 1500


def test_parse_day_words_dates_and_nonsense() -> None:
    today = date(2026, 11, 30)
    assert parse_day("", today) == today
    assert parse_day("today", today) == parse_day("Сегодня", today) == today
    assert parse_day("tomorrow", today) == parse_day("завтра", today) == date(2026, 12, 1)
    assert parse_day("Бүген", today) == today  # a Tatar staff chat types Tatar
    assert parse_day("иртәгә", today) == parse_day("иртэгэ", today) == date(2026, 12, 1)
    assert parse_day("2026-12-05", today) == date(2026, 12, 5)
    assert parse_day("пятница", today) is None
    assert parse_day("2026-13-40", today) is None

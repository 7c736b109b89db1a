"""The countdown as residents read it, in each language with its plural forms, and the band's
mark on the staff card."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.i18n import create_i18n
from domain.clock import CITY_TZ
from domain.deadline_progress import Countdown
from domain.deadlines import add_working_days
from domain.requests import Place, Request, RequestStatus
from handlers.my_requests.deadline_texts import countdown_text, resident_deadline, staff_deadline

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
I18N = create_i18n(LOCALES_DIR, "ru")


def in_locale(locale: str, left: Countdown) -> str:
    with I18N.context(), I18N.use_locale(locale):
        return countdown_text(left)


@pytest.mark.parametrize(
    ("locale", "left", "expected"),
    [
        ("ru", Countdown(False, days=1), "остался 1 раб. день"),
        ("ru", Countdown(False, days=2), "осталось 2 раб. дня"),
        ("ru", Countdown(False, days=5), "осталось 5 раб. дней"),
        ("ru", Countdown(False, days=21), "остался 21 раб. день"),
        ("ru", Countdown(False, hours=5), "осталось 5 часов"),
        ("ru", Countdown(False, hours=3), "осталось 3 часа"),
        ("ru", Countdown(True, days=1), "срок истёк 1 раб. день назад"),
        ("ru", Countdown(True, hours=11), "срок истёк 11 часов назад"),
        ("en", Countdown(False, days=1), "1 working day left"),
        ("en", Countdown(False, days=2), "2 working days left"),
        ("en", Countdown(True, hours=1), "deadline passed 1 hour ago"),
        ("tt", Countdown(False, days=2), "2 эш көне калды"),
        ("tt", Countdown(True, days=3), "срогы 3 эш көне элек чыкты"),
    ],
)
def test_countdown_in_each_language(locale: str, left: Countdown, expected: str) -> None:
    assert in_locale(locale, left) == expected


FILED = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Friday 18:00 in Kazan


def request(status: RequestStatus = RequestStatus.NEW) -> Request:
    return Request(
        id=7,
        author_id=1,
        category="roads",
        description="яма",
        place=Place("ул. Баумана, 1"),
        status=status,
        created_at=FILED,
        deadline_at=add_working_days(FILED, 2),
        first_response_due_at=FILED + timedelta(hours=24),
        updated_at=FILED,
    )


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=CITY_TZ)


def test_the_resident_reads_the_time_left_and_the_staff_the_colour() -> None:
    with I18N.context(), I18N.use_locale("ru"):
        assert resident_deadline(request(), at(6, 12)) == (
            "Срок ответа: до 08.12.2026 (осталось 2 раб. дня)"
        )
        assert resident_deadline(request(), at(9, 10)) == (
            "Срок ответа: до 08.12.2026 — <b>срок истёк 11 часов назад</b>"
        )
        assert resident_deadline(request(RequestStatus.RESOLVED), at(9, 10)) == (
            "Срок ответа: до 08.12.2026"
        )
        assert staff_deadline(request(), at(6, 12)).startswith("🟢 ")
        assert staff_deadline(request(), at(8, 12)).startswith("🟡 ")
        assert staff_deadline(request(), at(8, 22)).startswith("🔴 ")
        assert staff_deadline(request(), at(9, 1)) == (
            "🔴 Срок ответа: до 08.12.2026 — <b>просрочено</b>"
        )

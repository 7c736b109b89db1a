"""Pure formatters and checklist masks of the alert settings screens."""

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from domain.alerts.events import EventCategory
from domain.alerts.outages import Outage, OutageArea, OutageKind
from domain.alerts.subscriptions import QuietHours, SavedAddress, Scope, Subscription
from handlers.alerts import off_now_texts
from handlers.alerts.callbacks import ALL_KINDS, bit_of, categories_in, kinds_in
from handlers.alerts.list_texts import subscription_line
from handlers.alerts.off_now_texts import outage_line
from handlers.alerts.texts import day_word_and_time, end_text, quiet_text, span
from handlers.common import MESSAGE_LIMIT

LOCALES = Path(__file__).resolve().parents[2] / "locales"
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 10:00 in Kazan


@pytest.fixture(autouse=True)
def russian() -> Iterator[None]:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    with i18n.context(), i18n.use_locale("ru"):
        yield


def outage(**changes: object) -> Outage:
    values: dict[str, object] = {
        "kind": OutageKind.HOT_WATER,
        "emergency": False,
        "area": OutageArea(districts=("Вахитовский",)),
        "starts_at": NOW - timedelta(hours=2),
        "ends_at": NOW + timedelta(hours=3),
        "description": "",
        "source": "test",
        "created_at": NOW,
        "updated_at": NOW,
    }
    return Outage(**(values | changes))  # type: ignore[arg-type]


def test_masks_round_trip() -> None:
    assert kinds_in(ALL_KINDS) == list(OutageKind)
    assert kinds_in(ALL_KINDS ^ bit_of(OutageKind.GAS)) == list(OutageKind)[:-1]
    assert categories_in(bit_of(EventCategory.SPORT)) == [EventCategory.SPORT]
    assert categories_in(0) == []


def test_quiet_hours_text() -> None:
    assert quiet_text(QuietHours()) == "22:00–08:00"
    assert quiet_text(QuietHours(time(0, 0), time(9, 0))) == "00:00–09:00"
    assert quiet_text(None) == "выключены"


def test_span_within_a_day_and_across_days() -> None:
    tomorrow = NOW + timedelta(days=1)
    assert (
        span(tomorrow, tomorrow + timedelta(hours=8), NOW)
        == f"{day_word_and_time(tomorrow, NOW)}–18:00"
    )
    later = NOW + timedelta(days=5)
    assert span(later, later + timedelta(days=1), NOW) == (
        f"{day_word_and_time(later, NOW)} – {day_word_and_time(later + timedelta(days=1), NOW)}"
    )


def test_outage_lines() -> None:
    # The times are worded as in the alerts (day_word_and_time, end_text); the rest is this
    # screen's.
    now_off = outage()
    starts, ends = day_word_and_time(now_off.starts_at, NOW), end_text(now_off, NOW)
    assert outage_line(now_off, NOW) == f"• ♨️ Горячая вода — начало: {starts}; {ends}"
    unknown = outage(emergency=True, ends_at=None, description="Порыв <трубы> & ремонт")
    assert outage_line(unknown, NOW).startswith("• ♨️ Горячая вода (авария) — начало: ")
    assert outage_line(unknown, NOW).endswith(
        "; срок не объявлен. Порыв &lt;трубы&gt; &amp; ремонт"
    )
    start = NOW + timedelta(days=1)
    planned = outage(starts_at=start, ends_at=start + timedelta(hours=4))
    assert outage_line(planned, NOW) == f"• ♨️ Горячая вода — {day_word_and_time(start, NOW)}–14:00"
    long = outage_line(outage(description="слово " * 100), NOW)
    assert len(long) < 250 and long.endswith("…")


def test_subscription_lines_for_each_scope() -> None:
    home = SavedAddress(1, "<Дом>", "ул. Баумана, 15", NOW, street_id=5, id=7)
    outage_at_home = Subscription(1, "outage:gas", Scope.ADDRESS, address_id=7)
    in_district = Subscription(1, "outage:heating", Scope.DISTRICT, district="Советский")
    city = Subscription(1, "event:concerts", Scope.CITY)

    def name(district: str) -> str:
        return district

    assert subscription_line(outage_at_home, {7: home}, name) == "🔥 Газ — <Дом>"  # plain text
    assert subscription_line(in_district, {}, name) == "🌡 Отопление — Советский район"
    assert subscription_line(city, {}, name) == "🎵 Концерты — весь город"


def test_what_is_off_stays_within_one_message() -> None:
    many = [outage(description="Очень длинное описание " * 20) for _ in range(4)]
    report = [
        (SavedAddress(1, f"Адрес {n}", f"ул. Баумана, {n}", NOW, street_id=5, id=n), many, many)
        for n in range(10)
    ]
    text = off_now_texts.off_now(report, lambda district: district, NOW)
    assert len(text) <= MESSAGE_LIMIT
    assert text.endswith("…") and text.count("<b>") == text.count("</b>")

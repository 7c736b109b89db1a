"""The suspected-outage card as staff read it: every language, Telegram's length however
many residents join, what residents typed escaped."""

from datetime import UTC, datetime

import pytest

from bot.i18n import create_i18n
from bot.settings import PROJECT_ROOT
from domain.alerts.crowd import Signal, SignalSource, Suspicion, SuspicionStatus, decided
from domain.alerts.crowd_rules import SuspectKind
from handlers.alerts import crowd_texts
from handlers.common import telegram_length

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 10:00 in Kazan
LIMIT = 4096


def signals(count: int) -> list[Signal]:
    sources = list(SignalSource)
    return [
        Signal(n, SuspectKind.WATER, sources[n % 3], 7, "15", None, "x", NOW, request_id=n)
        for n in range(1, count + 1)
    ]


def suspicion(**changes: object) -> Suspicion:
    values: dict[str, object] = {
        "kind": SuspectKind.WATER,
        "street_id": 7,
        "district": None,
        "houses": ("15", "17"),
        "street_wide": False,
        "first_at": NOW,
        "last_at": NOW,
    }
    values.update(changes)
    return Suspicion(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "heading", "people"),
    [
        ("ru", "Похоже на отключение: нет воды", "Сообщили 5 жителей, первый — 30.11 10:00"),
        ("tt", "Өзеклеккә охшаган: су юк", "5 кеше хәбәр итте"),
        ("en", "Looks like an outage: no water", "5 residents reported"),
    ],
)
def test_the_card_in_each_language(locale: str, heading: str, people: str) -> None:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    with i18n.context(), i18n.use_locale(locale):
        text = crowd_texts.suspected_card(suspicion(), "ул. Баумана", signals(5))
    assert heading in text and people in text
    assert "ул. Баумана, 15, 17" in text


def test_hundreds_of_residents_stay_within_one_message() -> None:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    dismissed = decided(
        suspicion(street_wide=True),
        SuspicionStatus.DISMISSED,
        "<b>Начальник</b>",
        NOW,
        reason="<script>" * 60,
    )
    with i18n.context(), i18n.use_locale("ru"):
        text = crowd_texts.suspected_card(dismissed, "ул. Баумана", signals(900))
    assert telegram_length(text) < LIMIT
    assert "ул. Баумана (вся улица)" in text
    assert "&lt;b&gt;Начальник&lt;/b&gt;" in text and "<script>" not in text
    assert "KZN-000030 …" in text  # the first requests, then "more"

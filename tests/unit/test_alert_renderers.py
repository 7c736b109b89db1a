"""Outage and event alerts as the resident reads them: texts, escaping, length, and the
messages that became pointless while they waited (refused, so they are never sent)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Self, cast

import pytest

from bot.i18n import create_i18n
from bot.settings import PROJECT_ROOT
from domain.address.model import Street
from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.fanout import EVENT_ALERT, EVENT_DIGEST, OUTAGE_ALERT
from domain.alerts.houses import HouseRange
from domain.alerts.outages import Outage, OutageArea, OutageKind, OutageStatus, Phase, StreetSpan
from domain.alerts.subscriptions import SavedAddress
from domain.clock import FixedClock
from domain.districts import District, DistrictDirectory
from domain.notifications import Notification, PermanentFailure
from domain.services.crowd import RESIDENTS_SOURCE
from domain.unit_of_work import CityUnitOfWork, UnitOfWorkFactory
from domain.users import User
from handlers.alerts.notices import AlertNotices
from handlers.rendered_message import RenderedMessage
from tests.unit.fakes import FakeStreets, FakeUsers

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 10:00 in Kazan
LIMIT = 4096
RESIDENT = 42
BAUMANA = Street("Баумана", "улица", ("Вахитовский",), id=7)


class Rows:
    """Read-only repositories of one kind by id; anything else fails loudly."""

    def __init__(self, rows: dict[int, Any]) -> None:
        self.rows = rows

    async def get(self, row_id: int, *, for_update: bool = False) -> Any:
        return self.rows.get(row_id)


class Addresses:
    def __init__(self, addresses: list[SavedAddress]) -> None:
        self.rows = addresses

    async def address(self, user_id: int, address_id: int) -> SavedAddress | None:
        return next((a for a in self.rows if a.user_id == user_id and a.id == address_id), None)


class FakeReads:
    def __init__(self) -> None:
        self.users = FakeUsers()
        self.users.rows[RESIDENT] = User(RESIDENT, "Анна", "ru", NOW)
        self.streets = FakeStreets([BAUMANA])
        self.outages = Rows({})
        self.events = Rows({})
        home = SavedAddress(RESIDENT, "Дом", "ул. Баумана, 15", NOW, 7, "15", id=3)
        self.subscriptions = Addresses([home])

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


def opening(reads: FakeReads) -> UnitOfWorkFactory:
    """The notices' unit-of-work factory, opening the fake repositories."""
    return lambda: cast(CityUnitOfWork, reads)


@pytest.fixture
def reads() -> FakeReads:
    return FakeReads()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def renderers(reads: FakeReads, clock: FixedClock) -> AlertNotices:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    districts = DistrictDirectory([District("Вахитовский", "Вахитов", "Vakhitovsky")])
    return AlertNotices(opening(reads), i18n, districts, clock)


def water(**changes: Any) -> Outage:
    outage = Outage(
        kind=OutageKind.COLD_WATER,
        emergency=True,
        area=OutageArea(districts=("Вахитовский",), streets=(StreetSpan(7),)),
        starts_at=NOW - timedelta(hours=1),
        ends_at=NOW + timedelta(hours=8),
        description="Порыв <b>трубы</b> & течь",
        source="Водоканал",
        created_at=NOW,
        updated_at=NOW,
        id=1,
    )
    return replace(outage, **changes)


def notice(kind: str, key: str = "outage:1:announced:to42", **payload: Any) -> Notification:
    return Notification(key, RESIDENT, kind, payload, NOW)


async def render_outage(
    renderers: AlertNotices, reads: FakeReads, outage: Outage, phase: Phase, **extra: Any
) -> RenderedMessage:
    reads.outages.rows[1] = outage
    key = extra.pop("key", f"outage:1:{phase.value}:to42")
    payload = {"outage_id": 1, "phase": phase.value, **extra}
    return await renderers.outage(notice(OUTAGE_ALERT, key, **payload))


def buttons(message: RenderedMessage) -> list[list[str]]:
    assert message.reply_markup is not None
    return [[b.text for b in row] for row in message.reply_markup.inline_keyboard]


async def test_emergency_announcement(renderers: AlertNotices, reads: FakeReads) -> None:
    message = await render_outage(renderers, reads, water(), Phase.ANNOUNCED, address_id=3)
    assert message.text.splitlines()[:3] == [
        "🚱 <b>Аварийное отключение: Холодная вода</b>",
        "📍 Дом: ул. Баумана, 15",
        "🕒 Начало: сегодня 09:00; окончание: сегодня 18:00",
    ]
    assert "Порыв &lt;b&gt;трубы&lt;/b&gt; &amp; течь" in message.text
    assert message.text.endswith("Источник: Водоканал")
    assert buttons(message) == [["🔕 Отписаться от «Холодная вода»"], ["Что ещё отключено?"]]


async def test_an_outage_residents_reported_names_them_not_a_code(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    outage = water(source=RESIDENTS_SOURCE, description=None)
    message = await render_outage(renderers, reads, outage, Phase.ANNOUNCED, address_id=3)
    assert message.text.endswith("Источник: сообщения жителей")
    assert RESIDENTS_SOURCE not in message.text


async def test_area_without_an_address_and_an_unknown_end(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    spans = tuple(StreetSpan(7, ranges=(HouseRange(1, n),)) for n in range(10, 15))
    outage = water(emergency=False, ends_at=None, area=OutageArea(("Вахитовский",), spans))
    message = await render_outage(renderers, reads, outage, Phase.ANNOUNCED)
    assert "🚱 <b>Плановое отключение: Холодная вода</b>" in message.text
    assert "📍 Вахитовский район; ул. Баумана, 1–10; " in message.text
    assert "(ещё улиц: 2)" in message.text
    assert "срок не объявлен" in message.text


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (Phase.END_CHANGED, "Новый срок: сегодня 18:00"),
        (Phase.RESTORED, "✅ <b>Холодная вода восстановлена</b>"),
        (Phase.CANCELLED, "❎ <b>Отключение отменено: Холодная вода</b>"),
    ],
)
async def test_changes(
    renderers: AlertNotices, reads: FakeReads, phase: Phase, expected: str
) -> None:
    status = {Phase.RESTORED: OutageStatus.RESTORED, Phase.CANCELLED: OutageStatus.CANCELLED}
    outage = water(status=status.get(phase, OutageStatus.STARTED))
    message = await render_outage(renderers, reads, outage, phase, key="outage:1:x:e1:to42")
    assert expected in message.text


async def test_a_moved_planned_outage(renderers: AlertNotices, reads: FakeReads) -> None:
    moved = water(emergency=False, starts_at=NOW + timedelta(days=1))
    message = await render_outage(renderers, reads, moved, Phase.START_CHANGED)
    lines = message.text.splitlines()
    assert lines[0] == "📅 🚱 <b>Отключение перенесено: Холодная вода</b>"
    assert lines[2].startswith("🕒 Начало: завтра 10:00")


async def test_reminders(renderers: AlertNotices, reads: FakeReads) -> None:
    tomorrow = water(emergency=False, starts_at=NOW + timedelta(days=1))
    evening = await render_outage(renderers, reads, tomorrow, Phase.REMINDER_EVENING)
    assert "⏰ 🚱 Напоминаем: завтра с 10:00 — плановое отключение: Холодная вода" in evening.text
    soon = water(emergency=False, starts_at=NOW + timedelta(hours=1))
    hour = await render_outage(renderers, reads, soon, Phase.REMINDER_HOUR)
    assert "Через час, в 11:00, — плановое отключение: Холодная вода" in hour.text


@pytest.mark.parametrize(
    ("outage", "phase", "end_revision"),
    [
        (water(status=OutageStatus.RESTORED), Phase.ANNOUNCED, None),
        (water(status=OutageStatus.CANCELLED), Phase.REMINDER_EVENING, None),
        (water(status=OutageStatus.RESTORED), Phase.END_CHANGED, 2),
        (water(), Phase.REMINDER_HOUR, None),  # it began already
        (water(end_revision=3), Phase.END_CHANGED, 2),  # a newer end time follows
    ],
)
async def test_outdated_news_is_refused(
    renderers: AlertNotices,
    reads: FakeReads,
    outage: Outage,
    phase: Phase,
    end_revision: int | None,
) -> None:
    extra = {} if end_revision is None else {"end_revision": end_revision}
    with pytest.raises(PermanentFailure, match="outdated"):
        await render_outage(renderers, reads, outage, phase, **extra)


async def test_endings_and_the_latest_end_time_still_go(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    restored = water(status=OutageStatus.RESTORED)
    assert (
        "восстановлена" in (await render_outage(renderers, reads, restored, Phase.RESTORED)).text
    )
    latest = water(end_revision=2)
    moved = await render_outage(renderers, reads, latest, Phase.END_CHANGED, end_revision=2)
    assert "Новый срок" in moved.text


async def test_a_huge_notice_stays_under_the_limit(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    many = tuple(StreetSpan(7, houses=tuple(f"{n}а" for n in range(200))) for _ in range(50))
    outage = water(description="<" * 2000, source="И" * 300, area=OutageArea(streets=many))
    message = await render_outage(renderers, reads, outage, Phase.ANNOUNCED)
    assert len(message.text) < LIMIT


def concert(event_id: int, **changes: Any) -> CityEvent:
    event = CityEvent(
        title=f"Концерт <{event_id}>",
        category=EventCategory.CONCERTS,
        place="Филармония & зал",
        district="Вахитовский",
        starts_at=NOW + timedelta(days=2),
        ends_at=None,
        source="afisha",
        created_at=NOW,
        updated_at=NOW,
        price="от 500 ₽",
        id=event_id,
    )
    return replace(event, **changes)


async def test_event_card_and_its_cancellation(renderers: AlertNotices, reads: FakeReads) -> None:
    reads.events.rows[1] = concert(1, link='https://x.org/?a="1"&b', description="Д" * 5000)
    card = await renderers.event(notice(EVENT_ALERT, event_id=1, phase="published"))
    assert '🎵 <b><a href="https://x.org/?a=&quot;1&quot;&amp;b">Концерт &lt;1&gt;</a></b>' in (
        card.text
    )
    assert "📍 Филармония &amp; зал (Вахитовский)" in card.text and "🎟 от 500 ₽" in card.text
    assert len(card.text) < LIMIT
    assert buttons(card) == [["🔕 Отписаться от «Концерты»"]]

    with pytest.raises(PermanentFailure, match="outdated"):
        reads.events.rows[1] = concert(1, cancelled=True)
        await renderers.event(notice(EVENT_ALERT, event_id=1, phase="published"))
    cancelled = await renderers.event(notice(EVENT_ALERT, event_id=1, phase="cancelled"))
    assert cancelled.text.startswith("❌ <b>Отменено:</b> Концерт &lt;1&gt;")


async def test_digest_keeps_upcoming_events_and_fits(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    long_link = "https://x.org/" + "a" * 400
    for n in range(1, 21):
        reads.events.rows[n] = concert(n, link=long_link, place="П" * 200, free=n % 2 == 0)
    reads.events.rows[1] = concert(1, cancelled=True)
    reads.events.rows[2] = concert(2, category=EventCategory.THEATRE, starts_at=NOW - timedelta(1))
    reads.events.rows[3] = concert(3, category=EventCategory.SPORT)
    digest = await renderers.digest(notice(EVENT_DIGEST, event_ids=list(range(1, 21))))
    assert digest.text.startswith("🗓 <b>Новое в афише</b>")
    assert "Концерт &lt;1&gt;" not in digest.text and "Концерт &lt;2&gt;" not in digest.text
    assert len(digest.text) < LIMIT
    assert "…и ещё событий:" in digest.text  # the long links did not all fit
    assert buttons(digest) == [["🔕 Отписаться от «Спорт»"], ["🔕 Отписаться от «Концерты»"]]

    for n in range(1, 21):
        reads.events.rows[n] = concert(n, cancelled=True)
    with pytest.raises(PermanentFailure, match="outdated"):
        await renderers.digest(notice(EVENT_DIGEST, event_ids=[1, 2], period="weekly"))


async def test_a_vanished_outage_is_refused(renderers: AlertNotices) -> None:
    with pytest.raises(PermanentFailure, match="gone"):
        await renderers.outage(notice(OUTAGE_ALERT, outage_id=99, phase="announced"))


async def test_restored_at_a_building_asks_whether_it_is_back(
    renderers: AlertNotices, reads: FakeReads
) -> None:
    restored = water(status=OutageStatus.RESTORED, id=1)
    asked = await render_outage(renderers, reads, restored, Phase.RESTORED, address_id=3)
    assert asked.text.endswith("Всё ли у вас в порядке теперь?")
    assert buttons(asked) == [
        ["Да, есть", "Нет, всё ещё нет"],
        ["🔕 Отписаться от «Холодная вода»"],
        ["Что ещё отключено?"],
    ]
    assert asked.reply_markup is not None
    data = [b.callback_data for b in asked.reply_markup.inline_keyboard[0]]
    assert data == ["ib:1:3:1", "ib:1:3:0"]  # the outage, the address, the answer
    in_district = await render_outage(renderers, reads, restored, Phase.RESTORED)
    assert "Всё ли у вас" not in in_district.text  # no building to count the answer for
    assert buttons(in_district)[0] == ["🔕 Отписаться от «Холодная вода»"]

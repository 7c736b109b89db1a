"""Booking notices as performers and staff read them: texts, the map point, escaping, and the
notices that became untrue while they waited (refused, so they are never sent)."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

import pytest

from bot.i18n import create_i18n
from bot.settings import PROJECT_ROOT
from domain.booking.bookings import Booking, BookingStatus
from domain.booking.notices import (
    STAFF_BOOKING_CARD,
    BookingNews,
    staff_booking_card,
    to_performer,
)
from domain.booking.performers import Genre, Performer, PerformerStatus
from domain.booking.sites import Equipment, Site, Sound
from domain.clock import FixedClock
from domain.notifications import CardState, Notification, PermanentFailure
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.art_prospect_notices import CardLookup
from handlers.booking.callbacks import BookingDecision, MineAction, MineCb, StaffBookingCb
from handlers.booking.notices import BookingRenderers
from handlers.rendered_message import RenderedMessage
from tests.unit.account_fakes import FakeChatSettings
from tests.unit.fakes import FakeUsers

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # 10:00 in Kazan
STARTS = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 12:00 in Kazan, tomorrow
PERFORMER_USER = 42
STAFF_CHAT = -100


class Rows:
    """Read-only repositories of one kind by id; anything else fails loudly."""

    def __init__(self, rows: dict[int, Any]) -> None:
        self.rows = rows

    async def get(self, row_id: int, *, for_update: bool = False) -> Any:
        return self.rows.get(row_id)


SITE = Site(
    code="bauman",
    name_ru="Улица Баумана",
    name_en="Bauman Street",
    place="у памятника <Шаляпину>",
    open_days=frozenset(range(7)),
    open_from=time(10),
    open_to=time(22),
    sound=Sound.UP_TO_60_DB,
    max_group=5,
    district="Вахитовский",
    lat=55.78874,
    lon=49.12214,
    auto_approve=False,
    id=1,
)
PERFORMER = Performer(
    user_id=PERFORMER_USER,
    stage_name="Дуэт <b>Ветер</b>",
    genre=Genre.MUSIC,
    group_size=2,
    sound=Sound.ACOUSTIC,
    created_at=NOW,
    updated_at=NOW,
    equipment=frozenset({Equipment.STAND}),
    status=PerformerStatus.APPROVED,
    id=5,
)


def booking(status: BookingStatus, **changes: Any) -> Booking:
    made = Booking(1, 5, STARTS, STARTS + timedelta(hours=2), status, NOW, NOW, id=9)
    return replace(made, **changes)


class FakeReads:
    def __init__(self) -> None:
        self.users = FakeUsers()
        self.users.rows[PERFORMER_USER] = User(PERFORMER_USER, "Артём", "ru", NOW)
        self.sites = Rows({1: SITE})
        self.performers = Rows({5: PERFORMER})
        self.bookings = Rows({})
        self.chat_settings = FakeChatSettings()  # the staff chat speaks Russian

    async def __aenter__(self) -> "FakeReads":
        return self

    async def __aexit__(self, *_exc: object) -> None:
        return None

    def hold(self, held: Booking) -> None:
        assert held.id is not None
        self.bookings.rows[held.id] = held


@pytest.fixture
def reads() -> FakeReads:
    return FakeReads()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def renderers(reads: FakeReads, clock: FixedClock) -> BookingRenderers:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    return BookingRenderers(lambda: cast(CityUnitOfWork, reads), i18n, clock, cards=never_posted)


async def never_posted(_kind: str, _key: str, _notification: Notification) -> CardState:
    return CardState(None, None)


async def notice(renderers: BookingRenderers, news: BookingNews) -> RenderedMessage:
    return await renderers.notice(to_performer(PERFORMER_USER, 9, news, NOW))


async def test_confirmed_names_site_time_place_and_map_point(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.CONFIRMED))
    message = await notice(renderers, BookingNews.CONFIRMED)
    lines = message.text.split("\n")
    assert lines[0] == "✅ Бронь подтверждена: <b>Улица Баумана</b>, 01.12.2026 12:00–14:00"
    assert lines[1] == "📍 у памятника &lt;Шаляпину&gt;"
    assert 'href="https://yandex.ru/maps/?pt=49.122140,55.788740&amp;z=17&amp;l=map"' in lines[2]
    assert message.reply_markup is None


async def test_no_map_link_without_coordinates(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.sites.rows[1] = replace(SITE, lat=None, lon=None)
    reads.hold(booking(BookingStatus.CONFIRMED))
    message = await notice(renderers, BookingNews.APPROVED)
    assert message.text.startswith("✅ Сотрудники подтвердили бронь")
    assert "href" not in message.text


async def test_pending_says_it_went_to_staff(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.PENDING))
    message = await notice(renderers, BookingNews.PENDING)
    assert "отправлена на проверку" in message.text


async def test_declined_shows_the_reason_escaped(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.DECLINED, reason="<i>шумно</i> & поздно"))
    message = await notice(renderers, BookingNews.DECLINED)
    assert "Причина: &lt;i&gt;шумно&lt;/i&gt; &amp; поздно" in message.text


async def test_offer_has_its_deadline_and_the_buttons(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.OFFERED, offer_expires_at=NOW + timedelta(minutes=30)))
    message = await notice(renderers, BookingNews.OFFERED)
    assert "Освободился слот: <b>Улица Баумана</b>" in message.text
    assert "Он ваш, если подтвердите до 10:30" in message.text
    assert message.reply_markup is not None
    data = [b.callback_data for row in message.reply_markup.inline_keyboard for b in row]
    assert data == [
        MineCb(action=MineAction.ACCEPT, booking_id=9).pack(),
        MineCb(action=MineAction.DECLINE, booking_id=9).pack(),
    ]


@pytest.mark.parametrize(
    ("news", "status", "fragment"),
    [
        (BookingNews.REMINDER_DAY, BookingStatus.CONFIRMED, "🔔 Завтра в 12:00 выступление"),
        (BookingNews.REMINDER_HOUR, BookingStatus.CONFIRMED, "🔔 Через час, в 12:00"),
        (BookingNews.CANCELLED, BookingStatus.CANCELLED, "↩️ Бронь отменена"),
        (BookingNews.OFFER_LAPSED, BookingStatus.EXPIRED, "⌛ Время на подтверждение вышло"),
        (BookingNews.NO_SHOW, BookingStatus.NO_SHOW, "🚫 Сотрудники отметили неявку"),
    ],
)
async def test_each_news_reads_as_itself(
    renderers: BookingRenderers,
    reads: FakeReads,
    news: BookingNews,
    status: BookingStatus,
    fragment: str,
) -> None:
    reads.hold(booking(status))
    message = await notice(renderers, news)
    assert message.text.startswith(fragment)
    reminder = news in (BookingNews.REMINDER_DAY, BookingNews.REMINDER_HOUR)
    assert ("yandex.ru/maps" in message.text) is reminder


async def test_suspended_says_until_when(renderers: BookingRenderers, reads: FakeReads) -> None:
    reads.performers.rows[5] = replace(PERFORMER, suspended_until=NOW + timedelta(days=14))
    reads.hold(booking(BookingStatus.NO_SHOW))
    message = await notice(renderers, BookingNews.SUSPENDED)
    assert message.text == "⛔ Бронирование приостановлено до 14.12.2026 из-за повторных неявок."


@pytest.mark.parametrize(
    ("news", "now_status", "changes"),
    [
        (BookingNews.OFFERED, BookingStatus.CONFIRMED, {}),  # taken meanwhile
        (BookingNews.OFFERED, BookingStatus.EXPIRED, {}),  # lapsed and passed on
        (BookingNews.OFFERED, BookingStatus.OFFERED, {"offer_expires_at": NOW}),  # time is up
        (BookingNews.REMINDER_DAY, BookingStatus.CANCELLED, {}),
        (BookingNews.REMINDER_HOUR, BookingStatus.CONFIRMED, {"starts_at": NOW}),  # begun
        (BookingNews.PENDING, BookingStatus.CONFIRMED, {}),  # decided before it went out
        (BookingNews.CONFIRMED, BookingStatus.CANCELLED, {}),
    ],
)
async def test_outdated_notices_are_refused(
    renderers: BookingRenderers,
    reads: FakeReads,
    news: BookingNews,
    now_status: BookingStatus,
    changes: dict[str, Any],
) -> None:
    reads.hold(booking(now_status, **changes))
    with pytest.raises(PermanentFailure, match="outdated"):
        await notice(renderers, news)


async def test_suspension_over_is_outdated(renderers: BookingRenderers, reads: FakeReads) -> None:
    reads.hold(booking(BookingStatus.NO_SHOW))  # suspended_until is None: not suspended
    with pytest.raises(PermanentFailure, match="outdated"):
        await notice(renderers, BookingNews.SUSPENDED)


async def test_a_missing_booking_is_a_permanent_failure(renderers: BookingRenderers) -> None:
    with pytest.raises(PermanentFailure, match="gone"):
        await notice(renderers, BookingNews.CONFIRMED)


async def test_staff_card_shows_the_act_with_decision_buttons(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.PENDING))
    message = await renderers.staff_card(staff_booking_card(STAFF_CHAT, 9, NOW))
    for fragment in (
        "Площадка: Улица Баумана",
        "Когда: 01.12.2026 12:00–14:00",
        "<b>Дуэт &lt;b&gt;Ветер&lt;/b&gt;</b>",
        "Жанр: 🎵 Музыка",
        "Статус: ⏳ ждёт решения",
    ):
        assert fragment in message.text
    assert message.reply_markup is not None
    buttons = message.reply_markup.inline_keyboard[0]
    assert [b.text for b in buttons] == ["✅ Подтвердить", "❌ Отклонить"]
    assert (
        buttons[1].callback_data
        == StaffBookingCb(action=BookingDecision.DECLINE, booking_id=9).pack()
    )


async def test_staff_card_of_a_decided_booking_is_outdated(
    renderers: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.CANCELLED))
    with pytest.raises(PermanentFailure, match="outdated"):
        await renderers.staff_card(staff_booking_card(STAFF_CHAT, 9, NOW))


def posted_cards(message_id: int, by: str | None = None) -> CardLookup:
    """Where the staff card of booking 9 stands: posted as `message_id`."""

    async def lookup(kind: str, card_key: str, notification: Notification) -> CardState:
        assert (kind, card_key, notification.chat_id) == (
            STAFF_BOOKING_CARD,
            "staffbooking:9",
            -100,
        )
        return CardState(message_id, by)

    return lookup


@pytest.fixture
def redrawing(reads: FakeReads, clock: FixedClock) -> BookingRenderers:
    i18n = create_i18n(PROJECT_ROOT / "locales", "ru")
    cards = posted_cards(41, "Начальник")
    return BookingRenderers(lambda: cast(CityUnitOfWork, reads), i18n, clock, cards=cards)


async def test_a_posted_card_is_redrawn_at_every_change_without_dead_buttons(
    redrawing: BookingRenderers, reads: FakeReads
) -> None:
    reads.hold(booking(BookingStatus.CANCELLED))
    change = staff_booking_card(STAFF_CHAT, 9, NOW, "cancelled")
    message = await redrawing.staff_card(change)
    assert message.edit_message_id == 41 and message.reply_markup is None
    assert "Статус: ↩️ отменена исполнителем" in message.text
    assert message.thread_id is None  # its thread said on the edit too (the repost fallback)

    reads.hold(booking(BookingStatus.CONFIRMED))
    message = await redrawing.staff_card(staff_booking_card(STAFF_CHAT, 9, NOW, "confirmed"))
    assert "Решение принял(а): Начальник" in message.text


async def test_the_card_of_an_erased_booking_keeps_nothing_of_the_person(
    redrawing: BookingRenderers,
) -> None:
    what = {"erased": True, "site_id": 1, "starts_at": STARTS.isoformat()}
    what["ends_at"] = (STARTS + timedelta(hours=2)).isoformat()
    message = await redrawing.staff_card(staff_booking_card(STAFF_CHAT, 9, NOW, "erased", what))
    assert message.edit_message_id == 41 and message.reply_markup is None
    assert "удалил аккаунт" in message.text and "Когда: 01.12.2026 12:00–14:00" in message.text
    assert "Ветер" not in message.text

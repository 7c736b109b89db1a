"""Outage and event alerts reach residents: fan-out → outbox → the real bot → the stand-in.

Residents follow through the domain services on the bot's own database (the alerts menu is
tested elsewhere); outages and events are published through the use cases the admin API
calls; the fan-out worker runs as it does beside the dispatcher in the bot process.
"""

from datetime import datetime, timedelta

import pytest

from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.outages import (
    OutageArea,
    OutageChange,
    OutageDraft,
    OutageKind,
    OutageStatus,
    StreetSpan,
)
from domain.alerts.subscriptions import EventDelivery, SavedAddress, outage_topic
from domain.clock import CITY_TZ, StartedClock
from domain.services import city_events, outages, subscriptions
from handlers.alerts.callbacks import AlertUnsubCb
from handlers.reports.callbacks import OutageOfferAction, OutageOfferCb
from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from scheduler.fanout import FanoutWorker
from scheduler.jobs import remind_planned_outages, send_event_digests
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import START, RunningBot, outbox_idle, press_data
from tests.e2e.test_report_journeys import CENTRE

CENTRE_DISTRICT = "Вахитовский"


class MovableClock(StartedClock):
    """Runs at real speed like StartedClock, and can jump forward (to 23:00, to 19:00)."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._shift = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self._shift

    def move_to(self, at: datetime) -> None:
        self._shift += at - self.now()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(START)


def kazan(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CITY_TZ)


class City:
    """The test's hand on the bot's database: residents follow, sources publish."""

    def __init__(self, bot: RunningBot, clock: MovableClock) -> None:
        assert bot.app is not None
        self.app = bot.app
        self.clock = clock
        self.worker = FanoutWorker(bot.app.session_factory, clock, outbox_wake=bot.app.outbox_wake)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.app.session_factory, self.clock)

    async def street_id(self, name: str) -> int:
        async with self.uow() as uow:
            street = next(s for s in await uow.streets.all() if s.name == name)
        assert street.id is not None
        return street.id

    async def follow_home(self, person: Person, kinds: tuple[OutageKind, ...]) -> None:
        """The person follows `kinds` at "Дом", ул. Баумана, 15."""
        street_id = await self.street_id("Баумана")
        async with self.uow() as uow:
            home = SavedAddress(
                person.id,
                "Дом",
                "ул. Баумана, 15",
                self.clock.now(),
                street_id,
                "15",
                CENTRE_DISTRICT,
            )
            saved = await subscriptions.save_address(uow, self.clock, home)
            assert saved.id is not None
            await subscriptions.follow_outages_at_address(
                uow, self.clock, person.id, saved.id, kinds
            )
            await uow.commit()

    async def publish(self, draft: OutageDraft) -> int:
        async with self.uow() as uow:
            published = await outages.publish_outage(uow, self.clock, draft)
            await uow.commit()
        await self.worker.drain_once()
        assert published.outage.id is not None
        return published.outage.id

    async def update(self, outage_id: int, change: OutageChange) -> None:
        async with self.uow() as uow:
            await outages.update_outage(uow, self.clock, outage_id, change)
            await uow.commit()
        await self.worker.drain_once()

    async def topics(self, person: Person) -> list[str]:
        async with self.uow() as uow:
            return [s.topic for s in await uow.subscriptions.subscriptions(person.id)]


async def bauman_water(
    city: City, *, emergency: bool, starts: datetime, source_id: str = "vk-1"
) -> OutageDraft:
    """Cold water off on the whole of ул. Баумана for eight hours."""
    return OutageDraft(
        kind=OutageKind.COLD_WATER,
        emergency=emergency,
        area=OutageArea(streets=(StreetSpan(await city.street_id("Баумана")),)),
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        description="Порыв водовода <Ду 300> & ремонт",
        source="Водоканал",
        source_id=source_id,
    )


def texts(person: Person) -> list[str]:
    return [m.text or "" for m in person.replies()]


async def nothing_new(bot: RunningBot, person: Person, before: int) -> None:
    """Once the outbox is at rest, `person` has heard nothing since `before` messages."""
    await outbox_idle(bot)
    assert texts(person)[before:] == []


async def test_an_emergency_outage_from_announcement_to_restored(
    anna: Person, boris: Person, bot: RunningBot, clock: MovableClock
) -> None:
    await anna.send("/start")
    await boris.send("/start")  # follows nothing: hears nothing
    city = City(bot, clock)
    await city.follow_home(anna, (OutageKind.COLD_WATER,))
    now = clock.now()
    draft = await bauman_water(city, emergency=True, starts=now - timedelta(minutes=20))
    outage_id = await city.publish(draft)

    news = await anna.wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "🚱" in news.text and "Холодная вода" in news.text
    assert "📍 Дом: ул. Баумана, 15" in news.text
    assert "окончание: сегодня 17:40" in news.text  # 10:00 - 20 min + 8 h, Kazan time
    assert "Порыв водовода &lt;Ду 300&gt; &amp; ремонт" in news.html  # escaped, shown as is
    assert "Источник: Водоканал" in news.text
    assert news.buttons == [["🔕 Отписаться от «Холодная вода»"], ["Что ещё отключено?"]]
    await anna.press_in(news, "Что ещё отключено?")  # answered at once, in a new message
    overview = anna.last_reply()
    assert overview.message_id != news.message_id
    assert "Что отключено по вашим адресам" in overview.text
    assert "Сейчас отключено:" in overview.text and "Холодная вода" in overview.text

    before = len(texts(anna))
    await city.publish(draft)  # the source sends the same notice again: nobody hears twice
    await nothing_new(bot, anna, before)

    await city.update(outage_id, OutageChange(ends_at=now + timedelta(hours=10)))
    moved = await anna.wait_for_reply(lambda m: "Новый срок" in (m.text or ""))
    assert "Новый срок: сегодня 20:00" in moved.text
    assert moved.buttons[0] == ["🔕 Отписаться от «Холодная вода»"]

    await city.update(outage_id, OutageChange(status=OutageStatus.RESTORED))
    back = await anna.wait_for_reply(lambda m: "✅" in (m.text or ""))
    assert "Холодная вода восстановлена" in back.text and "ул. Баумана, 15" in back.text

    before = len(texts(anna))
    await city.update(outage_id, OutageChange(status=OutageStatus.RESTORED))  # said twice
    await nothing_new(bot, anna, before)
    assert not any("Баумана" in text for text in texts(boris))


async def test_quiet_hours_hold_a_planned_outage_till_morning_not_an_emergency(
    anna: Person, bot: RunningBot, clock: MovableClock
) -> None:
    await anna.send("/start")
    city = City(bot, clock)
    await city.follow_home(anna, (OutageKind.COLD_WATER,))
    clock.move_to(kazan(11, 30, 23))
    before = len(texts(anna))
    planned = await bauman_water(city, emergency=False, starts=kazan(12, 2, 10), source_id="p")
    await city.publish(planned)
    await nothing_new(bot, anna, before)

    emergency = await bauman_water(
        city, emergency=True, starts=clock.now() - timedelta(minutes=5), source_id="e"
    )
    await city.publish(emergency)
    night = await anna.wait_for_reply(lambda m: "Аварийное" in (m.text or ""))
    assert "Плановое" not in night.text

    clock.move_to(kazan(12, 1, 8, 1))
    city.app.outbox_wake.set()
    morning = await anna.wait_for_reply(lambda m: "Плановое отключение" in (m.text or ""))
    assert "Начало: завтра 10:00; окончание: завтра 18:00" in morning.text


async def test_evening_before_reminder_at_19(
    anna: Person, bot: RunningBot, clock: MovableClock
) -> None:
    await anna.send("/start")
    city = City(bot, clock)
    await city.follow_home(anna, (OutageKind.COLD_WATER,))
    await city.publish(await bauman_water(city, emergency=False, starts=kazan(12, 2, 10)))
    await anna.wait_for_reply(lambda m: "Плановое отключение" in (m.text or ""))

    clock.move_to(kazan(12, 1, 18, 59))
    assert await remind_planned_outages(city.app.session_factory, clock) == 0
    clock.move_to(kazan(12, 1, 19, 0))
    assert await remind_planned_outages(city.app.session_factory, clock) == 1
    await city.worker.drain_once()
    reminder = await anna.wait_for_reply(lambda m: "⏰" in (m.text or ""))
    assert "Напоминаем: завтра с 10:00 — плановое отключение: Холодная вода" in reminder.text
    assert reminder.buttons[0] == ["🔕 Отписаться от «Холодная вода»"]
    assert await remind_planned_outages(city.app.session_factory, clock) == 0


async def test_instant_event_and_daily_digest(
    anna: Person, boris: Person, bot: RunningBot, clock: MovableClock
) -> None:
    await anna.send("/start")
    await boris.send("/start")
    city = City(bot, clock)
    async with city.uow() as uow:
        for person in (anna, boris):
            await subscriptions.follow_events(
                uow, clock, person.id, [EventCategory.CONCERTS], None
            )
        await subscriptions.set_event_delivery(uow, clock, boris.id, EventDelivery.DAILY)
        await uow.commit()
    now = clock.now()
    concert = CityEvent(
        title="Джаз <в> Кремле",
        category=EventCategory.CONCERTS,
        place="Кремлёвская набережная",
        district=CENTRE_DISTRICT,
        starts_at=kazan(12, 5, 19),
        ends_at=kazan(12, 5, 21),
        source="afisha",
        created_at=now,
        updated_at=now,
        link="https://example.org/jazz?a=1&b=2",
        free=True,
    )
    async with city.uow() as uow:
        await city_events.publish_event(uow, clock, concert)
        await uow.commit()
    await city.worker.drain_once()
    card = await anna.wait_for_reply(lambda m: "Джаз" in (m.text or ""))
    assert "🎵" in card.text and "бесплатно" in card.text
    assert 'href="https://example.org/jazz?a=1&amp;b=2"' in card.html
    assert "Джаз &lt;в&gt; Кремле" in card.html
    assert card.buttons == [["🔕 Отписаться от «Концерты»"]]
    assert not any("Джаз" in t for t in texts(boris))  # a digest reader waits for the digest

    clock.move_to(kazan(12, 1, 9, 30))
    await send_event_digests(city.app.session_factory, clock, EventDelivery.DAILY)
    city.app.outbox_wake.set()
    digest = await boris.wait_for_reply(lambda m: "Новое в афише" in (m.text or ""))
    assert "• 05.12 19:00 — Джаз &lt;в&gt; Кремле, Кремлёвская набережная, бесплатно" in (
        digest.html or ""
    ).replace('<a href="https://example.org/jazz?a=1&amp;b=2">', "").replace("</a>", "")
    assert digest.buttons == [["🔕 Отписаться от «Концерты»"]]


async def test_unsubscribe_button_and_a_forged_one(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    await anna.send("/start")
    city = City(bot, clock)
    await city.follow_home(anna, (OutageKind.COLD_WATER, OutageKind.ELECTRICITY))
    start = clock.now() - timedelta(minutes=1)
    await city.publish(await bauman_water(city, emergency=True, starts=start))
    await anna.wait_for_reply(lambda m: "Аварийное" in (m.text or ""))

    await anna.press("🔕 Отписаться от «Холодная вода»")
    assert anna.last_alert().text == "Вы отписались от «Холодная вода»"
    assert anna.last_reply().buttons == [["Что ещё отключено?"]]  # the button is gone
    assert await city.topics(anna) == [outage_topic(OutageKind.ELECTRICITY)]

    await press_data(stand_in, anna, AlertUnsubCb(kind=OutageKind.GAS.value).pack())
    assert anna.last_alert().text == "Подписки уже нет"
    await press_data(stand_in, anna, AlertUnsubCb(kind="nonsense").pack())
    assert anna.last_alert().show_alert
    assert await city.topics(anna) == [outage_topic(OutageKind.ELECTRICITY)]

    before = len(texts(anna))
    await city.publish(await bauman_water(city, emergency=True, starts=start, source_id="vk-2"))
    await nothing_new(bot, anna, before)


async def test_no_water_with_a_known_outage_follows_it_instead_of_filing(
    anna: Person, boris: Person, stand_in: BotApiStandIn, bot: RunningBot, clock: MovableClock
) -> None:
    city = City(bot, clock)
    start = clock.now() - timedelta(hours=1)
    outage_id = await city.publish(await bauman_water(city, emergency=True, starts=start))
    district_wide = OutageDraft(
        kind=OutageKind.HOT_WATER,
        emergency=True,
        area=OutageArea(districts=(CENTRE_DISTRICT,)),
        starts_at=start,
        ends_at=None,
        description="",
        source="Татэнерго",
        source_id="te-1",
    )
    await city.publish(district_wide)

    await anna.send("/report")
    await anna.press("Вода и отопление")
    await anna.send("Баумана 15")  # spelt exactly: taken without asking
    offer = anna.last_reply()
    assert "По этому адресу уже известно отключение: 🚱 Холодная вода" in offer.text
    assert offer.buttons == [["🔔 Сообщить, когда дадут"], ["Всё равно отправить заявку"]]
    await anna.send("алло")
    assert "Выберите кнопку" in anna.last_reply().text
    await anna.press("🔔 Сообщить, когда дадут")
    assert "напишем, когда отключение закончится" in anna.last_reply().text
    assert await city.topics(anna) == [outage_topic(OutageKind.COLD_WATER)]
    async with city.uow() as uow:
        assert await uow.requests.count_by_author(anna.id) == 0
        [saved] = await uow.subscriptions.addresses(anna.id)
    assert saved.label == "Заявка" and saved.house == "15"
    stale = OutageOfferCb(action=OutageOfferAction.FILE_ANYWAY).pack()
    await press_data(stand_in, anna, stale)  # a replayed press: the form is gone
    assert anna.last_alert().show_alert

    await city.update(outage_id, OutageChange(status=OutageStatus.RESTORED))
    back = await anna.wait_for_reply(lambda m: "✅" in (m.text or ""))
    assert "Холодная вода восстановлена" in back.text and "Заявка: ул. Баумана, 15" in back.text

    # Boris reports by location in the same district, and files anyway.
    await boris.send("/report")
    await boris.press("Вода и отопление")
    await boris.share_location(*CENTRE)
    assert "♨️ Горячая вода (срок не объявлен)" in boris.last_reply().text
    await boris.press("Всё равно отправить заявку")
    await boris.press("Пропустить")
    await boris.send("Нет горячей воды третий день, в кранах холодная")  # asked only once
    await boris.press("✅ Отправить")
    assert "принята" in boris.last_reply().text
    async with city.uow() as uow:
        assert await uow.requests.count_by_author(boris.id) == 1


async def test_no_water_in_the_description_of_another_category(
    anna: Person, bot: RunningBot, clock: MovableClock
) -> None:
    city = City(bot, clock)
    await city.publish(
        await bauman_water(city, emergency=True, starts=clock.now() - timedelta(hours=1))
    )
    await anna.send("/report")
    await anna.press("Другое")
    await anna.send("Баумана 15")  # spelt exactly: taken without asking
    await anna.press("Пропустить")  # not about water so far: the form goes on
    await anna.send("Во всём подъезде нет воды с самого утра")
    assert "уже известно отключение" in anna.last_reply().text
    await anna.press("Всё равно отправить заявку")
    assert "Проверьте заявку" in anna.last_reply().text

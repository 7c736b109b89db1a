"""Alerts without loose ends (issue 12): someone who begins to follow an address while an
outage is on there is told at once, whether the address was typed or is a point on the map
near a known street; and setting alerts up for a typed address takes four actions."""

from dataclasses import replace
from datetime import timedelta

from domain.alerts.outages import (
    OutageArea,
    OutageChange,
    OutageDraft,
    OutageKind,
    OutageStatus,
    StreetSpan,
)
from domain.alerts.subscriptions import SavedAddress
from domain.clock import StartedClock, SystemClock
from domain.services import outages
from domain.services.subscriptions import save_address
from sandbox.driver import Person
from scheduler.fanout import FanoutWorker
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot, outbox_idle
from tests.e2e.test_alerts_settings import off_report, street_id, subscriptions_of

ON_BAUMANA = (55.7916, 49.1146)  # a few steps from the «улица Баумана» site's point


class Actions:
    """Counts what the person does: every press and every message is one action."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.count = 0

    async def press(self, text: str) -> None:
        self.count += 1
        await self.person.press(text)

    async def send(self, text: str) -> None:
        self.count += 1
        await self.person.send(text)


async def publish(bot: RunningBot, clock: StartedClock, kind: OutageKind, **fields: object) -> int:
    """An outage on the whole of ул. Баумана, straight into the database as a feed would."""
    assert bot.app is not None
    area = OutageArea(streets=(StreetSpan(await street_id(bot, "Баумана")),))
    values: dict[str, object] = {
        "emergency": True,
        "area": area,
        "ends_at": None,
        "description": "",
        "source": "test",
        "source_id": kind.value,
    }
    draft = OutageDraft(kind=kind, **(values | fields))  # type: ignore[arg-type]
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        published = await outages.publish_outage(uow, clock, draft)
        await uow.commit()
    assert published.outage.id is not None
    return published.outage.id


async def restore(bot: RunningBot, clock: StartedClock, outage_id: int) -> None:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        await outages.update_outage(uow, clock, outage_id, OutageChange(OutageStatus.RESTORED))
        await uow.commit()


def with_text(person: Person, part: str) -> list[str]:
    return [m.text for m in person.replies() if m.text and part in m.text]


async def test_alerts_for_a_typed_address_in_four_actions_from_the_menu(
    anna: Person, bot: RunningBot
) -> None:
    await anna.send("/start")
    actions = Actions(anna)
    await actions.press("🔔 Оповещения")
    await actions.press("➕ Добавить адрес")
    await actions.press("🏠 Дом")
    await actions.send("Баумана 15")
    assert actions.count <= 4
    assert "Адрес «Дом» сохранён: ул. Баумана, 15" in anna.replies()[-2].text
    done = anna.last_reply()
    assert "сообщу обо всех отключениях" in done.text and "уже есть" not in done.text
    assert done.buttons == [["⚙️ Какие отключения"], ["🗑 Не тот адрес"], ["⬅️ Оповещения"]]
    topics = {s.topic for s in await subscriptions_of(bot, anna)}
    assert topics == {f"outage:{kind.value}" for kind in OutageKind}


async def test_a_typed_address_where_outages_are_on_is_told_of_them_at_once(
    anna: Person, bot: RunningBot, clock: StartedClock
) -> None:
    now = clock.now()  # 10:00 in Kazan
    await publish(
        bot,
        clock,
        OutageKind.COLD_WATER,
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=6),
        description="Порыв <водовода>",
    )
    tomorrow = now + timedelta(days=1)
    await publish(
        bot,
        clock,
        OutageKind.HEATING,
        emergency=False,
        starts_at=tomorrow,
        ends_at=tomorrow + timedelta(hours=8),
    )
    gas = await publish(bot, clock, OutageKind.GAS, starts_at=now - timedelta(hours=5))
    await restore(bot, clock, gas)  # over: nothing to tell

    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("🏠 Дом")
    await anna.send("Баумана 15")
    assert "Здесь уже есть 2 отключения" in anna.last_reply().text
    told = await anna.wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "Холодная вода" in told.text and "📍 Дом: ул. Баумана, 15" in told.text
    assert "Начало: сегодня 08:00; окончание: сегодня 16:00" in told.text
    assert "Порыв &lt;водовода&gt;" in (told.html or "")
    assert told.buttons == [["🔕 Отписаться от «Холодная вода»"], ["Что ещё отключено?"]]
    planned = await anna.wait_for_reply(lambda m: "Плановое отключение" in (m.text or ""))
    assert "Отопление" in planned.text and "Начало: завтра 10:00" in planned.text
    assert not with_text(anna, "Газ")

    # The same outages at a second address of hers: she knows of them already.
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("💼 Работа")
    await anna.send("Баумана 17")
    assert "Адрес «Работа» сохранён" in anna.replies()[-2].text
    assert "уже есть" not in anna.last_reply().text
    await outbox_idle(bot)  # anything due has been sent by now
    assert len(with_text(anna, "Аварийное отключение")) == 1


async def test_a_map_point_on_a_street_follows_the_street(
    anna: Person, bot: RunningBot, clock: StartedClock
) -> None:
    now = clock.now()
    await publish(bot, clock, OutageKind.HOT_WATER, starts_at=now - timedelta(minutes=30))
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("🏠 Дом")
    await anna.press_reply("📍 Отправить геопозицию", location=ON_BAUMANA)
    saved = anna.replies()[-2].text
    assert "Адрес «Дом» сохранён: ул. Баумана · 55.79160, 49.11460 (Вахитовский район)" in saved
    assert "придут отключения всей улицы и всего района" in saved
    told = await anna.wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "Горячая вода" in told.text
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        [address] = await uow.subscriptions.addresses(anna.id)
    assert address.street_id == await street_id(bot, "Баумана")
    assert (address.house, address.district) == (None, "Вахитовский")

    await anna.send("/alerts")
    await anna.press("❓ Что отключено по моим адресам?")
    report = off_report(anna)
    assert "Сейчас отключено:\n• ♨️ Горячая вода (авария)" in report

    # A later outage of the street reaches her through the fan-out like any address's.
    await publish(bot, clock, OutageKind.ELECTRICITY, starts_at=clock.now())
    worker = FanoutWorker(bot.app.session_factory, clock, outbox_wake=bot.app.outbox_wake)
    await worker.drain_once()
    news = await anna.wait_for_reply(lambda m: "Электричество" in (m.text or ""))
    assert "📍 Дом: ул. Баумана" in news.text


async def test_a_district_where_an_outage_is_on_is_told_of_it_at_once(
    anna: Person, bot: RunningBot, clock: StartedClock
) -> None:
    await publish(bot, clock, OutageKind.GAS, starts_at=clock.now() - timedelta(minutes=10))
    await anna.send("/alerts")
    await anna.press("🏙 Отключения в районе")
    await anna.press("Вахитовский")
    await anna.press("💾 Сохранить")
    assert "Здесь уже есть 1 отключение — сообщение о нём ниже" in anna.last_reply().text
    told = await anna.wait_for_reply(lambda m: "Аварийное отключение" in (m.text or ""))
    assert "Газ" in told.text and "ул. Баумана" in told.text
    assert told.buttons[0] == ["🔕 Отписаться от «Газ»"]


async def test_what_is_off_places_a_point_saved_before_on_its_street(
    anna: Person, bot: RunningBot, clock: StartedClock
) -> None:
    """A point saved without its street (as every point was before) is still read as on it."""
    await anna.send("/start")
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        text = f"{ON_BAUMANA[0]:.5f}, {ON_BAUMANA[1]:.5f}"
        point = SavedAddress(anna.id, "Дача", text, clock.now(), district="Вахитовский")
        await save_address(uow, clock, replace(point, lat=ON_BAUMANA[0], lon=ON_BAUMANA[1]))
        await uow.commit()
    await publish(bot, clock, OutageKind.COLD_WATER, starts_at=clock.now() - timedelta(hours=1))
    await anna.send("/alerts")
    await anna.press("❓ Что отключено по моим адресам?")
    report = off_report(anna)
    assert "Дача — 55.79160, 49.11460 (Вахитовский район)" in report
    assert "Сейчас отключено:\n• 🚱 Холодная вода (авария)" in report

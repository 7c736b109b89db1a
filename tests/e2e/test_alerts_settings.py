"""A resident sets up alerts, end to end over HTTP against the Bot API stand-in."""

from datetime import UTC, datetime, time, timedelta

from domain.alerts.houses import HouseRange, Parity
from domain.alerts.outages import OutageArea, OutageDraft, OutageKind, StreetSpan
from domain.alerts.subscriptions import (
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    Subscription,
)
from domain.clock import StartedClock, SystemClock
from domain.services import outages
from domain.services.subscriptions import save_address
from handlers.alerts.callbacks import AddressDropCb, SubDropCb
from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot, press_data

CENTRE = (55.796127, 49.106414)  # the Kremlin embankment: Вахитовский district
MOSCOW = (55.7558, 37.6173)
ALL_TICKED = [
    ["✅ 🚱 Холодная вода", "✅ ♨️ Горячая вода"],
    ["✅ 💡 Электричество", "✅ 🌡 Отопление"],
    ["✅ 🔥 Газ"],
    ["💾 Сохранить"],
    ["⬅️ Оповещения"],
]


async def subscriptions_of(bot: RunningBot, person: Person) -> list[Subscription]:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return await uow.subscriptions.subscriptions(person.id)


async def add_address(person: Person, label: str, typed: str) -> None:
    """From /alerts: a label of her own, then a clear typed address: saved with all kinds."""
    await person.send("/alerts")
    await person.press("➕ Добавить адрес")
    await person.send(label)
    await person.send(typed)


async def test_typed_address_with_a_typo_kinds_list_unsubscribe_and_removal(
    anna: Person, bot: RunningBot
) -> None:
    await anna.send("/alerts")
    home = anna.last_reply()
    assert "Сохранённые адреса: 0 · подписки: 0" in home.text
    assert "Тихие часы: 22:00–08:00 — ночью только аварийные отключения" in home.text
    await anna.press("➕ Добавить адрес")
    await anna.press("🏠 Дом")
    assert anna.reply_keyboard() == [["📍 Отправить геопозицию"], ["✖️ Отмена"]]
    await anna.send("ул Бауамана д.15")  # a corrected typo is a doubt: asked back, one tap
    assert anna.last_reply().text == "Сохранить адрес ул. Баумана, 15 (Вахитовский район)?"
    await anna.press("✅ Да, сохранить")
    assert "Адрес «Дом» сохранён: ул. Баумана, 15 (Вахитовский район)" in anna.replies()[-2].text
    assert anna.reply_keyboard() is None
    assert len(await subscriptions_of(bot, anna)) == 5  # every kind, without a step
    assert "сообщу обо всех отключениях" in anna.last_reply().text
    await anna.press("⚙️ Какие отключения")
    checklist = anna.last_reply()
    assert checklist.buttons == ALL_TICKED
    await anna.press("✅ 💡 Электричество")
    assert anna.last_reply().buttons[1] == ["▫️ 💡 Электричество", "✅ 🌡 Отопление"]
    await anna.press("💾 Сохранить")
    done = anna.last_reply().text
    assert "Готово: адрес «Дом» — холодная вода, горячая вода, отопление, газ" in done
    assert len(await subscriptions_of(bot, anna)) == 4

    await anna.press("⬅️ Оповещения")
    assert "Сохранённые адреса: 1 · подписки: 4" in anna.last_reply().text
    await anna.press("📋 Подписки")
    listing = anna.last_reply()
    assert "1. 🚱 Холодная вода — Дом" in listing.text
    assert ["✖ 🔥 Газ — Дом"] in listing.buttons
    await anna.press("✖ 🔥 Газ — Дом")
    assert anna.last_alert().text == "Отписались. Больше не пришлём."
    assert "Газ" not in anna.last_reply().text
    topics = [s.topic for s in await subscriptions_of(bot, anna)]
    assert topics == ["outage:cold_water", "outage:heating", "outage:hot_water"]

    await anna.press("⬅️ Оповещения")
    await anna.press("🏠 Мои адреса")
    assert "1. <b>Дом</b> — ул. Баумана, 15 (Вахитовский район) · подписки: 3" in (
        anna.last_reply().html or ""
    )
    await anna.press("🗑 Удалить «Дом»")
    assert "удалятся его подписки на отключения: 3" in anna.last_reply().text
    await anna.press("Нет, оставить")
    assert len(await subscriptions_of(bot, anna)) == 3
    await anna.press("🗑 Удалить «Дом»")
    await anna.press("Да, удалить")
    assert anna.last_alert().text == "Адрес удалён вместе с его подписками."
    assert "Сохранённых адресов пока нет" in anna.last_reply().text
    assert await subscriptions_of(bot, anna) == []


async def test_shared_location_saves_the_district_and_says_so(
    anna: Person, bot: RunningBot
) -> None:
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.send("<b>Дача</b> & co")  # a label of her own, shown literally
    await anna.share_location(*MOSCOW)
    assert "за пределами Казани" in anna.last_reply().text
    await anna.press_reply("📍 Отправить геопозицию", location=CENTRE)
    saved = anna.replies()[-2].text
    assert "Точка на карте сохранена как «<b>Дача</b> & co» (Вахитовский район)" in saved
    assert "объявленных для всего района" in saved
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        [address] = await uow.subscriptions.addresses(anna.id)
    assert (address.street_id, address.district) == (None, "Вахитовский")
    assert address.lat == CENTRE[0] and address.lon == CENTRE[1]
    assert len(await subscriptions_of(bot, anna)) == 5


async def test_outages_for_a_whole_district(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("🏙 Отключения в районе")
    await anna.press("Советский")
    assert "Советский район" in anna.last_reply().text
    for kind in ("🚱 Холодная вода", "♨️ Горячая вода", "🌡 Отопление", "🔥 Газ"):
        await anna.press(f"✅ {kind}")
    await anna.press("💾 Сохранить")
    assert "Готово: Советский район — электричество" in anna.last_reply().text
    [subscription] = await subscriptions_of(bot, anna)
    assert (subscription.topic, subscription.scope) == ("outage:electricity", Scope.DISTRICT)
    assert subscription.district == "Советский"


async def test_events_for_the_whole_city_and_for_a_district(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("🎭 События")
    await anna.press("Дальше: где? ▶️")
    assert anna.last_alert().text == "Отметьте хотя бы один пункт."
    await anna.press("▫️ 🎵 Концерты")
    await anna.press("▫️ 🧸 Детям")
    await anna.press("Дальше: где? ▶️")
    assert "Где следить за событиями (концерты, детям)?" in anna.last_reply().text
    await anna.press("🏙 Весь город")
    assert "Готово: концерты, детям — весь город." in anna.last_reply().text
    assert "сразу, как событие объявлено" in anna.last_reply().text
    await anna.press("⬅️ Оповещения")
    await anna.press("🎭 События")
    await anna.press("▫️ ⚽ Спорт")
    await anna.press("Дальше: где? ▶️")
    await anna.press("Кировский")
    assert "Готово: спорт — Кировский район." in anna.last_reply().text
    found = {(s.topic, s.scope, s.district) for s in await subscriptions_of(bot, anna)}
    assert found == {
        ("event:concerts", Scope.CITY, None),
        ("event:children", Scope.CITY, None),
        ("event:sport", Scope.DISTRICT, "Кировский"),
    }


async def test_quiet_hours_and_event_delivery(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("🌙 Тихие часы")
    assert "✅ 22:00–08:00" in anna.last_reply().buttons[0]
    await anna.press("▫️ 23:00–07:00")
    assert anna.last_alert().text == "Тихие часы: 23:00–07:00"
    assert "<b>Тихие часы</b>: 23:00–07:00" in (anna.last_reply().html or "")
    preferences = await preferences_of(bot, anna)
    assert preferences.quiet == QuietHours(time(23, 0), time(7, 0))
    await anna.press("▫️ Без тихих часов")
    assert (await preferences_of(bot, anna)).quiet is None
    await anna.press("⬅️ Оповещения")
    assert "Тихие часы: выключены — всё приходит сразу" in anna.last_reply().text
    await anna.press("📬 Доставка событий")
    await anna.press("▫️ Сводкой каждый день в 09:30")
    assert (await preferences_of(bot, anna)).events is EventDelivery.DAILY
    await anna.press("⬅️ Оповещения")
    assert "События: сводкой каждый день в 09:30" in anna.last_reply().text


async def preferences_of(bot: RunningBot, person: Person):  # type: ignore[no-untyped-def]
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return await uow.subscriptions.preferences(person.id)


async def street_id(bot: RunningBot, name: str) -> int:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        streets = await uow.streets.all()
    return next(s.id for s in streets if s.name == name and s.id is not None)


async def publish(bot: RunningBot, clock: StartedClock, **fields: object) -> None:
    """An outage straight into the database, as a utility's feed would publish it."""
    assert bot.app is not None
    draft = OutageDraft(**{"emergency": False, "source": "test", **fields})  # type: ignore[arg-type]
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        await outages.publish_outage(uow, clock, draft)
        await uow.commit()


def off_report(person: Person) -> str:
    """The newest "what is off" answer (alerts fanned out meanwhile may come after it)."""
    found = [m for m in person.replies() if "Что отключено по вашим адресам" in (m.text or "")]
    return found[-1].text or ""


async def test_what_is_off_at_my_addresses_now(
    anna: Person, bot: RunningBot, clock: StartedClock
) -> None:
    await anna.send("/alerts")
    await anna.press("❓ Что отключено по моим адресам?")
    assert "Сохранённых адресов пока нет" in anna.last_reply().text
    await add_address(anna, "Дом", "Баумана 15")
    await add_address(anna, "Работа", "Пушкина 1")
    baumana = await street_id(bot, "Баумана")
    now = clock.now()
    odd_side = OutageArea(streets=(StreetSpan(baumana, ranges=(HouseRange(1, 21, Parity.ODD),)),))
    await publish(
        bot,
        clock,
        kind=OutageKind.COLD_WATER,
        emergency=True,
        area=odd_side,
        starts_at=now - timedelta(hours=1),
        ends_at=None,
        description="Авария на водоводе",
    )
    tomorrow = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # 09:00 in Kazan
    await publish(
        bot,
        clock,
        kind=OutageKind.HEATING,
        area=OutageArea(streets=(StreetSpan(baumana),)),
        starts_at=tomorrow,
        ends_at=tomorrow + timedelta(hours=8),
        description="Промывка <труб> & опрессовка",
    )
    await anna.send("/alerts")
    await anna.press("❓ Что отключено по моим адресам?")
    report = off_report(anna)
    home, work = report.split("Работа")
    assert "Дом — ул. Баумана, 15 (Вахитовский район)" in home
    assert "Сейчас отключено:\n• 🚱 Холодная вода (авария) — начало: " in home
    assert "09:00; срок не объявлен. Авария на водоводе" in home
    assert "Запланировано:\n• 🌡 Отопление — " in home
    assert "09:00–17:00. " in home
    assert "Промывка <труб> & опрессовка" in home  # the source's words, escaped
    assert "Ничего не отключено, и отключений не запланировано" in work
    assert "Холодная вода" not in work


async def test_forged_presses_for_someone_elses_subscription_and_address(
    anna: Person, boris: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await add_address(anna, "Дом", "Баумана 15")
    mine = await subscriptions_of(bot, anna)
    assert len(mine) == 5 and mine[0].id is not None and mine[0].address_id is not None
    await boris.send("/alerts")
    await press_data(stand_in, boris, SubDropCb(subscription_id=mine[0].id).pack())
    assert boris.last_alert().text == "Такой подписки у вас нет — ничего не изменилось."
    drop = AddressDropCb(address_id=mine[0].address_id, confirm=True).pack()
    await press_data(stand_in, boris, drop)
    assert boris.last_alert().text == "Такого адреса у вас нет — ничего не изменилось."
    await press_data(stand_in, boris, AddressDropCb(address_id=mine[0].address_id).pack())
    assert "Баумана" not in (boris.last_reply().text or "")
    assert await subscriptions_of(bot, anna) == mine


async def test_garbage_at_the_address_step_and_cancel(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.send("x" * 41)
    assert "Слишком длинное название" in anna.last_reply().text
    await anna.press("💼 Работа")
    await anna.send("ыщшгнек 12345 !!!")
    assert "Не нашли такой адрес в Казани" in anna.last_reply().text
    await anna.send_sticker()
    assert "Нужен адрес текстом (улица и дом) или геопозиция" in anna.last_reply().text
    await anna.press_reply("✖️ Отмена")
    assert anna.replies()[-2].text == "Адрес не сохранён."
    assert anna.reply_keyboard() is None
    assert "Сохранённые адреса: 0" in anna.last_reply().text


async def test_a_street_without_house_is_offered_and_explained(anna: Person) -> None:
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("👵 Родители")
    await anna.send("Баумана")
    assert "Без номера дома придут только отключения всей улицы" in anna.last_reply().text
    await anna.press("Нет — ввести заново")
    assert anna.last_reply().text == "Хорошо, напишите адрес ещё раз: улицу и дом."
    await anna.send("Баумана 7")
    assert "Адрес «Родители» сохранён: ул. Баумана, 7" in anna.replies()[-2].text


async def test_the_form_survives_a_restart(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("🏠 Дом")
    await bot.restart()
    await anna.send("Баумана 15")
    assert "Адрес «Дом» сохранён" in anna.replies()[-2].text


async def test_ten_addresses_at_most(anna: Person, bot: RunningBot, clock: StartedClock) -> None:
    await anna.send("/start")
    baumana = await street_id(bot, "Баумана")
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        for n in range(10):
            address = SavedAddress(
                anna.id,
                f"Адрес {n}",
                f"ул. Баумана, {n + 1}",
                clock.now(),
                street_id=baumana,
                house=str(n + 1),
                district="Вахитовский",
            )
            await save_address(uow, clock, address)
        await uow.commit()
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    assert "Можно сохранить не больше 10 адресов" in anna.last_reply().text


async def test_the_address_question_becomes_the_choice(anna: Person, bot: RunningBot) -> None:
    await anna.send("/alerts")
    await anna.press("➕ Добавить адрес")
    await anna.press("🏠 Дом")
    await anna.send("Мира 5")  # the same street in two districts: asked which
    question = anna.last_reply()
    asked = question.text
    assert asked == "Какой из этих адресов?"
    await anna.press("Нет нужного — ввести заново")
    assert question.text != asked and not question.buttons
    await anna.send("Мира 5")
    question = anna.last_reply()
    choice = next(row[0] for row in question.buttons if "Советский" in row[0])
    await anna.press(choice)
    # No empty question is left above the saved address: it says the choice.
    assert not [m for m in anna.replies() if m.text == asked]
    assert question.text.startswith("📍 ") and "Мира" in question.text
    assert not question.buttons
    assert [s.scope for s in await subscriptions_of(bot, anna)]

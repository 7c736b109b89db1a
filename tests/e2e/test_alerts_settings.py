"""A resident sets up alerts, end to end over HTTP against the Bot API stand-in."""

from datetime import time

from domain.alerts.subscriptions import EventDelivery, QuietHours, Scope, Subscription
from sandbox.driver import Person
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot

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
    async with SqlUnitOfWork(bot.app.session_factory) as uow:
        return await uow.subscriptions.subscriptions(person.id)


async def add_address(person: Person, label: str, typed: str, choice: str) -> None:
    """From /alerts: a label of her own, the typed address, the chosen match, all kinds."""
    await person.send("/alerts")
    await person.press("➕ Добавить адрес")
    await person.send(label)
    await person.send(typed)
    await person.press(choice)
    await person.press("💾 Сохранить")


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
    await anna.send("ул Бауамана д.15")
    assert anna.last_reply().text == "Сохранить адрес ул. Баумана, 15 (Вахитовский район)?"
    await anna.press("✅ Да, сохранить")
    assert "Адрес «Дом» сохранён: ул. Баумана, 15 (Вахитовский район)" in anna.replies()[-2].text
    assert anna.reply_keyboard() is None
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
    await anna.press("💾 Сохранить")
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory) as uow:
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
    async with SqlUnitOfWork(bot.app.session_factory) as uow:
        return await uow.subscriptions.preferences(person.id)

"""My account: consent then the phone, the data file, deleting the account (and what staff
see then), withdrawing consent — conversations against the Bot API stand-in."""

import json

from domain.alerts.subscriptions import SavedAddress
from domain.clock import SystemClock
from domain.services.subscriptions import save_address
from domain.users import User
from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import START, RunningBot, press_data
from tests.e2e.test_report_journeys import CENTRE, file_by_location
from tests.e2e.test_staff_journey import staff_room, the_card


async def stored(bot: RunningBot, person: Person) -> User | None:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return await uow.users.get(person.id)


async def open_profile(person: Person) -> str:
    await person.send("/profile")
    return person.last_reply().text or ""


async def agree_and_share(person: Person) -> None:
    await open_profile(person)
    await person.press("📱 Поделиться телефоном")
    await person.press("✅ Согласен")
    await person.press_reply("📱 Отправить мой номер")
    assert "Телефон сохранён" in person.replies()[-2].text


async def test_consent_then_the_phone_and_never_someone_elses(
    anna: Person, bot: RunningBot
) -> None:
    await anna.send("/start")
    profile = await open_profile(anna)
    assert "Телефон: не указан" in profile and "Согласие на обработку данных: не дано" in profile

    await anna.press("📱 Поделиться телефоном")
    consent = anna.last_reply()
    assert "Обработка персональных данных" in consent.text and "2026-11" in consent.text
    assert consent.buttons == [["✅ Согласен", "Отказаться"]]
    await anna.press("Отказаться")
    assert "Хорошо, ничего не сохранено." in anna.last_alert().text
    user = await stored(bot, anna)
    assert user is not None and user.consent_version is None

    await anna.send_contact()  # the attachment menu's own contact, before any consent
    assert "сначала нужно ваше согласие" in anna.replies()[-2].text
    assert "✅ Согласен" in str(anna.last_reply().buttons)
    user = await stored(bot, anna)
    assert user is not None and user.phone is None  # discarded

    await anna.press("✅ Согласен")
    assert "Согласие на обработку данных: дано 30.11.2026 (версия 2026-11)" in (
        anna.replies()[-2].text
    )
    assert anna.reply_keyboard() == [["📱 Отправить мой номер"], ["✖️ Отмена"]]
    await anna.send_contact("+7 999 000-11-22")  # a friend's card
    assert "чужой контакт" in anna.last_reply().text
    user = await stored(bot, anna)
    assert user is not None and user.phone is None
    await anna.send("мой номер 89991112233")  # typed: only the button counts
    assert "Жду ваш номер" in anna.last_reply().text

    await anna.press_reply("📱 Отправить мой номер")
    assert anna.replies()[-2].text == f"Телефон сохранён: {anna.account.phone}"
    assert anna.reply_keyboard() is None
    assert f"Телефон: {anna.account.phone}" in anna.last_reply().text
    user = await stored(bot, anna)
    assert user is not None and user.phone == anna.account.phone
    assert user.consent_version == "2026-11" and user.consent_at is not None


async def test_my_data_as_a_json_file(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await agree_and_share(anna)
    await anna.press("📥 Скачать мои данные")
    sent = await anna.wait_for_reply(lambda m: m.document is not None)
    assert sent.document is not None
    assert sent.document["file_name"] == "my-kazan-data-2026-11-30.json"
    assert "Ваши данные" in (sent.raw.get("caption") or "")
    stored_file = stand_in.world.files.get(sent.document["file_id"])
    assert stored_file is not None
    document = json.loads(stored_file.data.decode("utf-8"))

    assert document["profile"]["telegram_id"] == anna.id
    assert document["profile"]["first_name"] == "Анна"
    assert document["profile"]["phone"] == anna.account.phone
    assert document["profile"]["consent"]["version"] == "2026-11"
    assert [r["number"] for r in document["requests"]] == ["KZN-000001"]
    request = document["requests"][0]
    assert request["description"] == "Яма посреди дороги, машины объезжают"
    assert request["history"][0]["kind"] == "created"
    assert document["performer"] is None and document["generated_at"].startswith("2026-11-30")
    assert "Яма посреди дороги" in stored_file.data.decode("utf-8")  # UTF-8, not \\u escapes


async def test_deleting_the_account(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    boss, _, staff = staff_room(stand_in)
    await file_by_location(anna, CENTRE, "Яма посреди дороги, машины объезжают")
    await the_card(staff, stand_in)
    await agree_and_share(anna)

    await anna.press("🗑 Удалить аккаунт")
    question = anna.last_reply()
    assert "Это нельзя отменить" in question.text and "без вашего имени" in question.text
    assert ["🗑 Да, удалить аккаунт"] in question.buttons
    await anna.press("Нет, оставить")
    assert "👤 Профиль" in anna.last_reply().text
    assert await stored(bot, anna) is not None

    await anna.press("🗑 Удалить аккаунт")
    await anna.press("🗑 Да, удалить аккаунт")
    farewell = anna.last_reply()
    assert farewell.text.startswith("Аккаунт удалён.")
    assert "Заявок осталось у города без вашего имени: 1." in farewell.text
    assert farewell.buttons == [] and "Анна" not in farewell.text
    assert await stored(bot, anna) is None  # the farewell itself did not register her again

    card = await the_card(staff, stand_in, "Житель удалил аккаунт")
    assert "автор удалил аккаунт" in card.text

    await anna.send("/start")
    assert "Здравствуйте, Анна!" in anna.replies()[-2].text
    fresh = await stored(bot, anna)
    assert fresh is not None and (fresh.phone, fresh.consent_version) == (None, None)
    await anna.send("/my")
    assert "KZN-000001" not in anna.last_reply().text
    await boss.send("/find KZN-000001", chat=staff)
    assert "Житель удалил аккаунт" in staff.last_reply().text  # the request stays


async def test_withdrawing_consent_erases_the_account_too(
    anna: Person, stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    await agree_and_share(anna)
    await open_profile(anna)
    await anna.press("Отозвать согласие")
    question = anna.last_reply()
    assert "аккаунт будет удалён" in question.text
    confirmation_data = question.callback_data("Да, отозвать и удалить аккаунт")
    await anna.press("Да, отозвать и удалить аккаунт")
    assert anna.last_reply().text.startswith("Согласие отозвано, аккаунт удалён.")
    assert await stored(bot, anna) is None

    # The same confirmation pressed again later (a new account by then) erases nothing.
    await anna.send("/start")
    await agree_and_share(anna)
    assert confirmation_data is not None
    await press_data(stand_in, anna, confirmation_data)
    assert "устарела" in anna.last_alert().text
    kept = await stored(bot, anna)
    assert kept is not None and kept.phone == anna.account.phone


async def test_the_profile_links_to_addresses_alerts_and_language(
    anna: Person, bot: RunningBot
) -> None:
    assert bot.app is not None
    await anna.send("/start")
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        home = SavedAddress(anna.id, "Дом <мой>", "ул. Баумана, 15", START, district="Вахитовский")
        await save_address(uow, bot.clock, home)
        await uow.commit()
    await anna.press("👤 Профиль")
    profile = anna.last_reply()
    assert "Имя: Анна" in profile.text and "Язык: Русский" in profile.text
    assert "Адреса (1): Дом &lt;мой&gt;" in (profile.html or "")  # the person's words, escaped
    assert "Тихие часы: 22:00–08:00" in profile.text
    await anna.press("🏠 Мои адреса")
    assert "Мои адреса" in anna.last_reply().text
    await anna.send("/profile")
    await anna.press("⚙️ Язык")
    assert anna.last_reply().text == "Выберите язык:"
    await anna.send("/profile")
    await anna.press("🔔 Оповещения")
    assert "🔔 Оповещения" in anna.last_reply().text

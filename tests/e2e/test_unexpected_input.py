"""Anything unexpected gets a short helpful answer at every step, and changes nothing."""

import pytest

from sandbox.driver import Person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot, press_data
from tests.e2e.test_report_journeys import CENTRE, open_report_form


async def garbage(person: Person) -> None:
    """A sticker, a voice message, a document, a contact, an unknown command."""
    await person.send_sticker()
    await person.send_voice()
    await person.send_document()
    await person.send_contact()
    await person.send("/nosuchcommand")


async def test_garbage_outside_any_form(anna: Person) -> None:
    await anna.send_sticker()
    assert "Я не умею работать с таким сообщением" in anna.last_reply().text
    await anna.send("как дела?")
    assert "Сообщить о проблеме" in anna.last_reply().text
    await anna.send("/nosuchcommand")
    assert "Такой команды нет" in anna.last_reply().text
    await anna.send("я" * 4096)
    assert anna.last_reply().buttons  # the menu again, nothing crashed


async def test_garbage_at_every_step_then_a_clean_finish(anna: Person) -> None:
    await open_report_form(anna)
    await garbage(anna)
    assert "Нужен адрес текстом или геопозиция" in anna.replies()[-2].text
    await anna.send("qwertyuiop asdfgh")
    assert "Не нашли такую улицу" in anna.last_reply().text
    await anna.send("Казань " * 700)  # 4,900 characters of nonsense
    assert "Не нашли такую улицу" in anna.last_reply().text
    await anna.share_location(*CENTRE)

    await anna.send_sticker()
    assert "Пришлите фотографию" in anna.last_reply().text
    await anna.send("коротко")  # text here is the description: too short
    assert "Слишком коротко" in anna.last_reply().text
    await anna.send_photo()
    await anna.press("Готово")

    await anna.send_photo()
    assert "Напишите описание текстом" in anna.last_reply().text
    await anna.send("я" * 2001)
    assert "Слишком длинно: длина 2001" in anna.last_reply().text
    await anna.send("Разбит асфальт, лужа на весь тротуар")

    await anna.send_voice()
    assert "Проверьте заявку и нажмите" in anna.last_reply().text
    await anna.send("отправляй уже")
    assert "Проверьте заявку и нажмите" in anna.last_reply().text
    await anna.press("✅ Отправить")
    assert "KZN-000001 принята" in anna.last_reply().text


async def test_old_buttons_after_the_form_is_done(anna: Person, stand_in: BotApiStandIn) -> None:
    await anna.send("/report")
    noise = anna.last_reply().callback_data("Шум")
    await anna.press("Шум")
    await anna.share_location(*CENTRE)
    await anna.press("Пропустить")
    await anna.send("Шумят ночью на стройке, спать невозможно")
    submit = anna.last_reply().callback_data("✅ Отправить")
    await anna.press("✅ Отправить")
    # Buttons of finished steps are gone from the screen; replaying their presses is refused.
    for data in (submit, noise, submit):
        await press_data(stand_in, anna, data)
        assert "кнопка устарела" in anna.last_alert().text
    assert len([m for m in anna.replies() if "принята" in (m.text or "")]) == 1


async def test_a_stale_button_gets_an_alert(anna: Person) -> None:
    await open_report_form(anna)
    await anna.share_location(*CENTRE)
    skip = anna.last_reply()
    await anna.send("/cancel")
    assert "Отменено" in anna.replies()[-2].text
    await anna.press_in(skip, "Пропустить")
    assert anna.last_alert().show_alert
    assert "кнопка устарела" in anna.last_alert().text


async def test_cancel_button_and_command_leave_nothing(anna: Person) -> None:
    await open_report_form(anna)
    await anna.press_reply("✖️ Отмена")
    assert "Заявка не отправлена" in anna.replies()[-2].text
    await anna.send("/cancel")
    assert "Нечего отменять" in anna.replies()[-2].text
    await anna.send("/my")
    assert "У вас пока нет заявок" in anna.last_reply().text


@pytest.mark.parametrize(
    ("button", "confirmation", "menu_button"),
    [
        ("English", "Language: English.", "📝 Report a problem"),
        ("Татарча", "Тел: татарча.", "📝 Проблема турында хәбәр итү"),
    ],
)
async def test_language_switch_from_the_welcome(
    anna: Person, button: str, confirmation: str, menu_button: str
) -> None:
    await anna.send("/start")
    await anna.press(button)
    assert anna.last_reply().text == confirmation
    assert anna.last_reply().buttons[0] == [menu_button]
    await anna.send("/menu")
    assert anna.last_reply().buttons[0] == [menu_button]


async def test_flood_from_one_person_does_not_slow_another(
    anna: Person, boris: Person, bot: RunningBot
) -> None:
    await bot.stop()
    bot.settings = bot.settings.model_copy(update={"throttle_rate": 1.0, "throttle_burst": 5})
    await bot.start()
    for n in range(30):
        await anna.send(f"спам {n}", wait=False)
    await boris.send("/start", timeout=5)
    assert "Мой Казань" in boris.replies()[-2].text
    await anna.send("/menu")  # waits until everything of hers is confirmed
    answered = [m for m in anna.replies() if m.text]
    assert 5 <= len(answered) < 30

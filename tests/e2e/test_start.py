from sandbox.driver import Person


async def test_start_shows_welcome_and_menu(anna: Person) -> None:
    await anna.send("/start")
    replies = anna.replies()
    assert "Мой Казань" in replies[-2].text
    assert replies[-2].buttons == [["Русский", "Татарча", "English"]]
    assert "📝 Сообщить о проблеме" in anna.last_reply().buttons[0]

"""A resident shows their request's description on its public page from their own card,
and takes it back (issue 17): the page and Open311 carry the words only in between, never
their name; nobody else can press the card's buttons for them."""

from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import press_data
from tests.e2e.test_public_photos import PAGE, Site, site
from tests.e2e.test_report_journeys import CENTRE, file_by_location

__all__ = ["site"]  # the fixture, used by name

WORDS = "Яма посреди дороги, машины объезжают <по встречке>"
SHOW = "🌐 Показать моё описание на публичной странице"
HIDE = "🙈 Скрыть описание с публичной страницы"
ONLY_THE_AUTHOR = "Показать или скрыть описание может только автор заявки."
LABEL = "Описание от жителя (опубликовано с его согласия)"


async def open311_description(site: Site) -> str | None:
    answer = await site.client.get("/open311/v2/requests/KZN-000001.json")
    assert answer.status == 200
    description: str | None = (await answer.json())[0]["description"]
    return description


async def test_the_author_shows_and_hides_the_description(
    stand_in: BotApiStandIn, site: Site
) -> None:
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    boris = add_person(stand_in.world, first_name="Борис", language_code="ru")
    await file_by_location(anna, CENTRE, WORDS)
    page = await site.page()
    assert "посреди дороги" not in page and LABEL not in page
    assert await open311_description(site) is None

    await anna.send("/start req_1")
    assert SHOW in [label for row in anna.last_reply().buttons for label in row]
    await anna.press(SHOW)
    question = anna.last_reply()
    assert "только этот текст" in question.text and "фото не публикуются" in question.text
    assert "<i>Яма посреди дороги, машины объезжают &lt;по встречке&gt;</i>" in question.html
    agree = question.callback_data("✅ Да, показать описание")
    assert agree is not None
    await boris.send("/start")
    await press_data(stand_in, boris, agree)  # someone else's (forwarded or forged) press
    assert boris.last_alert().text == ONLY_THE_AUTHOR
    assert "посреди дороги" not in await site.page()
    await press_data(stand_in, boris, agree.replace(":1:", ":404:"))  # no such request
    assert boris.last_alert().text == "Заявка не найдена среди ваших."

    await anna.press("✅ Да, показать описание")
    assert anna.last_alert().text == "Описание видно на публичной странице."
    card = anna.last_reply()
    assert "🌐 Ваше описание видно на публичной странице заявки." in card.text
    assert HIDE in [label for row in card.buttons for label in row]
    answer = await site.client.get(PAGE)
    page = await answer.text()
    assert LABEL in page and "машины объезжают &lt;по встречке&gt;" in page
    assert "Анна" not in page and answer.headers["Cache-Control"] == "no-store"
    assert await open311_description(site) == WORDS

    hide = card.callback_data(HIDE)
    assert hide is not None
    await press_data(stand_in, boris, hide)
    assert boris.last_alert().text == ONLY_THE_AUTHOR
    assert LABEL in await site.page()

    await anna.press(HIDE)
    assert anna.last_alert().text == "Описание скрыто с публичной страницы."
    assert SHOW in [label for row in anna.last_reply().buttons for label in row]
    page = await site.page()
    assert "посреди дороги" not in page and LABEL not in page
    assert await open311_description(site) is None


async def test_a_follower_sees_no_such_button(stand_in: BotApiStandIn, site: Site) -> None:
    anna = add_person(stand_in.world, first_name="Анна", language_code="ru")
    boris: Person = add_person(stand_in.world, first_name="Борис", language_code="ru")
    await file_by_location(anna, CENTRE, WORDS)
    await boris.send("/start")
    await boris.send("/report")
    await boris.press("Дороги и тротуары")
    await boris.share_location(*CENTRE)
    await boris.press("Пропустить")
    await boris.send("Та же яма, очень опасно вечером")
    await boris.press("✅ Отправить")
    await boris.press("Присоединиться к KZN-000001")  # "me too": he follows Anna's request
    await boris.send("/start req_1")
    card = boris.last_reply()
    assert "Заявка KZN-000001" in card.text
    assert not any("описание" in label for row in card.buttons for label in row)

"""Free text outside a form is a question: answered from the FAQ, or turned into a request."""

from domain.clock import SystemClock
from domain.faq.library import FaqLibrary
from domain.faq.model import CategoryTopic
from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from storage.uow import SqlUnitOfWork
from tests.e2e.harness import RunningBot, press_data
from tests.e2e.test_report_journeys import CENTRE

VOTES = ["👍 Помогло", "👎 Не помогло"]


async def votes(bot: RunningBot) -> dict[str, tuple[int, int]]:
    assert bot.app is not None
    async with SqlUnitOfWork(bot.app.session_factory, SystemClock()) as uow:
        return await uow.faq.feedback()


def questions(buttons: list[list[str]]) -> list[str]:
    return [label.removeprefix("❓ ") for row in buttons for label in row if label[0] == "❓"]


async def test_a_question_with_typos_is_answered(anna: Person) -> None:
    await anna.send("где аплатить камуналку")

    answer = anna.last_reply()
    assert answer.html is not None
    assert answer.html.startswith("<b>Где оплатить коммунальные услуги?</b>\n\n")
    assert "Бот платежи не принимает" in answer.text
    assert answer.text.count("222-72-22") == 1  # the call centre is in the answer already
    assert "Источники: news.mail.ru, e-kazan.ru" in answer.text
    assert answer.buttons[0] == VOTES


async def test_a_vote_counts_once(anna: Person, bot: RunningBot, stand_in: BotApiStandIn) -> None:
    await anna.send("где аплатить камуналку")
    answer = anna.last_reply()
    helpful = answer.callback_data("👍 Помогло")

    await anna.press("👍 Помогло")
    assert anna.last_alert().text == "Спасибо за оценку!"
    assert answer.buttons[0] == ["✅ Спасибо за оценку"]
    assert await votes(bot) == {"pay_utilities": (1, 0)}

    await press_data(stand_in, anna, helpful)  # a replayed press
    assert "уже оценили" in anna.last_alert().text
    await anna.press("✅ Спасибо за оценку")
    assert "уже оценили" in anna.last_alert().text
    assert await votes(bot) == {"pay_utilities": (1, 0)}


async def test_not_helpful_offers_a_request_in_the_category(anna: Person, bot: RunningBot) -> None:
    await anna.send("нет воды в доме")
    assert anna.last_reply().html.startswith("<b>Что делать, если отключили воду?</b>")

    await anna.press("👎 Не помогло")
    offer = anna.last_reply()
    assert "Жаль, что не помогло" in offer.text
    assert offer.buttons == [["📝 Сообщить о проблеме: Вода и отопление"], ["☎️ Телефоны служб"]]
    assert await votes(bot) == {"no_water": (0, 1)}
    await anna.press("📝 Сообщить о проблеме: Вода и отопление")
    assert "Категория: Вода и отопление" in anna.replies()[-2].text
    assert anna.last_reply().text.startswith("Где это?")


async def test_not_helpful_says_which_numbers_to_call(
    anna: Person, stand_in: BotApiStandIn
) -> None:
    await anna.send("нет воды в доме")
    await anna.press("👎 Не помогло")
    offer = anna.last_reply().text
    assert "позвоните по телефону:" in offer
    lines = [line for line in offer.splitlines() if line.startswith("☎️")]
    assert lines == [
        "☎️ МУП «Водоканал» (Казань) — заявки на автоцистерны с водой при отключениях: "
        "+78432316260",
        "☎️ «Открытая Казань» (заявки ЖКХ, в т.ч. отопление): +78432364123",
    ]

    john = add_person(stand_in.world, first_name="John", language_code="en")
    await john.send("no water in the house")
    await john.press("👎 Not helpful")
    offer = john.last_reply().text
    assert "☎️ MUP Vodokanal (Kazan) — ordering a water tanker during an outage: +78432316260" in (
        offer
    )


async def test_another_question_offered_is_answered_on_a_press(anna: Person) -> None:
    await anna.send("нет воды в доме")
    offered = questions(anna.last_reply().buttons)
    assert offered and "Что делать, если отключили воду?" not in offered

    await anna.press(f"❓ {offered[0]}")
    shown = anna.last_reply()
    assert shown.text.startswith(offered[0].removesuffix("…"))
    assert shown.buttons[0] == VOTES


async def test_no_match_offers_a_request_and_the_phones(anna: Person) -> None:
    await anna.send("абырвалг")
    offer = anna.last_reply()
    assert "Не нашёл ответа" in offer.text
    # whom to ask instead: the city's call centre and «Открытая Казань», numbers a tap dials
    assert "Колл-центр мэрии Казани: +78432227222" in offer.text
    assert "«Открытая Казань» (заявки ЖКХ, в т.ч. отопление): +78432364123" in offer.text
    assert offer.buttons[:2] == [["📝 Сообщить о проблеме"], ["☎️ Телефоны служб"]]

    await anna.press("☎️ Телефоны служб")
    phones = anna.last_reply()
    assert phones.text.startswith("Телефоны служб")
    assert "112 — Единый номер вызова экстренных оперативных служб" in phones.text
    assert "+7 (843) 222-72-22 — Колл-центр мэрии Казани" in phones.text
    assert "Источники:" in phones.text
    assert phones.buttons == [["ℹ️ Справка", "🏠 В меню"]]

    await anna.press_in(offer, "📝 Сообщить о проблеме")
    assert "Новая заявка" in anna.last_reply().text


async def test_a_problem_described_leads_into_the_report_in_its_category(anna: Person) -> None:
    await anna.send("яма на дороге")
    await anna.press("📝 Сообщить о проблеме: Дороги и тротуары")
    assert "Категория: Дороги и тротуары" in anna.replies()[-2].text
    assert anna.last_reply().text.startswith("Где это?")  # the category step is skipped

    await anna.share_location(*CENTRE)
    await anna.press("Пропустить")
    await anna.send("Яма на проезжей части у перекрёстка")
    assert "Категория: Дороги и тротуары" in anna.last_reply().text
    await anna.press("✅ Отправить")
    assert "KZN-000001 принята" in anna.last_reply().text
    assert "до 14.12.2026" in anna.last_reply().text  # roads: 10 working days


async def test_a_problem_with_no_answer_is_offered_as_a_request(
    anna: Person, bot: RunningBot
) -> None:
    assert bot.app is not None
    # A library with no answers, only how residents describe a yard problem.
    topics = [CategoryTopic("yards", {"ru": ("яма во дворе",)})]
    library = FaqLibrary(topics)
    library.load([], 0)
    bot.app.dispatcher["faq"] = library

    await anna.send("яма во дворе")
    offer = anna.last_reply()
    assert "Похоже, это проблема в категории «Дворы и благоустройство»" in offer.text
    await anna.press("📝 Сообщить о проблеме: Дворы и благоустройство")
    assert "Категория: Дворы и благоустройство" in anna.replies()[-2].text
    assert anna.last_reply().text.startswith("Где это?")


async def test_the_information_menu_pages_through_the_questions(
    anna: Person, bot: RunningBot
) -> None:
    assert bot.app is not None
    entries = bot.app.faq.matcher.entries()
    pages = (len(entries) + 7) // 8
    assert pages > 1

    await anna.send("/start")
    await anna.press("ℹ️ Справка")
    menu = anna.last_reply()
    assert menu.text.startswith("Справка")
    assert f"Страница 1 из {pages}" in menu.text
    assert questions(menu.buttons) == [e.text("ru").question for e in entries[:8]]
    assert ["Дальше ▶️"] in menu.buttons and "☎️ Телефоны служб" in str(menu.buttons)

    await anna.press("Дальше ▶️")
    assert f"Страница 2 из {pages}" in menu.text  # the same message, edited
    assert questions(menu.buttons) == [e.text("ru").question for e in entries[8:16]]
    await anna.press("◀️ Назад")
    assert f"Страница 1 из {pages}" in menu.text

    await anna.send("/info")
    await anna.press(f"❓ {entries[0].text('ru').question}")
    assert anna.last_reply().text.startswith(entries[0].text("ru").question)


async def test_a_form_in_progress_is_not_taken_for_a_question(anna: Person) -> None:
    await anna.send("/report")
    await anna.press("Дороги и тротуары")
    await anna.share_location(*CENTRE)
    await anna.press("Пропустить")
    await anna.send("где оплатить коммуналку")  # the description step takes any text
    summary = anna.last_reply()
    assert "Проверьте заявку" in summary.text
    assert "где оплатить коммуналку" in summary.text

    await anna.send("/cancel")
    await anna.send("/report")
    await anna.send("где оплатить коммуналку")  # the category step wants a button
    assert "жду ответа на вопрос выше" in anna.last_reply().text


async def test_a_shared_answer_link_opens_the_answer(anna: Person) -> None:
    await anna.send("/start faq_no_water")
    assert anna.last_reply().html.startswith("<b>Что делать, если отключили воду?</b>")
    assert anna.last_reply().buttons[0] == VOTES
    await anna.send("/start faq_no_such_entry")
    assert "Здравствуйте" in anna.replies()[-2].text  # an unknown answer: the welcome


async def test_forged_faq_buttons_change_nothing(
    anna: Person, bot: RunningBot, stand_in: BotApiStandIn
) -> None:
    await anna.send("/info")
    await press_data(stand_in, anna, "fq:r:no_such_category:0")
    assert "кнопка устарела" in anna.last_alert().text
    await press_data(stand_in, anna, "fq:s:no_such_entry:0")
    assert "Этого ответа больше нет" in anna.last_alert().text
    await press_data(stand_in, anna, "fq:y:pay_utilities:0")  # no such button on the screen
    assert "уже оценили" in anna.last_alert().text
    assert await votes(bot) == {}

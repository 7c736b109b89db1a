"""The city's phone numbers in the reader's language: the phones screen and the phone lines
under an answer, for an English speaker (Russian names stay only in the FAQ's references)."""

from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry, FaqText
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot
from tests.e2e.test_languages import english


def phone_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("☎️")]


async def test_the_phones_screen_in_english(stand_in: BotApiStandIn, bot: RunningBot) -> None:
    john = add_person(stand_in.world, first_name="John", language_code="en")
    await john.send("/info")
    await john.press("☎️ Service phone numbers")

    phones = english(john.last_reply())
    assert phones.startswith("Service phone numbers")
    assert "112 — Single emergency number" in phones
    assert "+7 (843) 231-62-60 — MUP Vodokanal (Kazan)" in phones
    assert "+7 (843) 222-72-22 — Kazan City Hall call centre" in phones
    assert "Sources: kazved.ru" in phones
    assert john.last_reply().buttons == [["ℹ️ Information", "🏠 Menu"]]


async def test_the_phones_under_an_answer_in_english(
    stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    assert bot.app is not None
    # An entry of its own, so the FAQ's wording (which may name the phones) does not matter.
    entry = FaqEntry(
        id="tanker",
        texts={
            "ru": FaqText("Как заказать воду?", "Позвоните в Водоканал."),
            "en": FaqText("How do I get water brought?", "Call the water utility."),
        },
        contacts=("МУП «Водоканал» (Казань) — заявки на автоцистерны с водой при отключениях",),
    )
    library = FaqLibrary([])
    library.load([entry], 1)
    bot.app.dispatcher["faq"] = library
    john = add_person(stand_in.world, first_name="John", language_code="en")
    await john.send("/start faq_tanker")

    answer = english(john.last_reply())
    assert answer.startswith("How do I get water brought?")
    assert phone_lines(answer) == [
        "☎️ MUP Vodokanal (Kazan) — ordering a water tanker during an outage: +7 (843) 231-62-60"
    ]


async def test_a_question_the_faq_does_not_cover_gets_an_honest_reply_in_english(
    stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    john = add_person(stand_in.world, first_name="John", language_code="en")
    await john.send("how do i get a visa extension")

    reply = english(john.last_reply())
    assert reply.startswith("I don't know the answer to this")
    assert phone_lines(reply) == [
        "☎️ Kazan City Hall call centre: +78432227222",
        "☎️ Otkrytaya Kazan (Open Kazan): housing and utilities requests, heating included: "
        "+78432364123",
    ]

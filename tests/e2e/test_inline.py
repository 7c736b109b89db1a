"""Inline mode: "@bot вода" in any chat lists FAQ answers to share there."""

from sandbox.driver import Person
from sandbox.people import add_person
from sandbox.server import BotApiStandIn
from tests.e2e.harness import RunningBot

BOT_LINK = "https://t.me/mykazan_sandbox_bot?start=faq_"


async def test_matching_answers_listed_in_russian(anna: Person) -> None:
    record = await anna.inline_query("вода")

    assert record.answer is not None
    results = record.answer.results
    assert 1 <= len(results) <= 20
    assert "no_water" in [r["id"] for r in results[:3]]
    no_water = record.result("no_water")
    assert no_water["title"] == "Что делать, если отключили воду?"
    assert no_water["description"].startswith("Сначала проверьте /alerts")
    assert all("<" not in r.get("description", "") for r in results)  # plain text
    assert record.answer.cache_time == 60
    assert record.answer.is_personal  # the results are in the asker's language

    message = record.answer.contents["no_water"]
    assert message["text"].startswith("Что делать, если отключили воду?\n\n")
    assert message["text"].endswith("— Мой Казань")
    links = [e["url"] for e in message["entities"] if e["type"] == "text_link"]
    assert f"{BOT_LINK}no_water" in links


async def test_an_empty_query_lists_the_first_questions(anna: Person, bot: RunningBot) -> None:
    assert bot.app is not None
    record = await anna.inline_query("")
    assert record.answer is not None
    expected = [entry.id for entry in bot.app.faq.matcher.entries()[:20]]
    assert [r["id"] for r in record.answer.results] == expected


async def test_answers_in_english_for_an_english_speaker(
    stand_in: BotApiStandIn, bot: RunningBot
) -> None:
    john = add_person(stand_in.world, first_name="John", language_code="en")
    record = await john.inline_query("water is off")
    assert record.answer is not None
    assert "no_water" in [r["id"] for r in record.answer.results[:3]]
    assert record.result("no_water")["title"] == "What should I do if the water is off?"
    assert record.result("no_water")["description"].startswith("First check /alerts")


async def test_a_shared_answer_is_not_taken_for_a_question(anna: Person) -> None:
    record = await anna.inline_query("вода")
    shared = await anna.choose_inline_result(record, "no_water")
    assert shared.raw["via_bot"]["username"] == "mykazan_sandbox_bot"
    reply = anna.last_reply()
    assert "Напишите вопрос своими словами" in reply.text  # not the FAQ answer again

    await anna.send("/start faq_no_water")  # the link under a shared answer
    assert anna.last_reply().text.startswith("Что делать, если отключили воду?")

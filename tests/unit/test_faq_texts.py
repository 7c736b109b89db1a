"""The FAQ screens' texts and buttons: limits, phones, sources, the vote turned into thanks."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from domain.contacts import Contact, city_hotlines
from domain.faq.model import FaqEntry, FaqText
from handlers.common import MESSAGE_LIMIT
from handlers.faq import keyboards, texts
from handlers.faq.callbacks import FaqAction, FaqCb
from handlers.faq.inline import deep_link
from sandbox.html_text import parse_html

LOCALES = Path(__file__).resolve().parents[2] / "locales"
HOTLINE = Contact("Колл-центр мэрии Казани", "+7 (843) 222-72-22", "обращения жителей", "")
GAS = Contact("Аварийная газовая служба", "04", "запах газа", "https://kazan24.ru/gas")


@pytest.fixture(autouse=True)
def russian() -> Iterator[None]:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    with i18n.context(), i18n.use_locale("ru"):
        yield


def entry(answer: str, **changes: object) -> FaqEntry:
    values: dict[str, object] = {
        "id": "gas_smell",
        "texts": {
            "ru": FaqText("Пахнет газом — что делать?", answer),
            "en": FaqText("I smell gas", "Call <b>04</b>."),
        },
    }
    values.update(changes)
    return FaqEntry(**values)  # type: ignore[arg-type]


def test_an_answer_names_new_phones_and_links_its_sources() -> None:
    gas = entry(
        "Уйдите и звоните <b>+7 (843) 222-72-22</b>.",
        contacts=("Колл-центр мэрии Казани", "Аварийная газовая служба", "Нет такого"),
        links=("https://www.kazan24.ru/news/1", "javascript:alert(1)", "https://kzn.ru/a?b=1&c=2"),
    )
    contacts = {c.name_ru: c for c in (HOTLINE, GAS)}
    text = texts.answer(gas, "ru", contacts)

    assert text.startswith("<b>Пахнет газом — что делать?</b>\n\nУйдите и звоните")
    assert text.count("222-72-22") == 1  # the hotline is in the answer already
    assert "☎️ Аварийная газовая служба: <b>04</b>" in text
    assert '<a href="https://www.kazan24.ru/news/1">kazan24.ru</a>' in text
    assert '<a href="https://kzn.ru/a?b=1&amp;c=2">kzn.ru</a>' in text
    assert "javascript" not in text
    parse_html(text)  # Telegram can read it


def test_the_asker_language_is_used_with_russian_as_the_fallback() -> None:
    gas = entry("Звоните 04.")
    assert texts.answer(gas, "en", {}).startswith("<b>I smell gas</b>")
    assert texts.answer(gas, "tt", {}).startswith("<b>Пахнет газом")
    assert texts.first_line(gas, "en") == "Call 04."


def test_an_over_long_answer_fits_one_message() -> None:
    sources = tuple(f"https://kzn.ru/{i}" for i in range(10))
    near = entry("<b>а</b> " * 600, links=sources)  # fits, the sources do not
    text = texts.answer(near, "ru", {})
    assert len(text) <= MESSAGE_LIMIT and "Источники" not in text
    huge = entry("<b>а</b> &amp; " * 1000)
    text = texts.answer(huge, "ru", {})
    plain, _ = parse_html(text)
    assert len(plain) <= MESSAGE_LIMIT and "<b>" not in text and "&amp;" in text


def test_a_shared_answer_is_signed_with_a_link_back() -> None:
    link = deep_link("mykazan_bot", "gas_smell")
    assert link == "https://t.me/mykazan_bot?start=faq_gas_smell"
    text = texts.shared_answer(entry("Звоните 04."), "ru", link)
    assert text.endswith(f'— <a href="{link}">Мой Казань</a>')
    assert deep_link("mykazan_bot", "x" * 61) is None  # over the 64 characters of ?start=
    assert deep_link(None, "gas_smell") is None


def test_a_vote_turns_the_two_buttons_into_thanks() -> None:
    gas = entry("Звоните 04.")
    others = [entry("Другое", id="no_power")]
    markup = keyboards.answer(gas, others, None, "ru")
    labels = [[b.text for b in row] for row in markup.inline_keyboard]
    assert labels == [["👍 Помогло", "👎 Не помогло"], ["❓ Пахнет газом — что делать?"]]

    after = keyboards.voted(markup)
    assert [[b.text for b in row] for row in after.inline_keyboard] == [
        ["✅ Спасибо за оценку"],
        ["❓ Пахнет газом — что делать?"],
    ]
    thanks = after.inline_keyboard[0][0].callback_data
    assert thanks is not None and FaqCb.unpack(thanks).action is FaqAction.VOTED
    assert not keyboards.is_vote("mn:home") and not keyboards.is_vote(None)


def test_an_id_too_long_for_a_button_gets_none() -> None:
    long_id = entry("Звоните 04.", id="x" * 62)
    markup = keyboards.answer(long_id, [long_id], None, "ru")
    assert markup.inline_keyboard == []


def test_numbers_are_written_to_be_dialled_by_a_tap() -> None:
    assert texts.dialable("+7 (843) 231-62-60") == "+78432316260"
    assert texts.dialable("8 (843) 231-62-60") == "+78432316260"
    assert texts.dialable("+7 (843) 223-19-21; +7 (843) 223-19-23") == "+78432231921, +78432231923"
    assert texts.dialable("101 / 102 / 103 / 104") == "101, 102, 103, 104"
    assert texts.dialable("112") == "112"


def test_an_unanswered_question_gets_an_honest_reply_with_the_city_hotlines() -> None:
    open_kazan = Contact(
        "«Открытая Казань» (заявки ЖКХ, в т.ч. отопление)",
        "+7 (843) 236-41-23",
        "неисправности ЖКХ",
        "",
        name_en="Otkrytaya Kazan (Open Kazan)",
    )
    hotlines = city_hotlines([GAS, open_kazan, HOTLINE])

    text = texts.nothing_found(False, hotlines, "ru")

    assert hotlines == [HOTLINE, open_kazan]  # the city's line first, the gas service not
    assert "гадать не буду" in text
    assert "<b>+78432227222</b>" in text and "<b>+78432364123</b>" in text
    assert text.index("Колл-центр") < text.index("Открытая Казань")
    assert "Может быть" not in text
    parse_html(text)  # well-formed Telegram HTML


def test_the_unanswered_reply_is_in_the_residents_language() -> None:
    i18n = I18n(path=LOCALES, default_locale="ru", domain="messages")
    open_kazan = Contact("«Открытая Казань»", "236-41-23", "", "", name_en="Open Kazan")
    with i18n.context(), i18n.use_locale("en"):
        text = texts.nothing_found(True, [open_kazan], "en")

    assert "I don't know" in text and "Open Kazan" in text
    assert "Не нашёл" not in text

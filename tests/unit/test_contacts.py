"""A contact's name and purpose in the reader's language, Russian where there is no other,
and the screens that show them."""

import pytest

from domain.contacts import Contact
from domain.faq.model import FaqEntry, FaqText
from handlers.faq import texts

pytestmark = pytest.mark.usefixtures("russian")

WATER = Contact(
    "МУП «Водоканал» (Казань)",
    "+7 (843) 231-62-60",
    "подвоз воды",
    "https://kazved.ru/a",
    name_tt="«Водоканал» МУП (Казан)",
    name_en="MUP Vodokanal (Kazan)",
    purpose_en="water by tanker",  # no Tatar purpose: Russian is shown for it
)
UNTRANSLATED = Contact("Колл-центр мэрии Казани", "+7 (843) 222-72-22", "обращения", "")


@pytest.mark.parametrize(
    ("locale", "name", "purpose"),
    [
        ("ru", "МУП «Водоканал» (Казань)", "подвоз воды"),
        ("tt", "«Водоканал» МУП (Казан)", "подвоз воды"),
        ("en", "MUP Vodokanal (Kazan)", "water by tanker"),
        ("de", "МУП «Водоканал» (Казань)", "подвоз воды"),
    ],
)
def test_a_translation_where_there_is_one_else_russian(
    locale: str, name: str, purpose: str
) -> None:
    assert WATER.name(locale) == name
    assert WATER.purpose_text(locale) == purpose


def test_an_untranslated_contact_is_shown_in_russian() -> None:
    assert UNTRANSLATED.name("en") == "Колл-центр мэрии Казани"
    assert UNTRANSLATED.purpose_text("tt") == "обращения"


def test_the_phones_screen_names_contacts_in_the_reader_language() -> None:
    text = texts.contacts_list([WATER, UNTRANSLATED], "en")

    assert "<b>+7 (843) 231-62-60</b> — MUP Vodokanal (Kazan)\n<i>water by tanker</i>" in text
    assert "<b>+7 (843) 222-72-22</b> — Колл-центр мэрии Казани\n<i>обращения</i>" in text
    assert "МУП" not in text and "подвоз" not in text


def test_the_phone_lines_under_an_answer_use_the_asker_language() -> None:
    entry = FaqEntry(
        id="no_water",
        texts={"ru": FaqText("Нет воды", "Проверьте /alerts."), "en": FaqText("No water", "See")},
        contacts=("МУП «Водоканал» (Казань)",),  # entries refer to contacts by the Russian name
    )
    by_name = {WATER.name_ru: WATER}

    assert "☎️ MUP Vodokanal (Kazan): <b>+7 (843) 231-62-60</b>" in texts.answer(
        entry, "en", by_name
    )
    assert "☎️ «Водоканал» МУП (Казан): <b>+7 (843) 231-62-60</b>" in texts.answer(
        entry, "tt", by_name
    )

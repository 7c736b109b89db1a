"""Normalisation of questions and FAQ phrases: what the matcher compares."""

import pytest

from domain.faq.normalize import (
    is_question,
    names_a_place,
    query_stems,
    stem,
    stems,
    tatar_stem,
    words,
)


def test_lower_case_yo_and_punctuation() -> None:
    assert words("Ещё раз: ГДЕ оплатить ЖКХ?!") == ["еще", "раз", "где", "оплатить", "жкх"]
    assert words("Всё, дерево упало...") == words("все дерево упало")


def test_latin_look_alikes_inside_a_russian_word_become_cyrillic() -> None:
    assert words("гдe аплатить") == ["где", "аплатить"]  # the e in "гдe" is Latin
    assert words("no water") == ["no", "water"]  # a wholly Latin word stays Latin


@pytest.mark.parametrize("form", ["ямы", "яма", "ямой", "ям", "ямах"])
def test_russian_word_forms_share_a_stem(form: str) -> None:
    assert stems(form, "ru") == stems("яму", "ru")


def test_stop_words_go_and_meaning_stays() -> None:
    assert stems("У нас во дворе не горит фонарь", "ru") == ("двор", "не", "гор", "фонар")
    assert stems("что делать, если нет воды", "ru") == ("нет", "вод")
    assert stems("How do I report a pothole?", "en") == ("report", "pothol")


def test_nothing_but_stop_words_leaves_nothing() -> None:
    assert stems("а как же?", "ru") == ()
    assert query_stems("...") == ()


@pytest.mark.parametrize(
    ("tatar", "typed"),
    [
        ("Су сүндерелсә, нишләргә?", "су сундерелсэ нишлэргэ"),
        ("җылылык юк", "жылылык юк"),
        ("Ботның телен ничек алыштырырга", "ботнын телен ничек алыштырырга"),
        ("Һәр өйдә", "хэр ойдэ"),
    ],
)
def test_tatar_letters_fold_to_what_a_russian_keyboard_types(tatar: str, typed: str) -> None:
    assert words(tatar) == typed.split()
    assert stems(tatar, "tt") == stems(typed, "tt")


def test_tatar_endings_come_off() -> None:
    assert tatar_stem("гаризамны") == "гариза"
    assert tatar_stem("гаризаны") == "гариза"
    assert tatar_stem("батареялар") == "батарея"
    assert tatar_stem("суны") == "су"
    assert tatar_stem("су") == "су"  # never below a two-letter root


def test_a_query_word_is_tried_as_russian_and_as_tatar() -> None:
    assert query_stems("гаризамны карарга") == (("гаризамн", "гариза"), ("карарг", "кар"))
    assert query_stems("ямы ямы") == (("ям", "ямы"),)  # once, though written twice
    assert query_stems("water") == (("water",),)


@pytest.mark.parametrize(
    "text",
    [
        "Куда звонить, если упало дерево",
        "когда дадут воду",
        "где оплатить",
        "ну и?",
        "можно подписаться на чужую заявку",
        "is there a number for the water company",
    ],
)
def test_questions(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "яма во дворе",
        "фонарь не горит у подъезда",
        "сосульки на крыше",
        "су юк",
        "во дворе нужно спилить сухое дерево",  # "нужно" asks only at the start
        "there is a pothole in our yard",  # so does "is"
    ],
)
def test_problem_statements_are_not_questions(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "яма у подъезда",
        "во дворе темно",
        "возле нашего дома свалка",
        "за домом мешки с мусором",
        "на улице Гагарина нет света",
        "Бауман урамында чокыр",
        "ишегалдында эскәмия ватылган",
        "broken bench in our yard",
    ],
)
def test_places_outdoors(text: str) -> None:
    assert names_a_place(text)


@pytest.mark.parametrize(
    "text",
    [
        "нет воды в доме",  # indoors
        "в квартире холодно",
        "на улице фонарь не горит",  # a street without its name: outdoors, not a place
        "дворник не чистит снег",
        "машины паркуются на газоне",
        "",
    ],
)
def test_no_place_outdoors(text: str) -> None:
    assert not names_a_place(text)


def test_parking_is_not_a_park() -> None:
    assert stem("паркуются") == stem("парковка") != stem("парке")

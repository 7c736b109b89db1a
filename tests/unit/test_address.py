"""AddressMatcher on the real street register: the case table and focused behaviours."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from domain.address import (
    ACCEPT_SCORE,
    AMBIGUITY_MARGIN,
    MIN_SCORE,
    AddressCandidate,
    AddressMatch,
    AddressMatcher,
    MatchOutcome,
    Street,
)

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "unit" / "address_cases.csv"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _streets() -> list[Street]:
    return [
        Street(
            row["name_ru"],
            row["type_ru"],
            tuple(filter(None, row["district_ru"].split(";"))),
            row["name_tt"] or None,
            i,
        )
        for i, row in enumerate(_read_csv(ROOT / "data" / "streets.csv"), start=1)
    ]


@pytest.fixture(scope="module")
def matcher() -> AddressMatcher:
    return AddressMatcher(_streets())


def _found(match: AddressMatch) -> list[tuple[str, str, str | None]]:
    return [(c.street.name, c.street.type, c.house) for c in match.candidates]


def test_case_table_is_big_and_uses_real_streets() -> None:
    rows = _read_csv(CASES)
    register = {(s.name, s.type) for s in _streets()}
    assert len(rows) >= 120
    assert {row["outcome"] for row in rows} == {"exact", "ambiguous", "not_found"}
    for row in rows:
        assert not row["expected_name"] or (row["expected_name"], row["expected_type"]) in register


@pytest.mark.parametrize("row", _read_csv(CASES), ids=lambda row: row["query"])
def test_case_table(matcher: AddressMatcher, row: dict[str, str]) -> None:
    match = matcher.match(row["query"])
    expected = (row["expected_name"], row["expected_type"], row["expected_house"] or None)
    assert match.outcome == row["outcome"], _found(match)
    if row["outcome"] == "exact":
        assert _found(match)[0] == expected
    elif row["outcome"] == "ambiguous":
        # Truly ambiguous: one street in several districts, or several close streets.
        assert expected in _found(match)
    else:
        assert match.candidates == ()


def test_house_is_never_fuzzy(matcher: AddressMatcher) -> None:
    assert {c.house for c in matcher.match("Мира 5").candidates} == {"5"}
    assert {c.house for c in matcher.match("Мира 15").candidates} == {"15"}
    assert (
        matcher.match("Мира 5").candidates[0].score == matcher.match("Мира 15").candidates[0].score
    )


def test_house_does_not_change_the_street_score(matcher: AddressMatcher) -> None:
    plain, housed = matcher.match("Копылова"), matcher.match("Копылова 3а")
    assert plain.best is not None and housed.best is not None
    assert (plain.best.street, plain.best.score) == (housed.best.street, housed.best.score)
    assert housed.best.house == "3а"


@pytest.mark.parametrize(
    ("query", "name", "house"),
    [
        ("1 Мая", "1 Мая", None),
        ("8 Марта 12", "8 Марта", "12"),
        ("25 Октября 7", "25 Октября", "7"),
        ("100-летия ТАССР 5", "100-летия ТАССР", "5"),
        ("2-я Вольская 5", "2-я Вольская", "5"),
        ("вторая вольская 5", "2-я Вольская", "5"),
        ("Вольская 2-я, 8", "2-я Вольская", "8"),
        ("1-я Вольская 12", "1-я Вольская", "12"),
        ("Ферма-2, 10", "Ферма-2", "10"),
    ],
)
def test_numbers_in_street_names(
    matcher: AddressMatcher, query: str, name: str, house: str | None
) -> None:
    best = matcher.match(query).best
    assert best is not None
    assert (best.street.name, best.house) == (name, house)


def test_wrong_ordinal_is_not_another_street(matcher: AddressMatcher) -> None:
    assert matcher.match("5-я Зеленая 1").outcome is MatchOutcome.NOT_FOUND
    assert matcher.match("3-я Вольская").outcome is MatchOutcome.NOT_FOUND


def test_missing_ordinal_offers_every_numbered_street(matcher: AddressMatcher) -> None:
    match = matcher.match("Вольская 3")
    assert match.outcome is MatchOutcome.AMBIGUOUS
    assert {c.street.name for c in match.candidates} >= {"1-я Вольская", "2-я Вольская"}


def test_street_in_several_districts_gives_one_candidate_per_district(
    matcher: AddressMatcher,
) -> None:
    match = matcher.match("Гагарина 12")
    assert match.outcome is MatchOutcome.AMBIGUOUS
    gagarina = [c for c in match.candidates if c.street.name == "Гагарина"]
    assert [c.district for c in gagarina] == ["Авиастроительный", "Московский", "Ново-Савиновский"]
    assert {(c.house, c.score) for c in gagarina} == {("12", 100.0)}


def test_district_named_in_the_query_decides(matcher: AddressMatcher) -> None:
    match = matcher.match("Мира 5, Советский район")
    assert match.outcome is MatchOutcome.EXACT
    best = match.best
    assert best is not None
    assert (best.street.name, best.house, best.district, best.score) == (
        "Мира",
        "5",
        "Советский",
        100.0,
    )
    assert matcher.match("ул. Мира 5 в Приволжском р-не").candidates[0].district == "Приволжский"


def test_type_word_prefers_that_type(matcher: AddressMatcher) -> None:
    assert {c.street.type for c in matcher.match("Победы").candidates[:3]} == {"проспект", "улица"}
    assert matcher.match("пр. Победы").candidates[0].street.type == "проспект"
    street = matcher.match("ул. Победы")
    assert (street.outcome, street.candidates[0].street.type) == (MatchOutcome.EXACT, "улица")


def test_same_name_without_type_is_ambiguous(matcher: AddressMatcher) -> None:
    match = matcher.match("Советская")
    assert match.outcome is MatchOutcome.AMBIGUOUS
    assert {c.street.type for c in match.candidates} >= {"улица", "площадь"}


@pytest.mark.parametrize(
    "query", ["", "   ", ",.;", "15", "ываыва", "qwerty asdf", "Невский проспект 28", "д. 5 кв. 3"]
)
def test_nothing_close_is_not_found(matcher: AddressMatcher, query: str) -> None:
    assert matcher.match(query) == AddressMatch(query, MatchOutcome.NOT_FOUND, ())


@pytest.mark.parametrize("query", ["а" * 10_000, "Баумана 15 " * 1_000, "ул. " * 2_500])
def test_very_long_input_is_rejected_quickly(matcher: AddressMatcher, query: str) -> None:
    start = time.perf_counter()
    assert matcher.match(query).outcome is MatchOutcome.NOT_FOUND
    assert time.perf_counter() - start < 0.05


def test_candidates_are_sorted_limited_and_scored(matcher: AddressMatcher) -> None:
    match = matcher.match("Зеленая", limit=3)
    scores = [c.score for c in match.candidates]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)
    assert all(MIN_SCORE <= s <= 100 for s in scores)
    with pytest.raises(ValueError, match="limit"):
        matcher.match("Зеленая", limit=0)


def test_exact_means_a_clear_winner(matcher: AddressMatcher) -> None:
    match = matcher.match("Бауамана 5")
    assert match.outcome is MatchOutcome.EXACT
    best, others = match.candidates[0], match.candidates[1:]
    assert best.score >= ACCEPT_SCORE
    assert all(best.score - c.score >= AMBIGUITY_MARGIN for c in others)


def test_labels() -> None:
    def label(name: str, kind: str, house: str | None = None) -> str:
        return AddressCandidate(Street(name, kind), house, None, 100.0).label()

    assert label("Баумана", "улица", "15") == "ул. Баумана, 15"
    assert label("Победы", "проспект", "12к2") == "пр-т Победы, 12к2"
    assert label("Сибирский", "тракт", "34") == "Сибирский тракт, 34"
    assert label("Кремлёвская", "набережная") == "Кремлёвская наб."
    assert label("Тукая", "площадь") == "пл. Тукая"
    assert label("Кремлёвская", "улица") == "ул. Кремлёвская"


def test_works_on_any_register() -> None:
    matcher = AddressMatcher(
        [
            Street("Лесная", "улица", ("Советский", "Приволжский"), id=1),
            Street("Лесной", "переулок", id=2),
            Street("40 лет Октября", "улица", id=3),
            Street("2-я Азинская", "улица", id=4),
        ]
    )
    lesnaya = matcher.match("Лесная 4")
    assert lesnaya.outcome is MatchOutcome.AMBIGUOUS
    assert [(c.street.id, c.district) for c in lesnaya.candidates[:2]] == [
        (1, "Приволжский"),
        (1, "Советский"),
    ]
    assert _found(matcher.match("40 лет Октября 5")) == [("40 лет Октября", "улица", "5")]
    assert _found(matcher.match("2я Азинская 7")) == [("2-я Азинская", "улица", "7")]
    assert matcher.match("Азинская 7").best == AddressCandidate(
        Street("2-я Азинская", "улица", id=4), "7", None, 90.0
    )
    assert AddressMatcher([]).match("Лесная").outcome is MatchOutcome.NOT_FOUND

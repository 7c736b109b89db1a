"""The ways residents really type an address: Latin, the wrong keyboard layout, entrance and
flat parts, house first, glued, typos, Tatar. Tuned on address_forms.csv; the held-out
table (address_holdout.csv, written before tuning) only has a floor here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from domain.address import AddressMatcher, MatchOutcome, Street
from domain.address.latin import fold_latin
from domain.address.layout import other_layout
from domain.address.normalize import split_address
from domain.address.query import genitive_forms

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "tests" / "unit" / "address_forms.csv"
HOLDOUT = ROOT / "tests" / "unit" / "address_holdout.csv"
# Top-1 street and house on forms never tuned on; measured 100 % when this was written.
HOLDOUT_FLOOR = 0.9


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def matcher() -> AddressMatcher:
    rows = _read_csv(ROOT / "data" / "streets.csv")
    return AddressMatcher(
        Street(
            row["name_ru"],
            row["type_ru"],
            tuple(filter(None, row["district_ru"].split(";"))),
            row["name_tt"] or None,
            i,
        )
        for i, row in enumerate(rows, start=1)
    )


def _top(matcher: AddressMatcher, query: str) -> tuple[str, str, str | None] | None:
    best = matcher.match(query).best
    return (best.street.name, best.street.type, best.house) if best else None


def _expected(row: dict[str, str]) -> tuple[str, str, str | None]:
    return row["expected_name"], row["expected_type"], row["expected_house"] or None


@pytest.mark.parametrize("row", _read_csv(FORMS), ids=lambda row: f"{row['form']}:{row['query']}")
def test_every_form_finds_the_street_and_house(
    matcher: AddressMatcher, row: dict[str, str]
) -> None:
    assert _top(matcher, row["query"]) == _expected(row)


def test_form_table_covers_every_form_with_tatar_and_latin() -> None:
    forms = {row["form"] for row in _read_csv(FORMS)}
    assert forms >= {
        "latin",
        "latin_tatar",
        "layout",
        "details",
        "house_first",
        "dom_po",
        "glued",
        "typos2",
        "tatar",
    }


def test_held_out_forms_stay_above_the_floor(matcher: AddressMatcher) -> None:
    rows = _read_csv(HOLDOUT)
    hits = sum(_top(matcher, row["query"]) == _expected(row) for row in rows)
    assert len(rows) >= 60
    assert hits / len(rows) >= HOLDOUT_FLOOR


@pytest.mark.parametrize(
    "query",
    [
        "Baumana 15",
        "ul. Baumana, 15",
        "Bauman Street 15",
        "ulitsa Baumana 15",
        ",fevfyf 15",
        "ифгьфтф 15",
        "15 баумана",
        "дом 15 по ул. Баумана",
        "баумана15",
        "Бауман урамы 15",
        "Bauman uramı 15",
        "Баумана 15, 2 подъезд",
    ],
)
def test_the_issue_examples_are_taken_without_asking(matcher: AddressMatcher, query: str) -> None:
    settled = matcher.match(query).settled
    assert settled is not None
    assert (settled.street.name, settled.street.type, settled.house) == ("Баумана", "улица", "15")


@pytest.mark.parametrize(
    ("query", "details"),
    [
        ("Баумана 15, 2 подъезд", "подъезд 2"),
        ("Баумана 15, 2 под.", "подъезд 2"),
        ("Баумана 15 кв 7", "кв. 7"),
        ("Баумана 15, кв. 7", "кв. 7"),
        ("Баумана 15 эт. 3", "этаж 3"),
        ("Баумана 15, домофон 12", "домофон 12"),
        ("Баумана 15-7", "кв. 7"),
        ("Baumana 15, apt 5", "кв. 5"),
        ("Baumana 15, entrance 2", "подъезд 2"),
        ("Бауман урамы 15, 3 кат", "этаж 3"),
        ("Баумана 15, подъезд 1, этаж 4, кв. 16", "подъезд 1, этаж 4, кв. 16"),
        ("Баумана 15, 2-й подъезд, 5 этаж", "подъезд 2, этаж 5"),
        ("Баумана 15", None),
    ],
)
def test_entrance_floor_flat_are_kept_as_a_note(
    matcher: AddressMatcher, query: str, details: str | None
) -> None:
    match = matcher.match(query)
    assert match.settled is not None and match.settled.house == "15"
    assert match.details == details
    assert match.settled.details == details


def test_the_note_goes_with_the_label_staff_read(matcher: AddressMatcher) -> None:
    settled = matcher.match("Баумана 15, подъезд 2, кв. 7").settled
    assert settled is not None
    assert settled.label() == "ул. Баумана, 15"
    assert settled.label_with_details() == "ул. Баумана, 15 (подъезд 2, кв. 7)"


def test_a_lone_number_before_a_marker_is_not_taken_from_the_house() -> None:
    # Alone, "2 подъезд" may be the house or the entrance: nothing is taken as a note.
    assert split_address("Баумана 2 подъезд")[2] is None
    assert split_address("Баумана 15 под 2") == ("баумана", "15", "подъезд 2")


def test_layout_is_switched_only_when_it_reads_better(matcher: AddressMatcher) -> None:
    # Right as typed: not read on the other layout.
    assert matcher.match("Pushkina 5").best is not None
    assert _top(matcher, "Pushkina 5") == ("Пушкина", "улица", "5")
    assert matcher.match(",fevfyf 15").query == ",fevfyf 15"
    # Neither reading is a street.
    for query in ("qwerty asdf", "ываыва", "Hello there 5"):
        assert matcher.match(query).outcome is MatchOutcome.NOT_FOUND


def test_other_layout() -> None:
    assert other_layout(",fevfyf 15") == "баумана 15"
    assert other_layout("ek/ ,fevfyf? 15 rd 7") == "ул. баумана, 15 кв 7"
    assert other_layout("ифгьфтф 15") == "baumana 15"
    assert other_layout("Баумана Baumana") is None  # both scripts: typed on purpose
    assert other_layout("15") is None


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("baumana", "баумана"),
        ("kremlyovskaya", "кремлевская"),
        ("kremlevskaya", "кремлевская"),
        ("pushkina", "пушкина"),
        ("sibirskiy trakt", "сибирский тракт"),
        ("chistopol'skaya", "чистопольская"),
        ("khusaina yamasheva", "хусаина ямашева"),
        ("shigabutdina mardzhani", "шигабутдина марджани"),
        ("musa jalil st", "муса джалил улица"),
        ("gorky street", "горкий улица"),
        ("pobedy ave", "победы проспект"),
        ("sovetskaya", "советская"),
        ("çistay uramı", "чистай урамы"),
        ("tuqay mäydanı", "тукай мэйданы"),
        ("baumana 15, apt 5", "баумана 15, квартира 5"),
    ],
)
def test_fold_latin(latin: str, cyrillic: str) -> None:
    assert fold_latin(latin) == cyrillic


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("пушкин", ("пушкина", "пушкиня")),
        ("горький", ("горького", "горькего")),
        ("тукай", ("тукая",)),
        ("муса", ("мусы", "муси")),
        ("декабристлар", ("декабристов", "декабристей")),
        ("мира", ("миры", "мири")),
        ("ул", ()),
        ("баумана", ("бауманы", "баумани")),
    ],
)
def test_genitive_forms(word: str, forms: tuple[str, ...]) -> None:
    assert genitive_forms(word) == forms

"""Addresses for English readers: Latin to read and say, the sign's Russian beside it."""

from datetime import UTC, datetime

import pytest
from aiogram.utils.i18n import I18n

from domain.address import AddressCandidate, AddressMatcher, Street
from domain.address.english import english_details, english_label, to_latin
from domain.alerts.subscriptions import SavedAddress
from domain.requests import Place
from handlers.alerts.texts import place_text as alert_place_text
from handlers.my_requests.texts import place_text
from handlers.reports.texts import place_set
from tests.unit.conftest import LOCALES


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Баумана", "Baumana"),
        ("Кремлёвская", "Kremlyovskaya"),
        ("Сибирский", "Sibirskiy"),
        ("Хусаина Ямашева", "Khusaina Yamasheva"),
        ("Шигабутдина Марджани", "Shigabutdina Mardzhani"),
        ("Тельмана", "Telmana"),
        ("1-я Вольская", "1-ya Volskaya"),
    ],
)
def test_to_latin(russian: str, latin: str) -> None:
    assert to_latin(russian) == latin


@pytest.mark.parametrize(
    ("street", "house", "label"),
    [
        (Street("Баумана", "улица", name_tt="Бауман урамы"), "15", "Baumana St (ул. Баумана), 15"),
        (Street("Победы", "проспект"), None, "Pobedy Ave (пр-т Победы)"),
        (
            Street("Кремлёвская", "набережная"),
            "1",
            "Kremlyovskaya Embankment (Кремлёвская наб.), 1",
        ),
        (Street("Сибирский", "тракт"), "34", "Sibirskiy Tract (Сибирский тракт), 34"),
        (Street("Тукая", "площадь"), None, "Tukaya Sq (пл. Тукая)"),
    ],
)
def test_english_candidate_labels(street: Street, house: str | None, label: str) -> None:
    candidate = AddressCandidate(street, house, None, 100.0)
    assert candidate.label("en") == label
    # A stored Russian label reads the same for an English reader.
    assert english_label(candidate.label()) == label


def test_tatar_and_russian_labels_are_unchanged() -> None:
    baumana = AddressCandidate(Street("Баумана", "улица", name_tt="Бауман урамы"), "15", None, 1)
    assert baumana.label("tt") == "Бауман урамы, 15"
    assert baumana.label("ru") == "ул. Баумана, 15"


def test_the_note_is_read_in_english_too() -> None:
    assert english_details("подъезд 2, этаж 3, кв. 7, домофон 12") == (
        "entrance 2, floor 3, apt 7, intercom 12"
    )
    assert english_label("ул. Баумана, 15 (подъезд 2, кв. 7)") == (
        "Baumana St (ул. Баумана), 15 (entrance 2, apt 7)"
    )


@pytest.mark.parametrize("label", ["55.79612, 49.10641", "Где-то у реки", ""])
def test_what_is_not_a_street_label_is_kept(label: str) -> None:
    assert english_label(label) == label


def test_the_english_label_reads_back_to_the_same_street() -> None:
    street = Street("Кремлёвская", "набережная", id=1)
    matcher = AddressMatcher([street, Street("Кремлёвская", "улица", id=2)])
    typed = AddressCandidate(street, "1", None, 100.0).label("en")
    assert matcher.match(typed).settled is not None
    assert matcher.match("Kremlyovskaya Embankment 1").best.street == street  # type: ignore[union-attr]


@pytest.fixture
def i18n() -> I18n:
    return I18n(path=LOCALES, default_locale="ru", domain="messages")


def test_places_on_screens_follow_the_readers_language(i18n: I18n) -> None:
    typed = Place("ул. Баумана, 15 (подъезд 2)", "Вахитовский", street_id=1, house="15")
    saved = SavedAddress(
        1, "Дом", "ул. Баумана · 55.79612, 49.10641", datetime.now(UTC), street_id=1
    )
    with i18n.context(), i18n.use_locale("en"):
        assert place_text(typed) == "Baumana St (ул. Баумана), 15 (entrance 2)"
        assert alert_place_text(saved, str) == "Baumana St (ул. Баумана) · 55.79612, 49.10641"
    with i18n.context(), i18n.use_locale("ru"):
        assert place_text(typed) == "ул. Баумана, 15 (подъезд 2)"
        assert alert_place_text(saved, str) == "ул. Баумана · 55.79612, 49.10641"


def test_the_chosen_place_names_its_district_once(i18n: I18n) -> None:
    # The English and Tatar district names already say "City District" / "районы".
    with i18n.context(), i18n.use_locale("en"):
        assert place_set("Pushkina St, 5", "Vakhitovsky City District") == (
            "📍 Location: Pushkina St, 5 (Vakhitovsky City District)"
        )
    with i18n.context(), i18n.use_locale("ru"):
        assert place_set("ул. Пушкина, 5", "Вахитовский") == (
            "📍 Место: ул. Пушкина, 5 (Вахитовский район)"
        )

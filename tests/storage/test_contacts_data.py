"""data/contacts.csv read into domain contacts."""

from pathlib import Path

import pytest

from storage.contacts_data import read_contacts

DATA = Path(__file__).resolve().parents[2] / "data"


def test_the_bundled_contacts_are_read_with_their_sources() -> None:
    contacts = read_contacts(DATA)

    by_name = {contact.name_ru: contact for contact in contacts}
    assert len(by_name) == len(contacts)
    assert by_name["Колл-центр мэрии Казани"].phone == "+7 (843) 222-72-22"
    emergency = by_name["Единый номер вызова экстренных оперативных служб"]
    assert emergency.phone == "112"
    assert len(emergency.sources) == 2
    assert all(url.startswith("http") for c in contacts for url in c.sources)


def test_a_row_without_a_phone_is_refused_naming_its_row(tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text(
        "name_ru,phone,purpose,scope,source_url\nГорячая линия,,вопросы,Казань,https://x.ru\n",
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match="row 1"):
        read_contacts(tmp_path)


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text("name_ru,phone\nА,1\n", encoding="utf-8")

    with pytest.raises(ValueError, match="purpose"):
        read_contacts(tmp_path)

"""data/contacts.csv's translation columns: read when present, optional in a file."""

import re
from pathlib import Path

from storage.contacts_data import read_contacts

DATA = Path(__file__).resolve().parents[2] / "data"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def test_every_bundled_contact_has_its_tatar_and_english_texts() -> None:
    contacts = read_contacts(DATA)

    assert contacts
    for contact in contacts:
        assert contact.name_tt and contact.purpose_tt, contact.name_ru
        assert contact.name_en and contact.purpose_en, contact.name_ru
        assert not CYRILLIC.search(contact.name_en + contact.purpose_en), contact.name_en
    water = next(c for c in contacts if c.phone == "+7 (843) 231-62-60")
    assert "Vodokanal" in water.name("en") and "Водоканал" in water.name("tt")


def test_a_file_without_translations_loads_in_russian(tmp_path: Path) -> None:
    (tmp_path / "contacts.csv").write_text(
        "name_ru,phone,purpose,scope,source_url\n"
        "Горячая линия,+7 (843) 000-00-00,вопросы,Казань,https://x.ru\n",
        encoding="utf-8",
    )

    [contact] = read_contacts(tmp_path)

    assert (contact.name_en, contact.purpose_tt) == ("", "")
    assert contact.name("en") == "Горячая линия" and contact.purpose_text("tt") == "вопросы"

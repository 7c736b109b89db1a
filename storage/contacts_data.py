"""data/contacts.csv: the city's emergency and hotline numbers, read as is (not stored)."""

from pathlib import Path

from domain.contacts import Contact
from storage.csv_files import read_rows

CONTACTS_FILE = Path("contacts.csv")
COLUMNS = ("name_ru", "phone", "purpose", "scope", "source_url")
# Translations: a file without them (the shared source has none) still loads, in Russian.
OPTIONAL_COLUMNS = ("name_tt", "name_en", "purpose_tt", "purpose_en")


def read_contacts(data_dir: Path) -> list[Contact]:
    """The contacts in file order; a missing column or a nameless row is a ValueError."""
    path = data_dir / CONTACTS_FILE
    contacts = []
    for number, row in enumerate(read_rows(path, COLUMNS), start=1):
        if not row["name_ru"] or not row["phone"]:
            raise ValueError(f"{path.name} row {number}: no name or phone")
        known = {name: row[name] for name in COLUMNS}
        translated = {name: row.get(name, "") for name in OPTIONAL_COLUMNS}
        contacts.append(Contact(**known, **translated))
    return contacts

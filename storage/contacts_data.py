"""data/contacts.csv: the city's emergency and hotline numbers, read as is (not stored)."""

import csv
from pathlib import Path

from domain.contacts import Contact

CONTACTS_FILE = Path("contacts.csv")
COLUMNS = ("name_ru", "phone", "purpose", "scope", "source_url")


def read_contacts(data_dir: Path) -> list[Contact]:
    """The contacts in file order; a missing column or a nameless row is a ValueError."""
    path = data_dir / CONTACTS_FILE
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        missing = [name for name in COLUMNS if name not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        contacts = []
        for row in reader:
            values = {name: (row[name] or "").strip() for name in COLUMNS}
            if not values["name_ru"] or not values["phone"]:
                raise ValueError(f"{path.name} line {reader.line_num}: no name or phone")
            contacts.append(Contact(**values))
    return contacts

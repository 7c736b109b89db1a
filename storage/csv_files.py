"""Reading the reference CSV files of data/: a header that has the required columns, cells
stripped, a byte-order mark tolerated (spreadsheet exports add one)."""

import csv
from pathlib import Path


def read_rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Every data row as {column: stripped text}; ValueError naming missing columns."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        missing = [name for name in required if name not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]

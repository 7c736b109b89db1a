"""One row of data/faq/faq.csv as an FaqEntry: shared by the seed loader and the benchmark.

Columns: id, category, contact_ids, links ("|"-separated), and per language
question_<locale>, answer_<locale>, variants_<locale> ("|"-separated; optional columns).
A language whose question is empty is left out; Russian is required.
"""

from collections.abc import Mapping

from domain.faq.model import FaqEntry, FaqText
from domain.users import DEFAULT_LOCALE

LOCALES = ("ru", "tt", "en")


def parse_faq_row(row: Mapping[str, str | None], position: int = 0) -> FaqEntry:
    texts: dict[str, FaqText] = {}
    for locale in LOCALES:
        question = _cell(row, f"question_{locale}")
        if question:
            texts[locale] = FaqText(
                question,
                _cell(row, f"answer_{locale}"),
                _items(row, f"variants_{locale}"),
            )
    entry_id = _cell(row, "id")
    if not entry_id or DEFAULT_LOCALE not in texts:
        raise ValueError(f"FAQ row {position}: an id and a Russian question are required")
    return FaqEntry(
        entry_id,
        texts,
        _cell(row, "category") or None,
        _items(row, "contact_ids"),
        _items(row, "links"),
        position,
    )


def _cell(row: Mapping[str, str | None], column: str) -> str:
    return (row.get(column) or "").strip()


def _items(row: Mapping[str, str | None], column: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in _cell(row, column).split("|") if item.strip())

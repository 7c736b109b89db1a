"""data/faq/category_topics.csv: how residents describe a problem of each request category.

One phrase per row (category, locale, phrase), so a phrase can be added without touching others.
"""

import csv
from collections import defaultdict
from pathlib import Path

from domain.faq.model import CategoryTopic

TOPICS_FILE = Path("faq") / "category_topics.csv"


def read_topics(data_dir: Path) -> list[CategoryTopic]:
    path = data_dir / TOPICS_FILE
    if not path.exists():
        return []
    phrases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            phrase = row["phrase"].strip()
            if phrase:
                phrases[row["category"].strip()][row["locale"].strip()].append(phrase)
    return [
        CategoryTopic(code, {locale: tuple(items) for locale, items in by_locale.items()})
        for code, by_locale in phrases.items()
    ]

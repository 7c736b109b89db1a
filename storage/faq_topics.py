"""data/faq/category_topics.csv: how residents describe a problem of each request category.

One phrase per row (category, locale, phrase), so a phrase can be added without touching others.
"""

from collections import defaultdict
from pathlib import Path

from domain.faq.model import CategoryTopic
from storage.csv_files import read_rows

TOPICS_FILE = Path("faq") / "category_topics.csv"
COLUMNS = ("category", "locale", "phrase")


def read_topics(data_dir: Path) -> list[CategoryTopic]:
    path = data_dir / TOPICS_FILE
    if not path.exists():
        return []
    phrases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in read_rows(path, COLUMNS):
        if row["phrase"]:
            phrases[row["category"]][row["locale"]].append(row["phrase"])
    return [
        CategoryTopic(code, {locale: tuple(items) for locale, items in by_locale.items()})
        for code, by_locale in phrases.items()
    ]

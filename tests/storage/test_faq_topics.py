"""data/faq/category_topics.csv read as the other reference files are."""

from pathlib import Path

import pytest

from storage.faq_topics import TOPICS_FILE, read_topics


def topics_file(tmp_path: Path, text: str) -> Path:
    (tmp_path / "faq").mkdir()
    (tmp_path / TOPICS_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_phrases_are_grouped_by_category_and_language_and_empty_ones_skipped(
    tmp_path: Path,
) -> None:
    data = topics_file(
        tmp_path,
        "\ufeffcategory,locale,phrase\n"  # a spreadsheet export's byte-order mark
        "roads, ru ,яма во дворе\n"
        "roads,en,pothole\n"
        "roads,ru,  \n"
        "water,ru,нет воды\n",
    )
    topics = {topic.code: topic.phrases for topic in read_topics(data)}
    assert topics == {
        "roads": {"ru": ("яма во дворе",), "en": ("pothole",)},
        "water": {"ru": ("нет воды",)},
    }


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    data = topics_file(tmp_path, "category,phrase\nroads,яма\n")
    with pytest.raises(ValueError, match="locale"):
        read_topics(data)


def test_without_the_file_there_are_no_topics(tmp_path: Path) -> None:
    assert read_topics(tmp_path) == []

"""data/faq/faq.csv seeded into the database: only what is missing, bad rows reported."""

import csv
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from domain.faq.model import FaqText
from domain.telegram_html import visible_text
from sandbox.html_text import parse_html
from storage.faq_data import FAQ_FILE, read_faq_file, seed_faq
from storage.reference_data import load_categories, load_reference_data
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW

BUNDLED = 47


def faq_dir(tmp_path: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    """A data directory with the real contacts and categories and the given FAQ rows."""
    shutil.copy(DATA_DIR / "contacts.csv", tmp_path / "contacts.csv")
    (tmp_path / "faq").mkdir()
    with (DATA_DIR / FAQ_FILE).open(encoding="utf-8", newline="") as bundled:
        columns = [*next(csv.reader(bundled)), *extra]
    with (tmp_path / FAQ_FILE).open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


def row(entry_id: str, **cells: str) -> dict[str, str]:
    values = {
        "id": entry_id,
        "contact_ids": "Колл-центр мэрии Казани",
        "question_ru": "Куда звонить?",
        "variants_ru": "куда позвонить | телефон мэрии",
        "answer_ru": "Звоните: <b>+7 (843) 222-72-22</b>",
        "links": "https://e-kazan.ru/news/show/51582",
    }
    return values | cells


async def test_the_bundled_faq_is_seeded_whole_and_a_second_run_changes_nothing(
    uow: SqlUnitOfWork,
) -> None:
    async with uow:
        first = (await load_reference_data(uow.session, DATA_DIR, NOW)).faq_entries
        await uow.commit()
    async with uow:
        revision = await uow.faq.revision()
        stored = await uow.faq.all()
        second = (await load_reference_data(uow.session, DATA_DIR, NOW)).faq_entries
        await uow.commit()

    assert (first.added, first.skipped, first.problems) == (BUNDLED, 0, ())
    assert (second.added, second.unchanged) == (0, BUNDLED)
    async with uow:
        assert await uow.faq.revision() == revision
        assert await uow.faq.all() == stored
    no_water = next(entry for entry in stored if entry.id == "no_water")
    assert no_water.category == "water_heating"
    assert set(no_water.texts) == {"ru", "tt", "en"}
    assert "отключили воду" in no_water.texts["ru"].variants
    assert [entry.id for entry in stored][:2] == ["pay_utilities", "no_water"]  # file order


async def test_an_entry_edited_through_the_api_survives_seeding(uow: SqlUnitOfWork) -> None:
    async with uow:
        await load_reference_data(uow.session, DATA_DIR, NOW)
        no_water = await uow.faq.get("no_water")
        assert no_water is not None
        edited = replace(no_water, texts={"ru": FaqText("Нет воды", "Ждите <b>до утра</b>")})
        await uow.faq.put(edited, NOW)
        await uow.faq.delete("pay_utilities")
        await uow.commit()

    async with uow:
        report = await seed_faq(uow.session, DATA_DIR, NOW)
        await uow.commit()

    async with uow:
        assert await uow.faq.get("no_water") == edited
    assert (report.added, report.unchanged) == (1, BUNDLED - 1)  # the deleted one is back


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"contact_ids": "Служба спасения"}, "contacts.0: unknown contact 'Служба спасения'"),
        ({"category": "parking"}, "category: unknown category 'parking'"),
        ({"answer_ru": "<b>Звоните"}, "texts.ru.answer: not Telegram HTML: <b> is never closed"),
        ({"answer_ru": ""}, "texts.ru.answer: 1 to 3500 characters shown"),
        ({"question_ru": ""}, "texts.ru.question: 1 to 150 characters"),
        ({"question_en": "Whom to call?"}, "texts.en.answer: 1 to 3500 characters"),
        ({"links": "e-kazan.ru"}, "links.0: an http(s) URL"),
    ],
)
async def test_a_bad_row_is_reported_with_its_reason_and_not_loaded(
    uow: SqlUnitOfWork, tmp_path: Path, cells: dict[str, str], reason: str
) -> None:
    data = faq_dir(tmp_path, [row("city_hotline"), row("bad_one", **cells)])
    async with uow:
        await load_categories(uow.session, DATA_DIR / "categories.csv")
        report = await seed_faq(uow.session, data, NOW)
        await uow.commit()

    async with uow:
        assert [entry.id for entry in await uow.faq.all()] == ["city_hotline"]
    assert (report.added, report.skipped) == (1, 1)
    assert report.problems[0].startswith(f"bad_one: {reason}")


async def test_a_row_without_an_id_is_reported_by_its_number(
    uow: SqlUnitOfWork, tmp_path: Path
) -> None:
    data = faq_dir(tmp_path, [row("city_hotline"), row("")])
    async with uow:
        await load_categories(uow.session, DATA_DIR / "categories.csv")
        report = await seed_faq(uow.session, data, NOW)

    assert report.problems == ("row 2: id: missing",)


def test_tatar_and_english_variants_are_read_when_the_file_has_them(tmp_path: Path) -> None:
    cells = {"question_tt": "Кая шалтыратырга?", "answer_tt": "<b>222-72-22</b>"}
    data = faq_dir(
        tmp_path,
        [row("city_hotline", **cells, variants_tt="мэриягә шалтырату|телефон")],
        extra=("variants_tt", "variants_en"),
    )

    (entry,) = read_faq_file(data).entries

    assert entry.texts["tt"].variants == ("мэриягә шалтырату", "телефон")
    assert entry.texts["ru"].variants == ("куда позвонить", "телефон мэрии")
    assert set(entry.texts) == {"ru", "tt"}  # no English text in the row: none taken


def test_every_bundled_answer_is_read_by_telegram_as_by_our_check() -> None:
    answers = [t.answer for e in read_faq_file(DATA_DIR).entries for t in e.texts.values()]

    assert len(answers) == BUNDLED * 3
    for answer in answers:
        assert visible_text(answer) == parse_html(answer)[0]


async def test_without_a_faq_file_nothing_is_seeded(uow: SqlUnitOfWork, tmp_path: Path) -> None:
    async with uow:
        report = await seed_faq(uow.session, tmp_path, NOW)

    assert (report.added, report.skipped) == (0, 0)

"""The FAQ's use cases on an in-memory repository."""

from datetime import UTC, datetime

import pytest

from domain.clock import FixedClock
from domain.errors import NotFound
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry, FaqText
from domain.faq.rules import MAX_ANSWER, MAX_QUESTION, InvalidFaqEntry
from domain.services.faq import (
    ImportReport,
    delete_entry,
    import_entries,
    put_entry,
    refresh_library,
    vote,
)
from tests.unit.faq_fakes import FakeFaq, FakeFaqUnitOfWork, Vote

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
NO_WATER = FaqEntry(
    "no_water",
    {"ru": FaqText("Что делать, если нет воды?", "Позвоните в <b>Водоканал</b>.", ("нет воды",))},
)


async def test_a_vote_is_counted_against_its_entry_with_the_time_and_language() -> None:
    uow = FakeFaqUnitOfWork(FakeFaq((NO_WATER,)))

    assert await vote(uow, FixedClock(NOW), "no_water", True, "tt")
    assert await vote(uow, FixedClock(NOW), "no_water", False, "ru")

    assert uow.faq.votes[0] == Vote("no_water", True, "tt", NOW)
    assert await uow.faq.feedback() == {"no_water": (1, 1)}


async def test_a_vote_for_a_deleted_entry_counts_nothing() -> None:
    uow = FakeFaqUnitOfWork(FakeFaq((NO_WATER,)))

    assert not await vote(uow, FixedClock(NOW), "gone", True, "ru")

    assert uow.faq.votes == []


async def test_an_unknown_language_is_counted_as_russian() -> None:
    uow = FakeFaqUnitOfWork(FakeFaq((NO_WATER,)))

    await vote(uow, FixedClock(NOW), "no_water", True, "de")

    assert uow.faq.votes[0].locale == "ru"


async def test_the_library_reloads_only_when_the_revision_moved() -> None:
    uow = FakeFaqUnitOfWork(FakeFaq())
    library = FaqLibrary(())

    assert await refresh_library(uow, library)  # never loaded: revision -1
    assert not await refresh_library(uow, library)
    await uow.faq.put(NO_WATER, NOW)
    assert library.matcher.entry("no_water") is None

    assert await refresh_library(uow, library)

    assert library.matcher.entry("no_water") == NO_WATER
    assert library.revision == await uow.faq.revision()


VODOKANAL = "МУП «Водоканал»"
CONTACTS = (VODOKANAL, "Колл-центр мэрии Казани")


def entry(entry_id: str = "no_water", **changes: object) -> FaqEntry:
    values: dict = {
        "id": entry_id,
        "texts": {
            "ru": FaqText("Нет воды?", "Звоните: <b>231-62-60</b>", ("нет воды",)),
            "tt": FaqText("Су юкмы?", "Шалтыратыгыз: <b>231-62-60</b>"),
        },
        "category": "roads",
        "contacts": (VODOKANAL,),
        "links": ("https://e-kazan.ru/news",),
    }
    values.update(changes)
    return FaqEntry(**values)


async def test_put_creates_then_replaces_and_moves_the_revision_each_time() -> None:
    uow = FakeFaqUnitOfWork()

    assert await put_entry(uow, FixedClock(NOW), entry(), CONTACTS)
    assert not await put_entry(uow, FixedClock(NOW), entry(position=3), CONTACTS)

    assert await uow.faq.get("no_water") == entry(position=3)
    assert await uow.faq.revision() == 2


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (entry("No Water"), "id"),
        (entry(category="parking"), "category"),
        (entry(contacts=("Служба спасения",)), "contacts.0"),
        (entry(links=("ftp://x.ru",)), "links.0"),
        (entry(position=-1), "position"),
        (entry(texts={"tt": FaqText("Су юкмы?", "Юк")}), "texts.ru"),
        (entry(texts={"ru": FaqText("Вопрос", "Ответ"), "de": FaqText("F", "A")}), "texts.de"),
        (entry(texts={"ru": FaqText("", "Ответ")}), "texts.ru.question"),
        (entry(texts={"ru": FaqText("Вопрос", "<b>Ответ")}), "texts.ru.answer"),
        (entry(texts={"ru": FaqText("Вопрос", "х" * (MAX_ANSWER + 1))}), "texts.ru.answer"),
        (entry(texts={"ru": FaqText("Вопрос", "Ответ", ("",))}), "texts.ru.variants.0"),
        (entry(texts={"ru": FaqText("В" * (MAX_QUESTION + 1), "О")}), "texts.ru.question"),
    ],
)
async def test_an_invalid_entry_is_refused_naming_the_field_and_nothing_is_stored(
    bad: FaqEntry, field: str
) -> None:
    uow = FakeFaqUnitOfWork()

    with pytest.raises(InvalidFaqEntry) as refused:
        await put_entry(uow, FixedClock(NOW), bad, CONTACTS)

    assert [problem.field for problem in refused.value.problems] == [field]
    assert uow.faq.rows == {}
    assert await uow.faq.revision() == 0


async def test_the_answer_limit_counts_what_the_reader_sees_not_the_markup() -> None:
    link = '<a href="https://e-kazan.ru/news/show/51582">{}</a>'
    answer = link.format("х" * (MAX_ANSWER - 10)) + " " + "я" * 9  # just under, markup aside
    uow = FakeFaqUnitOfWork()

    await put_entry(uow, FixedClock(NOW), entry(texts={"ru": FaqText("В", answer)}), CONTACTS)

    assert len(answer) > MAX_ANSWER
    assert await uow.faq.get("no_water") is not None


async def test_delete_removes_the_entry_and_a_missing_one_is_not_found() -> None:
    uow = FakeFaqUnitOfWork(FakeFaq((entry(),)))

    await delete_entry(uow, "no_water")

    assert uow.faq.rows == {}
    with pytest.raises(NotFound):
        await delete_entry(uow, "no_water")


async def test_seeding_adds_only_what_is_missing_and_keeps_edited_entries() -> None:
    edited = entry(position=9)
    uow = FakeFaqUnitOfWork(FakeFaq((edited,)))
    file = [entry(), entry("pay_utilities", category=None)]

    report = await import_entries(uow, FixedClock(NOW), file, CONTACTS, overwrite=False)

    assert report == ImportReport(created=1, unchanged=1)
    assert await uow.faq.get("no_water") == edited


async def test_a_reload_makes_the_file_win_for_its_ids_and_keeps_the_others() -> None:
    api_only = entry("parking_fines", category=None)
    uow = FakeFaqUnitOfWork(FakeFaq((entry(position=9), entry("pay"), api_only)))
    file = [entry(), entry("pay"), entry("new_one")]

    report = await import_entries(uow, FixedClock(NOW), file, CONTACTS, overwrite=True)

    assert report == ImportReport(created=1, updated=1, unchanged=1)
    assert await uow.faq.get("no_water") == entry()
    assert await uow.faq.get("parking_fines") == api_only


async def test_bad_and_repeated_rows_are_rejected_with_their_reasons() -> None:
    uow = FakeFaqUnitOfWork()
    file = [entry(), entry(category="parking", contacts=("Нет такого",)), entry("x")]

    report = await import_entries(uow, FixedClock(NOW), file, CONTACTS, overwrite=False)

    assert (report.created, report.unchanged) == (1, 0)
    assert [r.entry_id for r in report.rejected] == ["no_water", "x"]
    assert report.rejected[0].reasons == (
        "category: unknown category 'parking'",
        "contacts.0: unknown contact 'Нет такого'",
        "id: appears twice in the file",
    )
    assert report.rejected[1].reasons[0].startswith("id: must match")
    assert list(uow.faq.rows) == ["no_water"]

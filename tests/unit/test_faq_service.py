"""The FAQ's use cases on an in-memory repository."""

from datetime import UTC, datetime

from domain.clock import FixedClock
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry, FaqText
from domain.services.faq import refresh_library, vote
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

"""Another process's FAQ edits reach this one through the revision check job."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import FixedClock, SystemClock
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry, FaqText
from domain.services.faq import delete_entry, put_entry
from scheduler.faq_refresh import REFRESH_SECONDS, refresh_faq
from scheduler.setup import create_scheduler
from storage.engine import create_engine, create_session_factory
from storage.faq_data import load_library
from storage.reference_data import load_reference_data
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW

LAWN = FaqEntry("lawn_parking", {"ru": FaqText("Машина на газоне?", "Звоните <b>123</b>")})


async def _library(session_factory: async_sessionmaker[AsyncSession]) -> FaqLibrary:
    async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
        await load_reference_data(uow.session, DATA_DIR, NOW)
        await uow.commit()
        return await load_library(uow.faq, DATA_DIR)


async def test_a_change_made_elsewhere_is_picked_up_once(
    session_factory: async_sessionmaker[AsyncSession], db_url: str
) -> None:
    library = await _library(session_factory)
    other_process = create_engine(db_url)  # its own engine and pool, like another bot
    try:
        async with SqlUnitOfWork(create_session_factory(other_process), SystemClock()) as uow:
            await put_entry(uow, FixedClock(NOW), LAWN, contacts=())
            await delete_entry(uow, "gas_smell")
            await uow.commit()
    finally:
        await other_process.dispose()
    assert library.matcher.entry("lawn_parking") is None

    assert await refresh_faq(session_factory, FixedClock(NOW), library)
    assert not await refresh_faq(session_factory, FixedClock(NOW), library)

    assert library.matcher.entry("lawn_parking") == LAWN
    assert library.matcher.entry("gas_smell") is None
    assert library.matcher.entry("no_water") is not None


async def test_nothing_is_reloaded_while_nothing_changed(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    library = await _library(session_factory)
    matcher = library.matcher

    assert not await refresh_faq(session_factory, FixedClock(NOW), library)

    assert library.matcher is matcher


def test_the_refresh_runs_every_30_seconds_when_given_the_library(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    library = FaqLibrary(())
    scheduler = create_scheduler(session_factory, FixedClock(NOW), faq=library)

    job = scheduler.get_job("refresh_faq")

    assert job is not None and job.kwargs["library"] is library
    assert job.trigger.interval.total_seconds() == REFRESH_SECONDS == 30
    assert job.coalesce and job.max_instances == 1
    assert create_scheduler(session_factory, FixedClock(NOW)).get_job("refresh_faq") is None

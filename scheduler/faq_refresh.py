"""Keeping this process's FAQ current when another process (the admin API's, a reload)
changed the entries: a cheap revision check every REFRESH_SECONDS, a reload only on change."""

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.faq.library import FaqLibrary
from domain.services.faq import refresh_library
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)

REFRESH_SECONDS = 30  # how stale another process's FAQ may be after an edit


async def refresh_faq(
    session_factory: async_sessionmaker[AsyncSession], clock: Clock, library: FaqLibrary
) -> bool:
    """True when the library was reloaded (the stored revision had moved)."""
    async with SqlUnitOfWork(session_factory, clock) as uow:
        reloaded = await refresh_library(uow, library)
    if reloaded:
        logger.info("FAQ reloaded at revision %d", library.revision)
    return reloaded

"""The city FAQ's use cases: residents' votes, and keeping a process's library current."""

from typing import Protocol

from domain.clock import Clock
from domain.faq.library import FaqLibrary
from domain.faq.ports import FaqRepository
from domain.users import DEFAULT_LOCALE, SUPPORTED_LOCALES


class FaqUnitOfWork(Protocol):
    @property
    def faq(self) -> FaqRepository: ...


async def vote(
    uow: FaqUnitOfWork, clock: Clock, entry_id: str, helpful: bool, locale: str
) -> bool:
    """Record an anonymous "was this helpful?" answer; False when the entry has been deleted
    since it was shown (nothing to count it against)."""
    known = locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE
    return await uow.faq.add_feedback(entry_id, helpful, known, clock.now())


async def refresh_library(uow: FaqUnitOfWork, library: FaqLibrary) -> bool:
    """Reload the library when the stored revision has moved; True when it did."""
    # The revision is read before the entries: if a change lands in between, the library
    # holds newer entries under an older revision and simply reloads once more next time.
    # The other order could file old entries under the new revision and never reload.
    revision = await uow.faq.revision()
    if revision == library.revision:
        return False
    library.load(await uow.faq.all(), revision)
    return True

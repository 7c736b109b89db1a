"""The city FAQ's use cases: editing entries (admin API), importing data/faq/faq.csv,
residents' votes, and keeping a process's library current.

Every change moves the stored revision (the repository does it), which is how the other
processes learn that their library is stale (see scheduler/faq_refresh.py).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from domain.clock import Clock
from domain.errors import NotFound
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry
from domain.faq.ports import FaqRepository
from domain.faq.rules import FaqReferences, Problem, check_entry, entry_problems
from domain.ports import CategoryRepository
from domain.users import DEFAULT_LOCALE, SUPPORTED_LOCALES


class FaqUnitOfWork(Protocol):
    """The narrowest unit of work the FAQ's use cases need: the update's own (the full
    `domain.ports.UnitOfWork`) has it, and so do the FAQ's small test fakes."""

    @property
    def faq(self) -> FaqRepository: ...


class FaqEditingUnitOfWork(FaqUnitOfWork, Protocol):
    """Editing also checks categories (an entry may lead to one)."""

    @property
    def categories(self) -> CategoryRepository: ...


@dataclass(frozen=True, slots=True)
class Rejected:
    """An entry of a file that was not loaded, and why."""

    entry_id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # equal to the stored entry, or kept as stored (insert-missing mode)
    rejected: tuple[Rejected, ...] = field(default=())


async def faq_references(uow: FaqEditingUnitOfWork, contacts: Collection[str]) -> FaqReferences:
    """What entries may refer to: the given contact names and the categories on offer."""
    categories = await uow.categories.list_active()
    return FaqReferences(frozenset(contacts), frozenset(c.code for c in categories))


async def put_entry(
    uow: FaqEditingUnitOfWork, clock: Clock, entry: FaqEntry, contacts: Collection[str]
) -> bool:
    """Create or replace an entry (True: created); InvalidFaqEntry lists every problem."""
    check_entry(entry, await faq_references(uow, contacts))
    return await uow.faq.put(entry, clock.now())


async def delete_entry(uow: FaqUnitOfWork, entry_id: str) -> None:
    if not await uow.faq.delete(entry_id):
        raise NotFound(f"FAQ entry {entry_id!r}")


async def import_entries(
    uow: FaqEditingUnitOfWork,
    clock: Clock,
    entries: Sequence[FaqEntry],
    contacts: Collection[str],
    *,
    overwrite: bool,
) -> ImportReport:
    """Store a file's valid entries. `overwrite=False` (seeding at start-up) only adds the
    missing ones, so edits made through the API survive; `overwrite=True` (an explicit
    reload) makes the file win for its ids. Entries absent from the file are never touched."""
    references = await faq_references(uow, contacts)
    created = updated = unchanged = 0
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for entry in entries:
        problems = entry_problems(entry, references)
        if entry.id in seen:
            problems.append(Problem("id", "appears twice in the file"))
        seen.add(entry.id)
        if problems:
            rejected.append(Rejected(entry.id, tuple(str(p) for p in problems)))
            continue
        stored = await uow.faq.get(entry.id)
        if stored is None:
            created += await uow.faq.put(entry, clock.now())
        elif stored != entry and overwrite:
            updated += not await uow.faq.put(entry, clock.now())
        else:
            unchanged += 1
    return ImportReport(created, updated, unchanged, tuple(rejected))


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

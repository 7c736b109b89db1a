"""The FAQ's files in data/faq/: entries seeded into the database, category topics read as is.

faq.csv has one entry a row: id, category, contact_ids (names from data/contacts.csv), the
question, its variants and the answer per language (question_ru, variants_ru, answer_ru,
question_tt, variants_tt, ...; variants optional), and links. Lists are "|"-separated.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import Clock, FixedClock
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry, FaqText
from domain.faq.ports import FaqRepository
from domain.services.faq import FaqEditingUnitOfWork, ImportReport, Rejected, import_entries
from domain.users import DEFAULT_LOCALE, SUPPORTED_LOCALES
from storage.contacts_data import read_contacts
from storage.csv_files import read_rows
from storage.faq_topics import read_topics
from storage.repositories.catalog import SqlCategoryRepository
from storage.repositories.faq import SqlFaqRepository
from storage.street_register import LoadReport

logger = logging.getLogger(__name__)

FAQ_FILE = Path("faq") / "faq.csv"
COLUMNS = ("id", "category", "contact_ids", "question_ru", "answer_ru", "links")


@dataclass(frozen=True, slots=True)
class FaqFile:
    entries: list[FaqEntry]
    rejected: list[Rejected]  # rows that are not even an entry (no id)
    contacts: list[str]  # the names entries may refer to


async def load_library(faq: FaqRepository, data_dir: Path) -> FaqLibrary:
    library = FaqLibrary(read_topics(data_dir))
    revision = await faq.revision()  # before the entries: see services.faq.refresh_library
    library.load(await faq.all(), revision)
    return library


async def seed_faq(session: AsyncSession, data_dir: Path, now: datetime) -> LoadReport:
    """Add the file's entries the database lacks (insert-missing: an entry edited through the
    admin API is never overwritten by a restart). Bad rows are logged and counted as skipped.

    Categories must be loaded first (an entry may lead to one)."""
    if not (data_dir / FAQ_FILE).exists():
        return LoadReport()
    report = await import_faq_file(_Repositories(session), FixedClock(now), data_dir, False)
    for rejected in report.rejected:
        logger.warning("%s: %s not loaded: %s", FAQ_FILE, rejected.entry_id, rejected.reasons)
    return LoadReport(
        added=report.created,
        unchanged=report.unchanged,
        skipped=len(report.rejected),
        problems=tuple(f"{r.entry_id}: {'; '.join(r.reasons)}" for r in report.rejected),
    )


async def import_faq_file(
    uow: FaqEditingUnitOfWork, clock: Clock, data_dir: Path, overwrite: bool
) -> ImportReport:
    """data/faq/faq.csv through the import use case; ValueError when the file is unusable."""
    faq_file = read_faq_file(data_dir)
    report = await import_entries(
        uow, clock, faq_file.entries, faq_file.contacts, overwrite=overwrite
    )
    return ImportReport(
        report.created,
        report.updated,
        report.unchanged,
        (*faq_file.rejected, *report.rejected),
    )


def read_faq_file(data_dir: Path) -> FaqFile:
    entries: list[FaqEntry] = []
    rejected: list[Rejected] = []
    for number, row in enumerate(read_rows(data_dir / FAQ_FILE, COLUMNS), start=1):
        if row["id"]:
            entries.append(entry_from_row(row, number - 1))
        else:
            rejected.append(Rejected(f"row {number}", ("id: missing",)))
    return FaqFile(entries, rejected, [c.name_ru for c in read_contacts(data_dir)])


def entry_from_row(row: dict[str, str], position: int) -> FaqEntry:
    """One row as an entry, as written (checked later by the FAQ's rules); a language other
    than Russian is taken only when the row has text in it."""
    texts = {}
    for locale in SUPPORTED_LOCALES:
        text = FaqText(
            row.get(f"question_{locale}", ""),
            row.get(f"answer_{locale}", ""),
            _split(row.get(f"variants_{locale}", "")),
        )
        if locale == DEFAULT_LOCALE or text.question or text.answer or text.variants:
            texts[locale] = text
    return FaqEntry(
        id=row["id"],
        texts=texts,
        category=row["category"] or None,
        contacts=_split(row["contact_ids"]),
        links=_split(row["links"]),
        position=position,
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


class _Repositories:
    """What the import use case needs, on a bare session (reference loading has no unit of
    work: its caller owns the transaction)."""

    def __init__(self, session: AsyncSession) -> None:
        self.faq = SqlFaqRepository(session)
        self.categories = SqlCategoryRepository(session)

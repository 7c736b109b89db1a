"""The FAQ's files in data/faq/: entries seeded into the database, category topics read as is."""

from pathlib import Path

from domain.faq.library import FaqLibrary
from domain.faq.ports import FaqRepository
from storage.faq_topics import read_topics


async def load_library(faq: FaqRepository, data_dir: Path) -> FaqLibrary:
    library = FaqLibrary(read_topics(data_dir))
    library.load(await faq.all(), await faq.revision())
    return library

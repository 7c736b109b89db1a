"""The FAQ's files in data/faq/: entries seeded into the database, category topics read as is."""

from pathlib import Path

from domain.faq.library import FaqLibrary
from domain.faq.model import CategoryTopic
from domain.faq.ports import FaqRepository


def read_topics(data_dir: Path) -> list[CategoryTopic]:
    """The phrases that describe each problem category (none until the file exists)."""
    return []


async def load_library(faq: FaqRepository, data_dir: Path) -> FaqLibrary:
    library = FaqLibrary(read_topics(data_dir))
    library.load(await faq.all(), await faq.revision())
    return library

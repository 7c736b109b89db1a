"""An in-memory FAQ repository, honest about revisions and votes, for FAQ service tests."""

from dataclasses import dataclass, field
from datetime import datetime

from domain.faq.model import FaqEntry
from tests.unit.fakes import ROADS, WASTE, FakeCategories


@dataclass(frozen=True, slots=True)
class Vote:
    entry_id: str
    helpful: bool
    locale: str
    at: datetime


class FakeFaq:
    def __init__(self, entries: tuple[FaqEntry, ...] = ()) -> None:
        self.rows = {entry.id: entry for entry in entries}
        self.votes: list[Vote] = []
        self.moves = 0  # how often the revision moved

    async def all(self) -> list[FaqEntry]:
        return sorted(self.rows.values(), key=lambda e: (e.position, e.id))

    async def get(self, entry_id: str) -> FaqEntry | None:
        return self.rows.get(entry_id)

    async def put(self, entry: FaqEntry, at: datetime) -> bool:
        created = entry.id not in self.rows
        self.rows[entry.id] = entry
        self.moves += 1
        return created

    async def delete(self, entry_id: str) -> bool:
        if self.rows.pop(entry_id, None) is None:
            return False
        self.moves += 1
        return True

    async def revision(self) -> int:
        return self.moves

    async def add_feedback(self, entry_id: str, helpful: bool, locale: str, at: datetime) -> bool:
        if entry_id not in self.rows:
            return False
        self.votes.append(Vote(entry_id, helpful, locale, at))
        return True

    async def feedback(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, tuple[int, int]] = {}
        for vote in self.votes:
            yes, no = counts.get(vote.entry_id, (0, 0))
            counts[vote.entry_id] = (yes + vote.helpful, no + (not vote.helpful))
        return counts


@dataclass
class FakeFaqUnitOfWork:
    faq: FakeFaq = field(default_factory=FakeFaq)
    categories: FakeCategories = field(default_factory=lambda: FakeCategories((ROADS, WASTE)))
    commits: int = 0

    async def commit(self) -> None:
        self.commits += 1

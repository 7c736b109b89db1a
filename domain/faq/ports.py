"""What the FAQ needs from storage."""

from datetime import datetime
from typing import Protocol

from domain.faq.model import FaqEntry


class FaqRepository(Protocol):
    async def all(self) -> list[FaqEntry]: ...
    async def get(self, entry_id: str) -> FaqEntry | None: ...
    async def put(self, entry: FaqEntry, at: datetime) -> bool: ...  # True when created
    async def delete(self, entry_id: str) -> bool: ...
    async def revision(self) -> int: ...
    async def add_feedback(
        self, entry_id: str, helpful: bool, locale: str, at: datetime
    ) -> bool: ...
    async def feedback(self) -> dict[str, tuple[int, int]]: ...  # id -> (helpful, not helpful)

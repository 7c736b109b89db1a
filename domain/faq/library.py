"""The FAQ in effect in this process, swapped whole when the entries change."""

from collections.abc import Sequence

from domain.faq.matcher import FaqMatcher
from domain.faq.model import CategoryTopic, FaqEntry


class FaqLibrary:
    """Handlers read `matcher`; a reload builds a new matcher and swaps the reference, so a
    question being answered meanwhile sees either the old FAQ or the new one, never a mix."""

    def __init__(self, topics: Sequence[CategoryTopic]) -> None:
        self._topics = tuple(topics)
        self._matcher = FaqMatcher((), self._topics)
        self.revision = -1  # nothing loaded yet

    @property
    def matcher(self) -> FaqMatcher:
        return self._matcher

    @property
    def topics(self) -> tuple[CategoryTopic, ...]:
        return self._topics

    def load(self, entries: Sequence[FaqEntry], revision: int) -> None:
        self._matcher = FaqMatcher(entries, self._topics)
        self.revision = revision

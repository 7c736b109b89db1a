"""Matching a free-text question against the FAQ and the problem categories.

A first version (plain rapidfuzz over lower-cased text); normalisation and tuning follow.
"""

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from domain.faq.model import CategoryTopic, FaqAnswer, FaqEntry, FaqHit

MATCH_THRESHOLD = 70.0  # the best entry must score this much to be shown as the answer
CATEGORY_THRESHOLD = 75.0  # a problem description must score this much to offer a request
OTHERS = 2  # alternatives offered as buttons


class FaqMatcher:
    def __init__(self, entries: Sequence[FaqEntry], topics: Sequence[CategoryTopic]) -> None:
        self._entries = {entry.id: entry for entry in entries}
        self._phrases: list[str] = []
        self._owners: list[str] = []
        for entry in entries:
            for text in entry.texts.values():
                for phrase in (text.question, *text.variants):
                    self._phrases.append(phrase.lower())
                    self._owners.append(entry.id)
        self._topic_phrases: list[str] = []
        self._topic_owners: list[str] = []
        for topic in topics:
            for phrases in topic.phrases.values():
                for phrase in phrases:
                    self._topic_phrases.append(phrase.lower())
                    self._topic_owners.append(topic.code)

    def entry(self, entry_id: str) -> FaqEntry | None:
        return self._entries.get(entry_id)

    def entries(self) -> list[FaqEntry]:
        return sorted(self._entries.values(), key=lambda e: (e.position, e.id))

    def search(self, text: str, locale: str, limit: int = 10) -> list[FaqHit]:
        best: dict[str, float] = {}
        for _, score, index in process.extract(
            text.lower(), self._phrases, scorer=fuzz.WRatio, limit=limit * 5
        ):
            owner = self._owners[index]
            best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return [FaqHit(self._entries[entry_id], score) for entry_id, score in ranked]

    def answer(self, text: str, locale: str) -> FaqAnswer:
        hits = self.search(text, locale, limit=OTHERS + 1)
        category = None
        found = process.extractOne(text.lower(), self._topic_phrases, scorer=fuzz.WRatio)
        if found is not None and found[1] >= CATEGORY_THRESHOLD:
            category = self._topic_owners[found[2]]
        if hits and hits[0].score >= MATCH_THRESHOLD:
            return FaqAnswer(hits[0], tuple(hits[1:]), category)
        return FaqAnswer(None, tuple(hits[:OTHERS]), category)

"""How residents rate the FAQ's answers: the entries they find least helpful come first."""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntryFeedback:
    entry_id: str
    helpful: int
    not_helpful: int

    @property
    def votes(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def unhelpful_share(self) -> float:
        return self.not_helpful / self.votes if self.votes else 0.0


def worst_first(feedback: Mapping[str, tuple[int, int]]) -> list[EntryFeedback]:
    """Entries with at least one vote, by the share of "not helpful" votes; at an equal share
    the one more people found unhelpful first (3 of 3 is surer than 1 of 1)."""
    rated = [
        EntryFeedback(entry_id, helpful, not_helpful)
        for entry_id, (helpful, not_helpful) in feedback.items()
        if helpful + not_helpful > 0
    ]
    return sorted(rated, key=lambda f: (-f.unhelpful_share, -f.not_helpful, f.entry_id))

"""Scoring the matcher against a labelled set of questions (the benchmark and a guard test).

A label is an FAQ id, "none" (nothing fits: offer a request or the contacts), or
"category:<code>" (the text describes a problem: offer a request in that category).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from domain.faq.model import FaqAnswer

NONE = "none"
CATEGORY_PREFIX = "category:"


@dataclass(frozen=True, slots=True)
class LabelledQuestion:
    question: str
    expected: str
    locale: str

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> "LabelledQuestion":
        return cls(row["question"].strip(), row["expected_id"].strip(), row["locale"].strip())

    @property
    def kind(self) -> str:
        """faq, category or none."""
        if self.expected == NONE:
            return NONE
        return "category" if self.expected.startswith(CATEGORY_PREFIX) else "faq"


def prediction(answer: FaqAnswer) -> str:
    """The answer as a label: the entry shown, else the category offered, else none."""
    if answer.best is not None:
        return answer.best.entry.id
    if answer.category is not None:
        return CATEGORY_PREFIX + answer.category
    return NONE


def offered(answer: FaqAnswer) -> set[str]:
    """Every label the resident can reach with one tap: the answer, the buttons, the category."""
    labels = {prediction(answer)} | {hit.entry.id for hit in answer.others}
    if answer.category is not None:
        labels.add(CATEGORY_PREFIX + answer.category)
    return labels

"""Scoring the matcher against a labelled set of questions (the benchmark and a guard test).

A label is an FAQ id, "none" (nothing fits: offer a request or the contacts), or
"category:<code>" (the text describes a problem: offer a request in that category).
"""

from collections.abc import Callable, Mapping, Sequence
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


@dataclass(frozen=True, slots=True)
class Scores:
    """How a matcher did on a labelled set.

    top-1: the share of questions whose prediction is their label ("none" included: saying
    "I don't know" to an off-topic question is right). Precision: the share of right ones
    among the questions that got something (an entry or a category), so a confident wrong
    entry costs precision while an honest "I don't know" does not."""

    questions: int
    right: int
    given: int  # questions answered with an entry or offered a category
    given_right: int

    @property
    def top1(self) -> float:
        return self.right / self.questions if self.questions else 0.0

    @property
    def precision(self) -> float:
        return self.given_right / self.given if self.given else 1.0

    @property
    def wrong_given(self) -> int:
        return self.given - self.given_right


def scores(
    answer: Callable[[str, str], FaqAnswer], questions: Sequence[LabelledQuestion]
) -> Scores:
    right = given = given_right = 0
    for q in questions:
        got = prediction(answer(q.question, q.locale))
        right += got == q.expected
        if got != NONE:
            given += 1
            given_right += got == q.expected
    return Scores(len(questions), right, given, given_right)

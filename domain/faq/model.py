"""FAQ entries, the problem categories a question may describe, and match results."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.users import DEFAULT_LOCALE


@dataclass(frozen=True, slots=True)
class FaqText:
    question: str
    answer: str  # Telegram HTML (<b>, <a href>), checked when an entry is saved
    variants: tuple[str, ...] = ()  # other ways residents ask the same thing


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str  # a stable slug such as "no_water"; buttons and the API refer to it
    texts: Mapping[str, FaqText]  # by locale; Russian is always present
    category: str | None = None  # a request category the question leads to, if any
    contacts: tuple[str, ...] = ()  # contact names from data/contacts.csv
    links: tuple[str, ...] = ()
    position: int = 0  # order in lists (inline mode with an empty query)

    def text(self, locale: str) -> FaqText:
        return self.texts.get(locale) or self.texts[DEFAULT_LOCALE]


@dataclass(frozen=True, slots=True)
class CategoryTopic:
    """What residents write when they describe a problem of one category ("яма во дворе")."""

    code: str
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by locale


@dataclass(frozen=True, slots=True)
class FaqHit:
    entry: FaqEntry
    score: float  # 0..100, comparable with the matcher's thresholds
    explains: float = 1.0  # the weighted share of the question's words the entry explains
    typical: float = 1.0  # the same, each word counted by the share of phrases that have it


@dataclass(frozen=True, slots=True)
class FaqAnswer:
    """What the bot makes of a free-text message."""

    best: FaqHit | None  # the answer to show, when it clears the threshold
    others: tuple[FaqHit, ...]  # up to two more, offered as buttons
    category: str | None  # a problem category the text describes: offer to file a request

    @property
    def understood(self) -> bool:
        return self.best is not None or self.category is not None

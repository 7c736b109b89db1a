"""An index of stemmed phrases, built once, that scores a question against every owner.

An owner is an FAQ entry or a problem category; it has several phrases (question, variants,
all languages). A question is scored against a phrase by weighted coverage both ways:

- query coverage: how much of what the resident wrote the phrase explains;
- phrase coverage: how much of the phrase the resident wrote.

Words are weighted by rarity across owners (idf), so "заявка", shared by ten entries, counts
less than "отозвать". A word of the question the index has never seen (a street name, "уже")
weighs `UNKNOWN_WEIGHT` times an average word: enough that "как доехать до аэропорта" matches
nothing, little enough that "яма на Победы" still matches "яма". Two words match when they
are equal, fuzzy-equal (a typo) or one begins the other (a Tatar or Russian ending).
An owner's query coverage counts a word covered by any of its phrases ("сломали лавочку во
дворе": "лавочка" in one variant, "двор" in another); its phrase coverage is its best
phrase's. The score is their weighted mean, 0..100; the matcher also reads query coverage
alone (an answer must explain enough of what was asked), and how typical the question's words
are of the owner (the share of its phrases that have them) to settle close scores.
A street with its name ("на проспекте Победы") weighs no more than an unknown word: it says
where the problem is, not what it is, even when a word of it is in a phrase ("Арт-проспект").
"""

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from domain.faq.normalize import address_stems, query_stems, stems

WORD_CUTOFF = 78.0  # fuzz.ratio from which two stems are one word with a typo
FUZZY_MIN_LENGTH = 4  # shorter stems ("ям", "су") match only exactly or as a prefix
PREFIX_MIN_LENGTH = 3
PREFIX_MIN_SIMILARITY = 0.8
UNKNOWN_WEIGHT = 0.5
QUERY_SHARE = 0.5  # the weight of query coverage in the score; the rest is phrase coverage


@dataclass(frozen=True, slots=True)
class Coverage:
    """How well an owner explains a question: both ways, 0..1 each."""

    query: float  # the weighted share of the question's words its phrases explain
    phrase: float  # its best phrase's weighted share found in the question
    # The weighted share of the question's words, each counted by the share of the owner's
    # phrases that have it: how much the owner is ABOUT those words rather than mentions one
    # in passing ("заявка" is in most phrases on withdrawing one, in one on personal data).
    typical: float = 0.0

    @property
    def score(self) -> float:
        """0..100, comparable with the matcher's thresholds."""
        return 100.0 * (QUERY_SHARE * self.query + (1 - QUERY_SHARE) * self.phrase)


@dataclass(frozen=True, slots=True)
class _Phrase:
    owner: int
    stems: tuple[str, ...]
    weights: tuple[float, ...]
    total: float


class PhraseIndex:
    def __init__(self, phrases: Iterable[tuple[int, str, str]]) -> None:
        """`phrases`: (owner number, text, locale); owners are numbered by the caller."""
        parsed = [(owner, stems(text, locale)) for owner, text, locale in phrases]
        self._idf = _idf(parsed)
        self._vocabulary = sorted(self._idf)
        self._mean_idf = sum(self._idf.values()) / len(self._idf) if self._idf else 1.0
        self._phrases: list[_Phrase] = []
        self._phrase_count: dict[int, int] = defaultdict(int)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for owner, phrase_stems in parsed:
            if not phrase_stems:
                continue
            weights = tuple(self._idf[s] for s in phrase_stems)
            for s in phrase_stems:
                self._postings[s].append(len(self._phrases))
            self._phrases.append(_Phrase(owner, phrase_stems, weights, sum(weights)))
            self._phrase_count[owner] += 1

    def scores(self, text: str) -> dict[int, Coverage]:
        """Each owner with any word in common with the text, and how well it covers it."""
        query = query_stems(text)
        where = address_stems(text)
        similar = [self._similar(forms) for forms in query]
        weights = [
            self._weight(forms, found, bool(where.intersection(forms)))
            for forms, found in zip(query, similar, strict=True)
        ]
        # vocabulary word -> [(query word number, similarity)]
        hits: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, found in enumerate(similar):
            for word, similarity in found.items():
                hits[word].append((number, similarity))
        covered: dict[int, list[float]] = {}  # owner -> best similarity of each query word
        phrase_part: dict[int, float] = {}  # owner -> its best phrase coverage
        having: dict[int, list[float]] = {}  # owner -> phrases covering each query word
        for index in sorted({p for word in hits for p in self._postings[word]}):
            phrase = self._phrases[index]
            owner_covered = covered.setdefault(phrase.owner, [0.0] * len(query))
            owner_having = having.setdefault(phrase.owner, [0.0] * len(query))
            part = self._cover(phrase, hits, owner_covered, owner_having)
            phrase_part[phrase.owner] = max(phrase_part.get(phrase.owner, 0.0), part)
        total = sum(weights)
        return {
            owner: Coverage(
                sum(w * c for w, c in zip(weights, owner_covered, strict=True)) / total,
                phrase_part[owner],
                sum(w * h for w, h in zip(weights, having[owner], strict=True))
                / (total * self._phrase_count[owner]),
            )
            for owner, owner_covered in covered.items()
        }

    @staticmethod
    def _cover(
        phrase: _Phrase,
        hits: dict[str, list[tuple[int, float]]],
        covered: list[float],
        having: list[float],
    ) -> float:
        """The phrase's weighted share found in the query; marks the query words it covers
        (`covered`: best similarity, `having`: one more phrase with the word)."""
        found = 0.0
        best: dict[int, float] = {}
        for word, weight in zip(phrase.stems, phrase.weights, strict=True):
            matched = 0.0
            for number, similarity in hits.get(word, ()):
                covered[number] = max(covered[number], similarity)
                best[number] = max(best.get(number, 0.0), similarity)
                matched = max(matched, similarity)
            found += weight * matched
        for number, similarity in best.items():
            having[number] += similarity
        return found / phrase.total

    def _similar(self, forms: tuple[str, ...]) -> dict[str, float]:
        """Vocabulary words that stand for a query word, with a similarity in 0..1."""
        found: dict[str, float] = {}
        for word in forms:
            for other, similarity in self._similar_to(word).items():
                found[other] = max(found.get(other, 0.0), similarity)
        return found

    def _similar_to(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if len(word) >= FUZZY_MIN_LENGTH:
            for other, score, _ in process.extract(
                word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
            ):
                found[other] = (score / 100.0) ** 2  # one typo in five letters: 0.64
        if len(word) >= PREFIX_MIN_LENGTH:
            for other in self._prefixed(word):
                # "гариза" in "гаризамны" 0.82, "отключ" in "отключен" 0.87; "парк" in "паркуют"
                # 0.76 and "свет" in "светофор" 0.71 are other words.
                similarity = math.sqrt(min(len(word), len(other)) / max(len(word), len(other)))
                if similarity >= PREFIX_MIN_SIMILARITY:
                    found[other] = max(found.get(other, 0.0), similarity)
        if word in self._idf:
            found[word] = 1.0
        return found

    def _prefixed(self, word: str) -> Iterable[str]:
        """Vocabulary words that begin with `word`, and those that `word` begins with."""
        start = bisect_left(self._vocabulary, word)
        for other in self._vocabulary[start:]:
            if not other.startswith(word):
                break
            yield other
        for end in range(PREFIX_MIN_LENGTH, len(word)):
            if word[:end] in self._idf:
                yield word[:end]

    def _weight(self, forms: tuple[str, ...], found: dict[str, float], address: bool) -> float:
        """A word's weight: its rarity; a word the index does not know, or a street's name
        and "проспект" before it, weighs `UNKNOWN_WEIGHT` of an average word (or less):
        an address says where the problem is, not what it is."""
        unknown = UNKNOWN_WEIGHT * self._mean_idf
        if address:
            return min(unknown, self._weight(forms, found, False))
        exact = [self._idf[word] for word in forms if word in self._idf]
        if exact:
            return max(exact)
        if found:
            return max(self._idf[other] * similarity for other, similarity in found.items())
        return unknown


def _idf(parsed: Sequence[tuple[int, tuple[str, ...]]]) -> dict[str, float]:
    owners_of: dict[str, set[int]] = defaultdict(set)
    for owner, phrase_stems in parsed:
        for s in phrase_stems:
            owners_of[s].add(owner)
    count = len({owner for owner, _ in parsed})
    return {s: math.log(1 + count / len(owners)) for s, owners in owners_of.items()}

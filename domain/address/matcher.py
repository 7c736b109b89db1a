"""Matching typed addresses against the street register."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from rapidfuzz import fuzz, process

from domain.address.layout import other_layout
from domain.address.model import AddressCandidate, AddressMatch, MatchOutcome, Street
from domain.address.query import ParsedQuery, district_stem, genitive_forms, parse_query
from domain.address.scoring import StreetKey, key_score, street_keys

# Thresholds were tuned on tests/unit/address_cases.csv (real spellings) and two sweeps
# over the 546-street register: the streets of other cities (82 Moscow, St Petersburg,
# Odessa, Kyiv names) and random one- and two-letter typos of every name (the benchmark
# repeats the typo sweep).
# Below MIN_SCORE nothing is offered: most other cities' streets score under it
# ("Дерибасовская" ~ Борисковская 72), a one-typo four-letter word ("Мтра") reaches it.
MIN_SCORE: Final = 75.0
# From ACCEPT_SCORE on, a clear winner is taken without asking: one typo in a word of 7+
# letters (88-96), a surname short form (95), a first name the register omits ("Льва
# Толстого" 92). The register holds about 23 % of the city, so a near miss of a street it
# lacks ("Смоленская" ~ Ленская 82, "Боткина" ~ Заботина 80) is offered, not assumed.
ACCEPT_SCORE: Final = 85.0
# A winner must lead the next street (or the same street in another district) by this
# much. The penalties in `scoring` are sized around it; see the notes there.
AMBIGUITY_MARGIN: Final = 8.0
# Candidates offered for a choice: within this distance of the best one.
CANDIDATE_WINDOW: Final = 15.0
# Words of the register at least this close to a query word make their streets candidates:
# looser than WORD_MATCH_SCORE so that split and joined words ("ново аракчинская") and
# whole-name typos still reach the scorer.
WORD_CANDIDATE_SCORE: Final = 60.0
# Only the spellings sharing the most and closest words with the query are scored in full,
# so a message of common words ("Новая Малая Верхняя ...") cannot score half the register.
MAX_SCORED_KEYS: Final = 50
# A query word this close to a register word is not searched again in the genitive.
NOMINATIVE_SEARCH_BELOW: Final = 90.0
# A street name is at most a few words; a longer text is not an address (and is not read).
MAX_QUERY_CHARS: Final = 200
MAX_NAME_WORDS: Final = 6
# "Мира 5, Советский район": the same street elsewhere drops below the margin.
DISTRICT_MISMATCH_PENALTY: Final = 10.0


class AddressMatcher:
    """Finds the streets (and districts) a typed address means; build once, query often."""

    def __init__(self, streets: Iterable[Street]) -> None:
        self._streets = tuple(streets)
        self._keys: list[StreetKey] = [
            key for i, street in enumerate(self._streets) for key in street_keys(i, street)
        ]
        index: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys):
            for word in set(key.name.words):
                index.setdefault(word, []).append(position)
        self._index = index
        self._vocabulary = list(index)
        self._districts = {
            district_stem(district): district
            for street in self._streets
            for district in street.districts
        }

    @property
    def streets(self) -> tuple[Street, ...]:
        return self._streets

    def match(self, query: str, limit: int = 5) -> AddressMatch:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if len(query) > MAX_QUERY_CHARS:
            return AddressMatch(query, MatchOutcome.NOT_FOUND, ())
        found = self._match_text(query, limit)
        if found.best is not None and found.best.score >= ACCEPT_SCORE:
            return found  # a good reading as typed: the other layout is not tried
        # ",fevfyf 15": read on the other keyboard layout, taken only if it reads better.
        swapped = other_layout(query)
        if swapped is None:
            return found
        other = self._match_text(swapped, limit)
        mine = found.best.score if found.best is not None else 0.0
        if other.best is not None and other.best.score >= max(ACCEPT_SCORE, mine + 0.1):
            return replace(other, query=query)
        return found

    def _match_text(self, query: str, limit: int) -> AddressMatch:
        parsed = parse_query(query, self._districts)
        if not 0 < len(parsed.name.words) <= MAX_NAME_WORDS:
            return AddressMatch(query, MatchOutcome.NOT_FOUND, ())
        return _decide(query, self._rank(parsed), limit)

    def _rank(self, parsed: ParsedQuery) -> list[AddressCandidate]:
        best: dict[int, float] = {}
        for position in self._candidate_keys(parsed.name.words):
            key = self._keys[position]
            score = key_score(parsed, key)
            if score >= MIN_SCORE and score > best.get(key.street_index, 0.0):
                best[key.street_index] = score
        ranked = [
            candidate
            for index, score in best.items()
            for candidate in _per_district(self._streets[index], score, parsed)
            if candidate.score >= MIN_SCORE
        ]
        ranked.sort(key=lambda c: (-c.score, c.street.name, c.street.type, c.district or ""))
        return ranked

    def _candidate_keys(self, words: tuple[str, ...]) -> list[int]:
        votes: dict[int, float] = {}
        for word in words:
            closest: dict[int, float] = {}
            best = self._collect(word, closest)
            # "горкий" (Gorky) is far from "горького" but its genitive is not. A word with a
            # close register word already ("бауман" ~ "баумана") is not searched again.
            if best < NOMINATIVE_SEARCH_BELOW:
                for form in genitive_forms(word):
                    self._collect(form, closest)
            for position, score in closest.items():
                votes[position] = votes.get(position, 0.0) + score
        return heapq.nlargest(MAX_SCORED_KEYS, votes, key=votes.__getitem__)

    def _collect(self, word: str, closest: dict[int, float]) -> float:
        """Adds the keys with a register word close to `word`; returns the best closeness."""
        best = 0.0
        for similar, score, _ in process.extract_iter(
            word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CANDIDATE_SCORE
        ):
            best = max(best, score)
            for position in self._index[similar]:
                closest[position] = max(score, closest.get(position, 0.0))
        return best


def _per_district(street: Street, score: float, parsed: ParsedQuery) -> list[AddressCandidate]:
    """One candidate per district of the street: outages and reports go by district."""
    candidates = []
    for district in street.districts or (None,):
        other_district = parsed.district is not None and district not in (None, parsed.district)
        adjusted = score - DISTRICT_MISMATCH_PENALTY if other_district else score
        candidates.append(
            AddressCandidate(street, parsed.house, district, round(adjusted, 1), parsed.details)
        )
    return candidates


def _decide(query: str, ranked: list[AddressCandidate], limit: int) -> AddressMatch:
    if not ranked:
        return AddressMatch(query, MatchOutcome.NOT_FOUND, ())
    top = ranked[0].score
    runner_up = ranked[1].score if len(ranked) > 1 else None
    clear = runner_up is None or top - runner_up >= AMBIGUITY_MARGIN
    outcome = MatchOutcome.EXACT if top >= ACCEPT_SCORE and clear else MatchOutcome.AMBIGUOUS
    shortlist = tuple(c for c in ranked if c.score >= top - CANDIDATE_WINDOW)[:limit]
    return AddressMatch(query, outcome, shortlist)

"""Parsing a normalised address into the parts the matcher compares differently."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from domain.address.normalize import normalize, split_address
from domain.address.vocabulary import STOPWORDS, STREET_TYPES

_NUMBERED_WORD = re.compile(
    r"^(?P<num>\d+)(?:-(?P<rest>[а-я]+))?$|^(?P<word>[а-я]+)-(?P<tail>\d+)$"
)
_ORDINAL_SUFFIXES = frozenset({"я", "й", "е"})
DISTRICT_STEM_LENGTH = 6
_DISTRICT_HINT = re.compile(
    r"(?:^|\s)(?:(?:в|во)\s)?(?:район\s(?P<after>[а-я]+)|(?P<before>[а-я]+)\sрайон)(?=\s|$)"
)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A street name split into words (compared fuzzily) and numbers (compared exactly)."""

    words: tuple[str, ...]
    numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    name: NameParts
    street_types: frozenset[str]
    house: str | None
    district: str | None  # named by the person ("в Советском районе"), one of the known ones
    details: str | None = None  # "подъезд 2, кв. 7": below the house, a note for staff


def name_parts(tokens: list[str]) -> NameParts:
    """Split name tokens: "2-я" → number 2; "100-летия" → 100 + "летия"; "ферма-2" → both."""
    words: list[str] = []
    numbers: list[str] = []
    for token in tokens:
        found = _NUMBERED_WORD.match(token)
        if found is None:
            words.append(token)
        elif found["num"]:
            numbers.append(found["num"])
            if found["rest"] and found["rest"] not in _ORDINAL_SUFFIXES:
                words.append(found["rest"])
        else:
            words.append(found["word"])
            numbers.append(found["tail"])
    return NameParts(tuple(words), tuple(numbers))


# Nominative endings and the register's genitive ones: a Tatar sign ("Пушкин урамы",
# "Горький урамы", "Декабристлар урамы") and an English one ("Bauman Street", "Musa Jalil
# St") name the person in the nominative, the Russian register in the genitive.
_GENITIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("лар", ("ов", "ей")),
    ("лэр", ("ов", "ей")),
    ("нар", ("ов", "ей")),
    ("нэр", ("ов", "ей")),
    ("ий", ("ого", "его")),
    ("ый", ("ого",)),
    ("ой", ("ого",)),
    ("ай", ("ая",)),
    ("ей", ("ея",)),
    ("а", ("ы", "и")),
    ("я", ("и",)),
    ("ь", ("я",)),
)
_CONSONANT_GENITIVES = ("а", "я")
_VOWELS = frozenset("аеиоуыэюя")
_MIN_NOMINATIVE = 4


@lru_cache(maxsize=4096)
def genitive_forms(word: str) -> tuple[str, ...]:
    """The register's likely spellings of a nominative name word: "пушкин" → "пушкина"."""
    if len(word) < _MIN_NOMINATIVE:
        return ()
    for ending, genitives in _GENITIVES:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return tuple(stem + genitive for genitive in genitives)
    if word[-1] in _VOWELS:
        return ()
    return tuple(word + genitive for genitive in _CONSONANT_GENITIVES)


def district_stem(name: str) -> str:
    """Six letters survive declension of every Kazan district ("советском" ~ "Советский")."""
    return normalize(name)[:DISTRICT_STEM_LENGTH]


def parse_query(text: str, districts: Mapping[str, str]) -> ParsedQuery:
    """Parse text; `districts` maps `district_stem` → district name for the hint."""
    text, district = _take_district(normalize(text), districts)
    street, house, details = split_address(text)
    types: list[str] = []
    tokens: list[str] = []
    for token in street.split():
        if token in STREET_TYPES:
            types.append(token)
        elif token not in STOPWORDS:
            tokens.append(token)
    if not tokens and types:
        # "ул. Набережная", "Набережная": a type word standing alone is the name itself.
        tokens.append(types.pop())
    return ParsedQuery(name_parts(tokens), frozenset(types), house, district, details)


def _take_district(text: str, districts: Mapping[str, str]) -> tuple[str, str | None]:
    """Cut "(в) Советском районе" out of the text; an unknown "район X" stays in it."""
    for hint in _DISTRICT_HINT.finditer(text):
        district = districts.get((hint["after"] or hint["before"])[:DISTRICT_STEM_LENGTH])
        if district is not None:
            return f"{text[: hint.start()]} {text[hint.end() :]}", district
    return text, None

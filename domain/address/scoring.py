"""Scoring a parsed query against one spelling of a street name (0..100).

Only name words are compared fuzzily. Numbers in a name ("2-я", "1 Мая") and the house are
compared exactly; the street type only moves the score. The penalties are sized against
`AMBIGUITY_MARGIN` in the matcher (8): a penalty below it keeps two readings ambiguous,
one above it lets the better reading win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from domain.address.model import Street
from domain.address.normalize import normalize
from domain.address.query import NameParts, ParsedQuery, genitive_forms, name_parts
from domain.address.vocabulary import STREET_TYPES

# A query word counts as one of the name's words from this fuzz.ratio on: one typo in a
# word of 4+ letters ("Мтра" ~ "Мира" is 75, "Бауамана" ~ "Баумана" 93), two in 8+.
WORD_MATCH_SCORE: Final = 75.0
# "Зорге" for "Рихарда Зорге": the usual short form, by surname — it stays ambiguous
# against a street that is exactly "Зорге" (5 < 8), as "Тукая" is (площадь or улица).
SHORT_FORM_PENALTY: Final = 5.0
# "Фатиха" for "Фатиха Амирхана": the last word is missing, which people rarely mean,
# so "Амирхана" picks "Фатиха Амирхана" over "Амирхана Еники" (95 vs 85).
LEADING_ONLY_PENALTY: Final = 15.0
# Per letter of a query word that matches no word of the name: a first name the register
# leaves out costs little ("Льва Толстого" 92), a long foreign word a lot ("Большая
# Конюшенная" is not "Большая", 80).
EXTRA_LETTER_PENALTY: Final = 2.0
# "Вольская" for "1-я/2-я Вольская": above the margin, so "Зеленая" prefers "Зеленая"
# over "1-я Зеленая", while the numbered streets stay ambiguous among themselves.
ORDINAL_MISSING_PENALTY: Final = 10.0
# "5-я Зеленая" is not "Зеленая" nor "1-я Зеленая": a wrong number rules the street out.
NUMBER_MISMATCH_PENALTY: Final = 50.0
# "пр. Победы" prefers проспект to улица Победы (100 vs 90), yet "ул. Ямашева" still finds
# проспект Хусаина Ямашева (95 - 10 = 85), since people often say "улица" for any street.
TYPE_MISMATCH_PENALTY: Final = 10.0
# A nominative word is compared in the genitive too ("пушкин" ~ "пушкина") unless it is
# already exact, or too far for two or three letters of ending to matter.
NOMINATIVE_TRY_FROM: Final = 50.0
EXACT_WORD: Final = 100.0
# Initials and abbreviated titles: "Н. Ершова", "Б. Красная", "ак. Губкина", "проф. Нужина".
MAX_ABBREVIATION: Final = 4


@dataclass(frozen=True, slots=True)
class StreetKey:
    """One precomputed spelling of a street (Russian name, or a Tatar one)."""

    street_index: int
    street_type: str
    name: NameParts
    text: str
    joined: str  # without spaces: "кызыл армейская" ~ "кызылармейская"


def street_keys(index: int, street: Street) -> list[StreetKey]:
    # A Russian name is kept whole ("Набережная" is a name there); a Tatar name carries its
    # own type word, which is dropped ("Бауман урамы" → "бауман").
    spellings = [normalize(street.name).split()]
    for name_tt in filter(None, (street.name_tt or "").split(";")):
        spellings.append([t for t in normalize(name_tt).split() if t not in STREET_TYPES])
    # Most Latin spellings drop the soft sign ("Kreml", "Gorkogo"): that reading is a key too.
    spellings += [
        [token.replace("ь", "").replace("ъ", "") for token in tokens]
        for tokens in spellings
        if any(sign in token for token in tokens for sign in "ьъ")
    ]
    keys: dict[NameParts, StreetKey] = {}
    for tokens in spellings:
        parts = name_parts(tokens)
        if parts.words and parts not in keys:
            text = " ".join(parts.words)
            keys[parts] = StreetKey(index, street.type, parts, text, text.replace(" ", ""))
    return list(keys.values())


def key_score(query: ParsedQuery, key: StreetKey) -> float:
    score = name_score(query.name.words, key)
    if query.name.numbers != key.name.numbers:
        missing = not query.name.numbers
        score -= ORDINAL_MISSING_PENALTY if missing else NUMBER_MISMATCH_PENALTY
    if query.street_types and key.street_type not in query.street_types:
        score -= TYPE_MISMATCH_PENALTY
    return score


def name_score(words: tuple[str, ...], key: StreetKey) -> float:
    """Best of the whole-string, word-order, joined-words and word-aligned views."""
    text = " ".join(words)
    return max(
        fuzz.ratio(text, key.text),
        fuzz.token_sort_ratio(text, key.text),
        fuzz.ratio("".join(words), key.joined),
        _aligned_score(words, key.name.words),
    )


def _aligned_score(words: tuple[str, ...], name: tuple[str, ...]) -> float:
    """token_set_ratio word by word, knowing which name words were left out; a word in the
    nominative counts as the register's genitive ("Пушкин урамы", "Bauman Street").

    token_set_ratio gives "Амирхана" 100 against both "Фатиха Амирхана" and "Амирхана
    Еники" and nothing useful for a typo inside a short form ("Зорги"); this does both.
    """
    matched: set[int] = set()
    unmatched: list[str] = []
    total = weight = 0.0
    for word in words:
        score, position = max((fuzz.ratio(word, part), i) for i, part in enumerate(name))
        if NOMINATIVE_TRY_FROM <= score < EXACT_WORD:
            for form in genitive_forms(word):
                read = max((fuzz.ratio(form, part), i) for i, part in enumerate(name))
                score, position = max((score, position), read)
        if score < WORD_MATCH_SCORE:
            unmatched.append(word)
            continue
        matched.add(position)
        total += score * len(word)
        weight += len(word)
    if not weight:
        return 0.0
    extra_letters = 0
    for word in unmatched:
        abbreviated = _abbreviated(word, name, matched)
        if abbreviated is None:
            extra_letters += len(word)
        else:
            matched.add(abbreviated)
    score = total / weight - EXTRA_LETTER_PENALTY * extra_letters
    if len(matched) < len(name):
        score -= SHORT_FORM_PENALTY if len(name) - 1 in matched else LEADING_ONLY_PENALTY
    return score


def _abbreviated(word: str, name: tuple[str, ...], matched: set[int]) -> int | None:
    """Position of the name word that `word` abbreviates ("Б." Красная, "ак." Губкина).

    Only a companion of a fully matched word may be an abbreviation: "мир" alone must not
    stand for "Мирная".
    """
    if len(word) > MAX_ABBREVIATION:
        return None
    for position, part in enumerate(name):
        if position not in matched and len(part) > len(word) and part.startswith(word):
            return position
    return None

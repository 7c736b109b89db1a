"""Normalisation of typed address text and splitting off the house number.

`normalize` is idempotent: lower case, ё → е, Latin look-alikes and Tatar letters mapped to
Russian ones, Latin words read in Cyrillic ("ul. Baumana" → "улица баумана"), punctuation
dropped, type abbreviations expanded ("пр-т" → "проспект"), the
city/region/postcode removed, ordinals written "2-я", and the house markers spelled out
("д. 15 корп. 2" → "дом 15 корпус 2", "кв7" → "квартира 7").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from domain.address.latin import fold_latin
from domain.address.vocabulary import (
    DETAIL_LABELS,
    DISTRICT_WORDS,
    FLAT_MARKERS,
    HOUSE_MARKERS,
    LATIN_LOOKALIKES,
    NAME_AFTER_NUMBER,
    ORDINAL_WORDS,
    TATAR_LETTERS,
    TYPE_WORDS,
)

_LOOKALIKE_TABLE = str.maketrans(LATIN_LOOKALIKES)
_CHAR_TABLE = str.maketrans({"ё": "е", "№": " ", **TATAR_LETTERS, **dict.fromkeys("–—‐‑−", "-")})
_WORD_MAP = {**TYPE_WORDS, **DISTRICT_WORDS, **ORDINAL_WORDS}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))  # "корп" is tried before "к"


# (pattern, replacement) in order; each step leaves text that the earlier steps keep as is,
# which is what makes `normalize` idempotent.
_CLEANUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[^0-9a-zа-я/\-]+"), " "),
    (re.compile(r"(?<=[a-zа-я])-(?=[a-zа-я])"), ""),  # "Ново-Савиновский", "пр-т", "б-р"
    (re.compile(r"(?<![0-9a-zа-я])-|-(?![0-9a-zа-я])"), " "),
    (re.compile(r"\s*/\s*"), "/"),
    (re.compile(r"(?<![0-9а-я])/|/(?![0-9])"), " "),
    # Whoever writes the city, region or postcode means Kazan anyway.
    (re.compile(r"\b(?:(?:г|гор|город)\s)?(?:казань|kazan)\b|\b(?:россия|рф|рт)\b"), " "),
    (re.compile(r"\b(?:республика|респ)\sтатарстан\b|\b4\d{5}\b"), " "),
    (re.compile(r"(\d)([кс])(?=\d)"), r"\1 \2 "),  # "15к2" → "15 к 2"
    # "Баумана15", "15корп", and the one-letter markers "д15", "к2", "с1".
    (re.compile(r"(?<=[а-я]{2})(?=\d)|(?<=\d)(?=[а-я]{2})|(?<=\b[дкс])(?=\d)"), " "),
)
_ORDINALS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Tatar "15 нче йорт", "5 йорт" (the house, numbered after): before "15 нче" is read as
    # the ordinal of a street name.
    (re.compile(r"\b(\d{1,4}[а-я]?)\s?(?:-?\s?(?:нче|нчы|енче|ынчы)\s)?\s?йорты?\b"), r"дом \1"),
    # "2я", "2 ая", "2-ая", Tatar "2 нче" → "2-я"; "1-ый" → "1-й". "е" only with a hyphen,
    # because "15е" is a house with the letter е.
    (re.compile(r"\b(\d{1,3})\s?-?\s?(?:ая|ья|я|нче|нчы|енче|ынчы)\b"), r"\1-я"),
    (re.compile(r"\b(\d{1,3})\s?-?\s?(?:ый|ий|ой|й)\b"), r"\1-й"),
    (re.compile(r"\b(\d{1,3})-(?:ое|е)\b"), r"\1-е"),
    # "15-а" → "15а"; without е, since "2-е" is an ordinal.
    (re.compile(r"\b(\d{1,4})-([абвгджзиклмнопрстуфхцчшщэю])\b"), r"\1\2"),
    # "15-2" in a chat is house 15, flat 2: the informal дом-квартира notation.
    (re.compile(r"\b(\d{1,4}[а-я]?)-(\d{1,4})\b"), r"\1 квартира \2"),
)
_MARKERS = {**HOUSE_MARKERS, **FLAT_MARKERS}
_MARKER = re.compile(rf"\b({_alternation(_MARKERS)})\s(?=\d)")

_HOUSE_LETTER = "[абвгдежзиклмнопрстуфхцчшщэю]"  # never я/й/ы/ь/ъ: those are ordinals or words
_HOUSE = (
    rf"(?P<num>\d{{1,4}})(?:(?P<letter>{_HOUSE_LETTER})(?![а-я])"
    # A letter after a space counts only at the end or before a building part: in
    # "Мира 5 в Советском районе" the "в" is a preposition.
    rf"|\s(?P<spaced>{_HOUSE_LETTER})(?=$|\s(?:корпус|строение)\s))?"
    r"(?:/(?P<frac>\d{1,4}[а-я]?)(?![а-я]))?"
    r"(?:\sкорпус\s(?P<korpus>\d{1,3}))?(?:\sстроение\s(?P<building>\d{1,3}))?"
)
_EXPLICIT_HOUSE = re.compile(rf"(?:^|\s)дом\s{_HOUSE}(?=\s|$)")
_TRAILING_HOUSE = re.compile(rf"(?:^|\s)(?:дом\s)?{_HOUSE}$")
_LEADING_HOUSE = re.compile(rf"^(?:дом\s)?{_HOUSE}(?=\s|$)")
_DETAIL_VALUE = r"\d{1,5}[а-я]?"
# "кв 7", "подъезд 2" (the markers were spelled out by `normalize`)...
# A number between two markers is the second's only when that one has no number of its own
# ("2-й подъезд, 5 этаж" vs "подъезд 1, этаж 4").
_DETAIL_AFTER = re.compile(
    rf"(?:^|\s)(?P<kind>{_alternation(FLAT_MARKERS.values())})\s(?P<value>{_DETAIL_VALUE})"
    rf"(?=\s|$)(?!\s(?:{_alternation(FLAT_MARKERS)})(?:$|\s(?!\d)))"
)
# ... and "2 подъезд", "3-й под", "5 этаж": the number first, any spelling of the marker.
_DETAIL_BEFORE = re.compile(
    rf"(?:^|\s)(?P<value>\d{{1,3}})(?:-[йяе])?\s(?P<kind>{_alternation(FLAT_MARKERS)})(?=\s|$)"
)


def _fix_lookalikes(token: str) -> str:
    latin = [c for c in token if c.isascii() and c.isalpha()]
    if not latin:
        return token
    cyrillic = any("а" <= c.lower() <= "я" or c in "ёЁ" for c in token)
    # A wholly Latin word is left alone unless every letter has a Cyrillic twin ("MAPTA"):
    # "Baumana" is transliteration, not a look-alike slip.
    if cyrillic or all(c in LATIN_LOOKALIKES for c in latin):
        return token.translate(_LOOKALIKE_TABLE)
    return token


def normalize(text: str) -> str:
    """Canonical lower-case form of address text (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text.replace("№", " "))
    text = " ".join(_fix_lookalikes(token) for token in text.split())
    text = fold_latin(text.lower().translate(_CHAR_TABLE))
    for pattern, replacement in _CLEANUP:
        text = pattern.sub(replacement, text)
    text = " ".join(_WORD_MAP.get(word, word) for word in text.split())
    for pattern, replacement in _ORDINALS:
        text = pattern.sub(replacement, text)
    text = _MARKER.sub(lambda m: f"{_MARKERS[m.group(1)]} ", text)
    return " ".join(text.split())


def split_house(text: str) -> tuple[str, str | None]:
    """Split address text into (normalised street part, canonical house or None).

    The house is taken after "дом" anywhere, else a house-shaped number at the end, else at
    the start unless the number begins a name ("8 Марта", "40 лет Октября"). Flats, offices,
    entrances and floors are dropped (`split_address` keeps them). Canonical houses: "15",
    "15а", "15/2", "15к2", "15с1".
    """
    street, house, _ = split_address(text)
    return street, house


def split_address(text: str) -> tuple[str, str | None, str | None]:
    """(street part, house, details): `split_house`, with the flat, entrance, floor and
    intercom parts kept as a note for staff ("подъезд 2, кв. 7") instead of dropped."""
    text, details = _take_details(normalize(text))
    street, house = _split_house(text)
    return street, house, details


def _take_details(text: str) -> tuple[str, str | None]:
    found: list[tuple[int, str, str]] = []

    def keep(match: re.Match[str]) -> str:
        kind = FLAT_MARKERS.get(match["kind"], match["kind"])
        found.append((match.start(), kind, match["value"]))
        return " " + " " * (match.end() - match.start() - 1)  # positions stay comparable

    text = _DETAIL_AFTER.sub(keep, text)
    # A number before a marker is a detail only after the house ("15, 2 подъезд"): alone,
    # "2 подъезд" may be all the person knows, and "15 под" is not read as a house lost.
    text = _DETAIL_BEFORE.sub(
        lambda m: keep(m) if re.search(r"\d", text[: m.start()]) else m.group(), text
    )
    if not found:
        return text, None
    found.sort()
    note = ", ".join(f"{DETAIL_LABELS[kind]} {value}" for _, kind, value in found)
    return " ".join(text.split()), note


def _split_house(text: str) -> tuple[str, str | None]:
    match = _EXPLICIT_HOUSE.search(text) or _TRAILING_HOUSE.search(text)
    if match is None:
        match = _LEADING_HOUSE.match(text)
        following = text[match.end() :].split()[:1] if match else []
        if match is None or (following and following[0] in NAME_AFTER_NUMBER):
            return text, None
    street = f"{text[: match.start()]} {text[match.end() :]}"
    return " ".join(street.split()), _canonical_house(match)


def _canonical_house(match: re.Match[str]) -> str:
    house = match["num"] + (match["letter"] or match["spaced"] or "")
    if match["frac"]:
        house += f"/{match['frac']}"
    if match["korpus"]:
        house += f"к{match['korpus']}"
    if match["building"]:
        house += f"с{match['building']}"
    return house

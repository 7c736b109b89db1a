"""Street names for English readers: a readable Latin form with the sign's Russian beside it.

"Baumana St (ул. Баумана), 15": the Latin part is what an English speaker can read and say
(and type back: the matcher reads "Baumana St"), the Russian part is what the street sign,
the map and staff show. The transliteration is the BGN/PCGN style most English maps use,
without its diacritics. Type words and address parts are reference data like the district
names in districts.csv, so they live here and not in the message catalogues.
"""

from __future__ import annotations

import re
from typing import Final

_LETTERS: Final[dict[str, str]] = {
    **dict(zip("абвгдзийклмнопрстуфы", "abvgdziyklmnoprstufy", strict=True)),
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
ENGLISH_TYPES: Final[dict[str, str]] = {
    "улица": "St",
    "проспект": "Ave",
    "переулок": "Ln",
    "проезд": "Passage",
    "площадь": "Sq",
    "набережная": "Embankment",
    "шоссе": "Hwy",
    "бульвар": "Blvd",
    "тракт": "Tract",
    "магистраль": "Highway",
    "дамба": "Dam",
    "спуск": "Descent",
    "тупик": "Dead End",
}
# The short forms of `Street.label` and the note's words ("подъезд 2, кв. 7").
_SHORT_TYPES: Final[dict[str, str]] = {
    "ул.": "улица",
    "пр-т": "проспект",
    "пер.": "переулок",
    "пр-д": "проезд",
    "пл.": "площадь",
    "наб.": "набережная",
    "ш.": "шоссе",
    "б-р": "бульвар",
    **{kind: kind for kind in ENGLISH_TYPES},
}
_DETAIL_WORDS: Final[dict[str, str]] = {
    "подъезд": "entrance",
    "этаж": "floor",
    "кв.": "apt",
    "офис": "office",
    "пом.": "unit",
    "комн.": "room",
    "домофон": "intercom",
}
_LABEL = re.compile(
    r"^(?P<street>[^,()·\d][^,()·]*?)(?:, (?P<house>\d[^,()\s]*))?(?: \((?P<details>[^()]+)\))?$"
)
# A shared point on a known street: "ул. Баумана · 55.79612, 49.10641".
_POINT_SEPARATOR = " · "


def to_latin(text: str) -> str:
    """ "Кремлёвская" → "Kremlyovskaya", "Сибирский" → "Sibirskiy"; other characters stay."""
    out = []
    for char in text:
        latin = _LETTERS.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def english_street(name: str, street_type: str) -> str:
    """ "Baumana St", "Pobedy Ave", "Sibirskiy Tract"."""
    return f"{to_latin(name)} {ENGLISH_TYPES.get(street_type, to_latin(street_type))}"


def english_label(label: str) -> str:
    """The English form of a Russian address label ("ул. Баумана, 15 (подъезд 2)" →
    "Baumana St (ул. Баумана), 15 (entrance 2)"); a label it cannot read is kept as is."""
    street_part, separator, point = label.partition(_POINT_SEPARATOR)
    if separator:
        return f"{english_label(street_part)}{separator}{point}"
    found = _LABEL.match(label)
    if found is None:
        return label
    street = found["street"]
    parsed = _street_parts(street)
    if parsed is None:
        return label
    text = f"{english_street(*parsed)} ({street})"
    if found["house"]:
        text += f", {found['house']}"
    if found["details"]:
        text += f" ({english_details(found['details'])})"
    return text


def english_details(details: str) -> str:
    """ "подъезд 2, кв. 7" → "entrance 2, apt 7"."""
    parts = []
    for part in details.split(", "):
        word, _, value = part.rpartition(" ")
        parts.append(f"{_DETAIL_WORDS.get(word, word)} {value}" if word else part)
    return ", ".join(parts)


def _street_parts(street: str) -> tuple[str, str] | None:
    first, _, rest = street.partition(" ")
    if rest and first in _SHORT_TYPES:
        return rest, _SHORT_TYPES[first]
    head, _, last = street.rpartition(" ")
    if head and last in _SHORT_TYPES:
        return head, _SHORT_TYPES[last]
    return None

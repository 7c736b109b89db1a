"""Reading Latin-letter addresses as Russian ones: "ul. Baumana, 15", "Bauman Street 15".

Kazan's street names are written in Latin in several systems at once: passport-style
(Baumana, Kremlevskaya), BGN/PCGN (Kremlyovskaya, Sibirskiy), scientific (Jablonevaja),
English habits (Gorky Street, Musa Jalil) and Tatar Latin (Çistay uramı, Tuqay mäydanı).
They all fold here into one Cyrillic spelling; the matcher's fuzzy comparison absorbs what
the systems disagree about (е/э, ы/и, a dropped soft sign), and `query` reads the
nominative "Bauman", "Gorky" as the register's genitive "Баумана", "Горького".
"""

from __future__ import annotations

import re
from typing import Final

# English and transliterated words with a Russian address word of their own. The
# transliteration of most Russian words needs no entry ("ulitsa" → "улица", "pr" → "пр").
LATIN_WORDS: Final[dict[str, str]] = {
    **dict.fromkeys(("street", "st", "str", "road", "rd", "ulitsa", "ulitca"), "улица"),
    **dict.fromkeys(("avenue", "ave", "av", "prospect", "prosp", "prospekt"), "проспект"),
    **dict.fromkeys(("lane", "ln", "alley", "side-street"), "переулок"),
    **dict.fromkeys(("passage", "drive", "dr"), "проезд"),
    **dict.fromkeys(("square", "sq", "ploshchad", "ploschad", "ploshad"), "площадь"),
    **dict.fromkeys(("embankment", "emb", "quay", "naberezhnaya"), "набережная"),
    **dict.fromkeys(("highway", "hwy"), "шоссе"),
    **dict.fromkeys(("boulevard", "blvd", "bulvar", "bul'var"), "бульвар"),
    **dict.fromkeys(("tract",), "тракт"),
    **dict.fromkeys(("house", "bldg", "building", "no"), "дом"),
    **dict.fromkeys(("yort", "yortı", "yorty"), "йорт"),  # Tatar "house": "15 nçe yort"
    **dict.fromkeys(("block", "korp", "korpus"), "корпус"),
    **dict.fromkeys(("apt", "apartment", "flat", "kv"), "квартира"),
    **dict.fromkeys(("entrance", "ent", "entr", "porch", "podezd", "pod'ezd"), "подъезд"),
    **dict.fromkeys(("floor", "fl", "etazh", "level"), "этаж"),
    **dict.fromkeys(("intercom", "domofon", "buzzer"), "домофон"),
    **dict.fromkeys(("office", "ofis"), "офис"),
    **dict.fromkeys(("room", "rm"), "комната"),
    **dict.fromkeys(("kazan", "kazan'"), "казань"),
    **dict.fromkeys(("russia", "tatarstan", "republic", "rt"), " "),
    **dict.fromkeys(("the", "of", "at", "on", "near", "in", "city"), " "),
}

# Longest first, so "shch" is read before "sh" and "ch". "yo" is "ё", which `normalize`
# writes "е" anyway; "iy"/"yy" are the adjective endings of BGN ("Sibirskiy").
_DIGRAPHS: Final = (
    ("shch", "щ"),
    ("dzh", "дж"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("tsk", "тск"),  # "Sovetskaya": т+с far more often than ц in street adjectives
    ("ts", "ц"),
    ("tz", "ц"),
    ("yo", "е"),
    ("jo", "е"),
    ("ye", "е"),
    ("je", "е"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("ck", "к"),
)
_LETTERS: Final[dict[str, str]] = {
    **dict(zip("abvgdezijklmnoprstufhc", "абвгдезийклмнопрстуфхц", strict=True)),
    # "q" and "w" are Tatar Latin (Tuqay, Mäskäw); "x" is "кс" in Russian names.
    "q": "к",
    "w": "у",
    "x": "кс",
    # Tatar Latin (Zamanälif) letters; the Tatar Cyrillic ones fold to these too.
    "ä": "э",
    "ö": "о",
    "ü": "у",
    "ç": "ч",
    "ş": "ш",
    "ğ": "г",
    "ı": "ы",
    "ñ": "н",
    "é": "е",
    "è": "е",
    "ë": "е",
    # The apostrophe of the soft sign: "Tel'mana", "Chistopol'skaya".
    "'": "ь",
}
_VOWELS: Final = frozenset("aeiouyäöüıéèë")
_LATIN_WORD = re.compile(r"[a-zäöüçşğıñéèë]+(?:'[a-zäöüçşğıñéèë]+)*'?")
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼʹ`´", "'"))


def fold_latin(text: str) -> str:
    """Lower-case text with every Latin word read in Cyrillic; other text is kept."""
    text = text.translate(_APOSTROPHES)
    return _LATIN_WORD.sub(lambda m: _word(m.group()), text)


def _word(word: str) -> str:
    known = LATIN_WORDS.get(word)
    if known is not None:
        return known
    word = word.rstrip("'")
    out: list[str] = []
    i = 0
    if word[:1] == "j" and word[1:2] in _VOWELS:
        out.append("дж")  # "Jalil", an English habit; inside a word "ja" is я ("Moskovskaja")
        i = 1
    if len(word) > 3 and word.endswith("y") and word[-2] == "k":
        word = word[:-1] + "iy"  # "Gorky", "Dostoevsky": the English -ky is -кий
    while i < len(word):
        for latin, cyrillic in _DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(_letter(word, i))
            i += 1
    return "".join(out)


def _letter(word: str, i: int) -> str:
    letter = word[i]
    before = word[i - 1] if i else ""
    if letter == "y":
        # "Pobedy", "Gabdully": ы after a consonant; "Tukay", "Mayakovskogo": й elsewhere.
        return "ы" if before and before not in _VOWELS else "й"
    return _LETTERS.get(letter, letter)

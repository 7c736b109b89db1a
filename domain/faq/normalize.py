"""Normalisation of questions and FAQ phrases into the stems the matcher compares.

The same steps run on both sides, so a resident's spelling and the FAQ's meet halfway:
lower case, ё → е, Latin look-alikes inside Cyrillic words ("гдe" typed with a Latin e) made
Cyrillic, Tatar letters folded to the Russian-keyboard letters residents type instead
(ә→э, ө→о, ү→у, җ→ж, ң→н, һ→х: the table the address matcher uses), punctuation out, stop
words out, then a stem: Snowball's Russian for Cyrillic words, English for Latin ones, and
for Tatar text a light suffix stripper (plural, case, possessive and a few verb endings:
"гаризамны" → гариза, "сүндерүләр" → сундер), since no stemmer for Tatar is packaged.
A phrase is stemmed in its own language; a resident's words in every way that applies,
because residents mix languages whatever the bot's language is.

Stemmer: snowballstemmer (pure Python, Russian and English in one small wheel, no
dictionaries to load). pymorphy3 would give true lemmas, but with ~15 MB of dictionaries and
a slower start for little gain here: the matcher compares stems fuzzily anyway, which also
absorbs what a stemmer misses (Tatar suffixes, typos, "холоднющие").
"""

import re
from functools import lru_cache

import snowballstemmer

from domain.address.vocabulary import LATIN_LOOKALIKES, TATAR_LETTERS
from domain.faq.vocabulary import (
    BY_WORDS,
    HOUSE_WORDS,
    LEADING_QUESTION_WORDS,
    NAME_FIRST_STREET_WORDS,
    OUTDOORS_STREET_WORDS,
    PLACE_WORDS,
    QUESTION_WORDS,
    STEM_OF_PREFIX,
    STOP_WORDS,
    STREET_WORDS,
)

_FOLD = str.maketrans({"ё": "е", **TATAR_LETTERS})
_LOOKALIKES = str.maketrans(LATIN_LOOKALIKES)
_WORD = re.compile(r"[0-9a-zа-я]+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
# Folded, longest first: infinitive, ablative, genitive, plural, participle, locative,
# dative, accusative, negative, past, conditional, possessive, verbal noun.
_TATAR_ENDING = re.compile(
    "(?:ырга|ергэ|арга|эргэ|рга|ргэ|нан|нэн|дан|дэн|тан|тэн|нын|нен|лар|лэр|нар|нэр|ган|гэн|"
    "кан|кэн|да|дэ|та|тэ|га|гэ|ка|кэ|ны|не|мый|ми|ды|де|ты|те|сэ|са|ым|ем|м|у)$"
)
TATAR = "tt"
TATAR_MIN_ROOT = 2  # "суны" → су, "утны" → ут
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case folded words, stop words included ("Где оплатить?" → где оплатить)."""
    text = text.lower().translate(_FOLD)
    return [_unmix(word) for word in _WORD.findall(text)]


def stems(text: str, locale: str) -> tuple[str, ...]:
    """The words that carry meaning, stemmed, in order, each once ("ямы во дворе" → ям двор).

    Tatar phrases (`locale` "tt") are stemmed as Tatar, others as Russian or English."""
    stemmer = tatar_stem if locale == TATAR else stem
    return tuple(dict.fromkeys(stemmer(word) for word in words(text) if word not in STOP_WORDS))


def query_stems(text: str) -> tuple[tuple[str, ...], ...]:
    """For each word that carries meaning, its stems in every language it may be in."""
    found: dict[tuple[str, ...], None] = {}
    for word in words(text):
        if word not in STOP_WORDS:
            found.setdefault(tuple(dict.fromkeys((stem(word), tatar_stem(word)))), None)
    return tuple(found)


def address_stems(text: str) -> frozenset[str]:
    """The stems of a street with its name ("проспекте Победы", "Бауман урамы", "Kremlin
    Street"): they say where, not what the message is about."""
    found = words(text)
    address: set[str] = set()
    for street, name in _streets(text, found):
        for word in (found[street], found[name]):
            address.update((stem(word), tatar_stem(word)))
    return frozenset(address)


def _streets(text: str, found: list[str]) -> list[tuple[int, int]]:
    """(street word, its name) positions among `found`, the text's words. The name is the
    word after a Russian street word, before a Tatar or English one; after "улица" or
    "street" it must be capitalised, since "на улице" alone means outdoors ("на улице не
    горит фонарь"), while "на проспекте победы" is a street however it is typed."""
    # A capital marks a name; folding keeps every letter where it was.
    named = [text[m.start()].isupper() for m in _WORD.finditer(text.lower().translate(_FOLD))]
    streets = []
    for n, word in enumerate(found):
        if word not in STREET_WORDS:
            continue
        name = n - 1 if word in NAME_FIRST_STREET_WORDS else n + 1
        if not 0 <= name < len(found) or found[name] in STOP_WORDS:
            continue
        if word in OUTDOORS_STREET_WORDS and not named[name]:
            continue
        streets.append((n, name))
    return streets


def is_question(text: str) -> bool:
    """Whether the text asks something ("куда звонить?") rather than states a problem."""
    found = words(text)
    return (
        "?" in text
        or any(word in QUESTION_WORDS for word in found)
        or bool(found and found[0] in LEADING_QUESTION_WORDS)
    )


def names_a_place(text: str) -> bool:
    """Whether the text says where, outdoors, as a report does: "яма у подъезда", "во дворе",
    "возле нашего дома", "на улице Гагарина", "на проспекте победы" (a street with its name,
    see `_streets`). "в доме", "в квартире" are indoors: an outage, not a place to send
    someone to."""
    found = words(text)
    return bool(_streets(text, found)) or any(
        word in PLACE_WORDS
        or (word in HOUSE_WORDS and any(w in BY_WORDS for w in found[max(0, n - 2) : n]))
        for n, word in enumerate(found)
    )


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if _CYRILLIC.search(word):
        for prefix, fixed in STEM_OF_PREFIX.items():
            if word.startswith(prefix):
                return fixed
        return str(_RUSSIAN.stemWord(word))
    if _LATIN.search(word):
        return str(_ENGLISH.stemWord(word))
    return word  # a number: "112"


@lru_cache(maxsize=65536)
def tatar_stem(word: str) -> str:
    """The word with up to three Tatar endings taken off, keeping a root of two letters."""
    if not _CYRILLIC.search(word):
        return stem(word)
    for _ in range(3):
        match = _TATAR_ENDING.search(word)
        if match is None or match.start() < TATAR_MIN_ROOT:
            break
        word = word[: match.start()]
    return word


def _unmix(word: str) -> str:
    # Only a word with both alphabets is a slip of the keyboard layout; "water" stays Latin.
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LOOKALIKES)
    return word

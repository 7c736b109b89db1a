"""Word tables for the Russian (and a little Tatar) way of writing Kazan addresses.

Keys are in the form `normalize` sees them: lower case, ё → е, dots dropped and a hyphen
between letters removed ("пр-т" → "прт", "б-р" → "бр", "р-н" → "рн").
"""

from __future__ import annotations

from typing import Final


def _aliases(canonical: str, *spellings: str) -> dict[str, str]:
    return {spelling: canonical for spelling in (canonical, *spellings)}


# Abbreviations and inflected forms of street types ("по улице", "на проспекте"); the
# Tatar words are the type words of the official bilingual signs ("Бауман урамы").
TYPE_WORDS: Final[dict[str, str]] = {
    **_aliases("улица", "ул", "улицы", "улице", "улицу", "улицей", "урамы"),
    **_aliases(
        "проспект",
        "пр",
        "прт",
        "пркт",
        "просп",
        "проспекта",
        "проспекте",
        "проспекту",
        "проспекты",
    ),
    **_aliases("переулок", "пер", "переулка", "переулке", "переулку", "тыкрыгы"),
    **_aliases("проезд", "прд", "проезда", "проезде", "проезду", "юлы"),
    **_aliases("бульвар", "бр", "бул", "бульв", "бульвара", "бульваре", "бульвару"),
    **_aliases("набережная", "наб", "набережной", "набережную"),
    **_aliases("шоссе", "ш", "шос"),
    **_aliases("площадь", "пл", "площ", "площади", "мэйданы"),
    **_aliases("тракт", "тр", "тракта", "тракте", "тракту"),
    **_aliases("магистраль", "магистрали"),
    **_aliases("дамба", "дамбы", "дамбе"),
    **_aliases("спуск", "спуска", "спуске"),
    **_aliases("тупик", "туп"),
}
STREET_TYPES: Final = frozenset(TYPE_WORDS.values())
# "Советский район", "в Советском р-не": the word that marks a district hint.
DISTRICT_WORDS: Final[dict[str, str]] = _aliases("район", "рн", "рне", "района", "районе")

# Spelled-out ordinals of numbered streets ("Вторая Вольская" is "2-я Вольская").
ORDINAL_WORDS: Final[dict[str, str]] = {
    "первая": "1-я",
    "вторая": "2-я",
    "третья": "3-я",
    "четвертая": "4-я",
    "пятая": "5-я",
    "первый": "1-й",
    "второй": "2-й",
    "третий": "3-й",
    "четвертый": "4-й",
    "пятый": "5-й",
}

# Words that may directly follow a number inside a street name ("8 Марта", "40 лет
# Октября"), so that number is part of the name and never a house number.
NAME_AFTER_NUMBER: Final = frozenset(
    {
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
        "лет",
        "летия",
        "съезда",
        "партсъезда",
    }
)

# Marker spellings before a number → the canonical word `normalize` writes.
HOUSE_MARKERS: Final[dict[str, str]] = {
    **_aliases("дом", "д"),
    **_aliases("корпус", "корп", "кор", "к"),
    **_aliases("строение", "стр", "с"),
}
# Parts of an address below the house ("кв 7", "2 под.", Tatar "5 кат"): not matched, since
# outages and reports go by house, but kept as a note for whoever goes there.
FLAT_MARKERS: Final[dict[str, str]] = {
    **_aliases("квартира", "кв", "квартиры", "фатир"),
    **_aliases("офис", "оф"),
    **_aliases("помещение", "пом"),
    **_aliases("комната", "комн"),
    **_aliases("подъезд", "под", "пд", "подьезд", "подезд", "подъезде"),
    **_aliases("этаж", "эт", "этаже", "кат"),
    **_aliases("домофон", "домоф"),
}
# How each part is written in the note for staff ("подъезд 2, кв. 7").
DETAIL_LABELS: Final[dict[str, str]] = {
    "подъезд": "подъезд",
    "этаж": "этаж",
    "квартира": "кв.",
    "офис": "офис",
    "помещение": "пом.",
    "комната": "комн.",
    "домофон": "домофон",
}

# Filler that people put around a street name in a chat message.
STOPWORDS: Final = frozenset(
    {
        "по",
        "на",
        "в",
        "во",
        "у",
        "около",
        "возле",
        "рядом",
        "напротив",
        "адрес",
        "я",
        "живу",
        "мой",
        "моя",
        "наш",
        "дом",
        "номер",
        "город",
        "г",
    }
)

# Capital and small Latin letters that look like Cyrillic ones and slip into typed text.
LATIN_LOOKALIKES: Final[dict[str, str]] = {
    **dict(zip("ABCEHKMOPTXY", "АВСЕНКМОРТХУ", strict=True)),
    **dict(zip("aceopxyk", "асеорхук", strict=True)),
}
# Tatar letters typed as their nearest Russian-keyboard letters ("Мәскәү" → "мэскэу").
TATAR_LETTERS: Final[dict[str, str]] = dict(zip("әөүҗңһ", "эоужнх", strict=True))

"""Text typed on the wrong keyboard layout: ",fevfyf 15" is "баумана 15" on ЙЦУКЕН.

Russian typed with the English layout on (the most common slip in Russia) and the other
way round (Latin "Baumana" typed as "ифгьфтф"). The keys are those of the standard
ЙЦУКЕН and QWERTY layouts, shifted characters included.
"""

from __future__ import annotations

_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~"
_JCUKEN = "йцукенгшщзхъфывапролджэячсмитьбю.ёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё"
_TO_CYRILLIC = str.maketrans(_QWERTY, _JCUKEN)
# Back only the letters: Russian "." and "," are what a person meant to type, whatever the
# layout, and the letters б/ю/ж/э/х/ъ/ё stand for the punctuation keys they share.
_TO_LATIN = str.maketrans({c: q for c, q in zip(_JCUKEN, _QWERTY, strict=True) if c.isalpha()})


def _has_cyrillic(text: str) -> bool:
    return any("а" <= c <= "я" or c == "ё" for c in text.lower())


def _has_latin(text: str) -> bool:
    return any("a" <= c <= "z" for c in text.lower())


def other_layout(text: str) -> str | None:
    """The text as if typed on the other layout; None unless it is all in one script."""
    latin, cyrillic = _has_latin(text), _has_cyrillic(text)
    if latin and not cyrillic:
        return text.translate(_TO_CYRILLIC)
    if cyrillic and not latin:
        return text.translate(_TO_LATIN)
    return None

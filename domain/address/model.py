"""Value objects of address understanding: streets, candidates and match results."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from domain.address.english import english_street
from domain.address.geocode import RegisterPoint, locate

# Short forms used on Russian signs and in city notices ("ул. Баумана", "пр-т Победы").
# Types without a settled abbreviation are written in full ("Сибирский тракт").
_SHORT_TYPES: Final[dict[str, str]] = {
    "улица": "ул.",
    "проспект": "пр-т",
    "переулок": "пер.",
    "проезд": "пр-д",
    "площадь": "пл.",
    "набережная": "наб.",
    "шоссе": "ш.",
    "бульвар": "б-р",
}
# Endings of adjective names ("Сибирский", "Советская", "Горьковское"); not a bare "ая",
# which would take the genitive "Тукая" or "1 Мая" for an adjective.
_ADJECTIVE_ENDINGS: Final = ("ый", "ий", "ой", "ская", "цкая", "ная", "вая", "яя", "ское", "ное")


@dataclass(frozen=True, slots=True)
class Street:
    """One street of the city register; `name` is stored without the type word."""

    name: str
    type: str
    districts: tuple[str, ...] = ()
    name_tt: str | None = None
    id: int | None = None
    # Points the register gives (the street's own, some houses'): see `geocode`.
    points: tuple[RegisterPoint, ...] = ()

    def label(self, locale: str = "ru") -> str:
        """Short label: "ул. Баумана", "пр-т Победы", "Сибирский тракт".

        A Tatar reader gets the Tatar name where the register has one ("Бауман урамы", the
        first of its spellings); an English reader a Latin form to read and say, with the
        Russian of the signs and the city's notices beside it ("Baumana St (ул. Баумана)").
        """
        if locale == "tt" and self.name_tt:
            return self.name_tt.split(";")[0].strip()
        if locale == "en":
            return f"{english_street(self.name, self.type)} ({self.label()})"
        short = _SHORT_TYPES.get(self.type, self.type)
        # An adjective name agrees with a non-street type and comes first in speech and on
        # signs ("Кремлёвская наб."); for "улица" the prefix form is the postal standard.
        if self.type != "улица" and self.name.lower().endswith(_ADJECTIVE_ENDINGS):
            return f"{self.name} {short}"
        return f"{short} {self.name}"


@dataclass(frozen=True, slots=True)
class AddressCandidate:
    """A street (in one district) that the query may mean, with the house it named."""

    street: Street
    house: str | None
    district: str | None
    score: float
    # Flat, entrance, floor, intercom ("подъезд 2, кв. 7"): not part of the match, kept for
    # whoever goes to the address.
    details: str | None = None

    def label(self, locale: str = "ru") -> str:
        """ "ул. Баумана, 15" — without the district, which the caller shows if it needs to."""
        street = self.street.label(locale)
        return f"{street}, {self.house}" if self.house else street

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) of the house (interpolated along the street) or of the street."""
        return locate(self.street.points, self.house)

    def label_with_details(self) -> str:
        """ "ул. Баумана, 15 (подъезд 2, кв. 7)": the place as a request keeps it for staff."""
        label = self.label()
        return f"{label} ({self.details})" if self.details else label


# The matcher's score of a street name written exactly as in the register (any case, any
# type word, "ё" or "е"); a corrected spelling scores less.
EXACT_SPELLING_SCORE = 100.0


class MatchOutcome(StrEnum):
    """How sure the matcher is.

    EXACT means one street *and* district stands out clearly — the spelling itself may have
    had typos. AMBIGUOUS means the caller should ask the person to pick from the candidates
    (several close streets, one street in several districts, or a weak best guess).
    """

    EXACT = "exact"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class AddressMatch:
    query: str
    outcome: MatchOutcome
    candidates: tuple[AddressCandidate, ...]  # best first; empty when NOT_FOUND

    @property
    def details(self) -> str | None:
        """What the person added below the house ("подъезд 2, кв. 7"), if anything."""
        return self.candidates[0].details if self.candidates else None

    @property
    def best(self) -> AddressCandidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def settled(self) -> AddressCandidate | None:
        """The address to take as typed, without "did you mean": one street and district
        stand out, its name was spelt exactly and a house was given. Anything less is a doubt
        to ask about (a corrected typo, a street without a house, one name in several
        districts). Every address form (reports, alerts) follows this one rule."""
        best = self.best
        if self.outcome is not MatchOutcome.EXACT or best is None or not best.house:
            return None
        return best if best.score >= EXACT_SPELLING_SCORE else None

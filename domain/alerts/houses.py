"""House numbers as Kazan's notices write them: "15", "15а", "15/2", "15 к1", ranges "1-15"
and one side of a street (odd or even numbers), which is how utilities cut supply."""

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_HOUSE_NUMBER = 99_999
_LEADING_NUMBER = re.compile(r"\s*(\d{1,5})")
_SPACES = re.compile(r"\s+")
_BUILDING = re.compile(r"(корпус|корп\.?|кор\.?)")


class Parity(StrEnum):
    ODD = "odd"
    EVEN = "even"


def house_number(house: str | None) -> int | None:
    """The leading number of a house ("15а" → 15); None when there is none."""
    if not house:
        return None
    found = _LEADING_NUMBER.match(house)
    return int(found.group(1)) if found else None


def normalise_house(house: str) -> str:
    """One spelling per building: lower case, "корпус 1"/"корп. 1" → "к1", no spaces."""
    text = _BUILDING.sub("к", house.strip().lower().replace("ё", "е"))
    return _SPACES.sub("", text)


@dataclass(frozen=True, slots=True)
class HouseRange:
    """Houses `first`..`last` inclusive, by their leading number; optionally one side only."""

    first: int
    last: int
    parity: Parity | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last <= MAX_HOUSE_NUMBER:
            raise ValueError(f"a house range needs 1 <= first <= last: {self.first}-{self.last}")

    def contains(self, number: int) -> bool:
        if not self.first <= number <= self.last:
            return False
        if self.parity is Parity.ODD:
            return number % 2 == 1
        if self.parity is Parity.EVEN:
            return number % 2 == 0
        return True

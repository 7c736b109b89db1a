"""The thresholds of suspected outages and of "is it back?" (data/crowd_outages.toml explains
the numbers), and which reports say that a supply is off.

A request counts when its text says so ("нет воды", "отключили свет", "батареи холодные"):
its category alone does not, as "Вода и отопление" also holds leaks and flooded basements,
which are not outages.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from domain.alerts.outages import OutageKind


class SuspectKind(StrEnum):
    """What residents say is off, in their words: "no water" does not say hot or cold."""

    WATER = "water"
    POWER = "power"
    HEATING = "heating"


# The outages that explain a report of each kind (one of them known there: nothing to suspect).
EXPLAINED_BY: Mapping[SuspectKind, tuple[OutageKind, ...]] = {
    SuspectKind.WATER: (OutageKind.COLD_WATER, OutageKind.HOT_WATER),
    SuspectKind.POWER: (OutageKind.ELECTRICITY,),
    SuspectKind.HEATING: (OutageKind.HEATING,),
}
# What a confirmed suspicion is published as: "no water" is cold water (hot water alone off
# is a planned summer outage, which the utility announces itself).
CONFIRMED_AS: Mapping[SuspectKind, OutageKind] = {
    SuspectKind.WATER: OutageKind.COLD_WATER,
    SuspectKind.POWER: OutageKind.ELECTRICITY,
    SuspectKind.HEATING: OutageKind.HEATING,
}

_NOT_GOING = r"(?:не\s+(?:\w+\s+)?(?:ид[её]т|теч[её]т|бежит|подают))"
_PATTERNS: tuple[tuple[SuspectKind, re.Pattern[str]], ...] = (
    (
        SuspectKind.POWER,
        re.compile(
            r"нет\s+(?:\w+\s+)?(?:света|электричества)|без\s+(?:\w+\s+)?(?:света|электричества)"
            r"|отключ\w*\s+(?:\w+\s+)?(?:свет|электричеств)|свет\w*\s+нет"
            r"|ут\s+юк|электр\w*\s+юк|no\s+(?:\w+\s+)?(?:power|electricity)|power\s+(?:is\s+)?out",
            re.IGNORECASE,
        ),
    ),
    (
        SuspectKind.HEATING,
        re.compile(
            r"нет\s+(?:\w+\s+)?отоплени|без\s+(?:\w+\s+)?отоплени|отключ\w*\s+(?:\w+\s+)?отоплени"
            r"|батаре\w*\s+(?:\w+\s+)?холодн|холодн\w*\s+батаре|җылылык\s+юк"
            r"|no\s+(?:\w+\s+)?heating|radiators?\s+(?:are\s+)?cold",
            re.IGNORECASE,
        ),
    ),
    (
        SuspectKind.WATER,
        re.compile(
            r"нет\s+(?:\w+\s+)?воды|вод[аы]\s+нет|без\s+(?:\w+\s+)?воды|отключ\w*\s+(?:\w+\s+)?вод"
            rf"|вод\w*\s+{_NOT_GOING}|{_NOT_GOING}\s+(?:\w+\s+)?вод"
            r"|су\s+юк|no\s+(?:\w+\s+)?water",
            re.IGNORECASE,
        ),
    ),
)


def said_off(text: str | None) -> SuspectKind | None:
    """What the text says is off, if it says so (power and heating before water: "без света,
    и воды нет" is a power cut that stopped the pumps)."""
    if not text:
        return None
    return next((kind for kind, pattern in _PATTERNS if pattern.search(text)), None)


@dataclass(frozen=True, slots=True)
class KindRules:
    building_residents: int
    street_residents: int
    window: timedelta
    faq_entries: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.building_residents <= self.street_residents:
            raise ValueError("need 1 <= building_residents <= street_residents")
        if self.window <= timedelta(0):
            raise ValueError("window_minutes must be positive")


@dataclass(frozen=True, slots=True)
class CrowdRules:
    kinds: Mapping[SuspectKind, KindRules]
    still_off_per_house: int = 3
    answer_window: timedelta = timedelta(hours=36)

    def __post_init__(self) -> None:
        if set(self.kinds) != set(SuspectKind):
            raise ValueError(f"rules are needed for every kind: {[k.value for k in SuspectKind]}")
        if self.still_off_per_house < 1 or self.answer_window <= timedelta(0):
            raise ValueError("still_off_per_house and answer_window_hours must be positive")

    def faq_kind(self, entry_id: str) -> SuspectKind | None:
        """The kind an FAQ question is about, when it counts as a report."""
        return next((k for k, rules in self.kinds.items() if entry_id in rules.faq_entries), None)


def parse_rules(data: Mapping[str, Any]) -> CrowdRules:
    """The rules from the reference file's tables; ValueError names the table and the key."""
    kinds = {
        kind: KindRules(
            building_residents=int(_value(data, kind.value, "building_residents")),
            street_residents=int(_value(data, kind.value, "street_residents")),
            window=timedelta(minutes=int(_value(data, kind.value, "window_minutes"))),
            faq_entries=tuple(str(e) for e in data[kind.value].get("faq_entries", ())),
        )
        for kind in SuspectKind
    }
    return CrowdRules(
        kinds,
        still_off_per_house=int(_value(data, "is_it_back", "still_off_per_house")),
        answer_window=timedelta(hours=int(_value(data, "is_it_back", "answer_window_hours"))),
    )


def _value(data: Mapping[str, Any], table: str, key: str) -> Any:
    try:
        return data[table][key]
    except (KeyError, TypeError):
        raise ValueError(f"crowd rules: [{table}] {key} is missing") from None


DEFAULT_RULES = CrowdRules(
    {
        SuspectKind.WATER: KindRules(3, 5, timedelta(minutes=90), ("no_water", "no_hot_water")),
        SuspectKind.POWER: KindRules(3, 5, timedelta(minutes=60), ("no_power",)),
        SuspectKind.HEATING: KindRules(4, 6, timedelta(hours=6), ("no_heating",)),
    }
)

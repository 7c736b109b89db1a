"""Suspected outages: what residents say is off before any source has announced it, and
their answers to "is it back?" once one is restored.

A `Signal` is one resident saying a supply is off at a place (a building, or a street when
the house is not known). Signals of one kind on one street are kept loose until enough
different residents agree within the window (crowd_rules.py): then they become one
`Suspicion`, shown to staff as one card; later signals there join it (the card is redrawn,
never posted twice) until staff confirm it (an outage is published) or dismiss it. Signals
that joined a decided suspicion never count again, so a dismissed alarm does not come back
from the same reports.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from domain.alerts.crowd_rules import KindRules, SuspectKind
from domain.alerts.outages import OutageArea, StreetSpan
from domain.errors import InvalidInput, InvalidTransition

MAX_REASON = 500


class SignalSource(StrEnum):
    REQUEST = "request"  # a request whose text says it is off
    FAQ = "faq"  # a question about it, asked by someone with a saved address
    DECLINED = "declined"  # "file anyway" under the offer to follow a known outage


class SuspicionStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Signal:
    user_id: int
    kind: SuspectKind
    source: SignalSource
    street_id: int
    house: str | None  # normalised (houses.normalise_house); None: somewhere on the street
    district: str | None
    place_text: str  # how the resident's place reads: "ул. Баумана, 15"
    created_at: datetime
    request_id: int | None = None
    declined_outage_id: int | None = None  # "not this one": it does not explain the report
    suspicion_id: int | None = None
    id: int | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Suspicion:
    kind: SuspectKind
    street_id: int
    district: str | None
    houses: tuple[str, ...]  # the buildings reported, in order of their first report
    street_wide: bool  # enough residents of the street: the whole street is suspect
    first_at: datetime
    last_at: datetime
    status: SuspicionStatus = SuspicionStatus.OPEN
    outage_id: int | None = None  # the outage it was confirmed as
    reason: str | None = None  # why it was dismissed
    decided_by: str | None = None
    decided_at: datetime | None = None
    id: int | None = field(default=None)

    @property
    def area(self) -> OutageArea:
        """What a confirmation publishes: the street, or the buildings reported on it."""
        if self.street_wide or not self.houses:
            return OutageArea(streets=(StreetSpan(self.street_id),))
        return OutageArea(streets=(StreetSpan(self.street_id, houses=self.houses),))


def residents(signals: Iterable[Signal]) -> int:
    """Each resident counts once, however many times they said it."""
    return len({signal.user_id for signal in signals})


def gathered(
    kind: SuspectKind, loose: list[Signal], rules: KindRules, now: datetime
) -> tuple[Suspicion, list[Signal]] | None:
    """A suspicion, and the signals it takes, when the loose signals of one street (within
    the window) are enough: the street's residents, or one building's."""
    recent = [s for s in loose if s.created_at >= now - rules.window]
    if not recent:
        return None
    street_wide = residents(recent) >= rules.street_residents
    by_house: dict[str, list[Signal]] = {}
    for signal in recent:
        if signal.house is not None:
            by_house.setdefault(signal.house, []).append(signal)
    hot = [h for h, found in by_house.items() if residents(found) >= rules.building_residents]
    if not street_wide and not hot:
        return None
    taken = recent if street_wide else [s for s in recent if s.house in hot]
    houses = tuple(dict.fromkeys(s.house for s in taken if s.house is not None))
    suspicion = Suspicion(
        kind=kind,
        street_id=taken[0].street_id,
        district=next((s.district for s in taken if s.district), None),
        houses=houses,
        street_wide=street_wide,
        first_at=min(s.created_at for s in taken),
        last_at=max(s.created_at for s in taken),
    )
    return suspicion, taken


def joined(
    suspicion: Suspicion, signal: Signal, attached: list[Signal], rules: KindRules
) -> Suspicion:
    """The open suspicion once `signal` joins it (`attached`: its signals before)."""
    houses = suspicion.houses
    if signal.house is not None and signal.house not in houses:
        houses = (*houses, signal.house)
    wide = suspicion.street_wide or residents([*attached, signal]) >= rules.street_residents
    return replace(suspicion, houses=houses, street_wide=wide, last_at=signal.created_at)


def decided(
    suspicion: Suspicion,
    status: SuspicionStatus,
    by: str,
    now: datetime,
    *,
    outage_id: int | None = None,
    reason: str | None = None,
) -> Suspicion:
    if suspicion.status is not SuspicionStatus.OPEN:
        raise InvalidTransition(f"suspicion {suspicion.id} is already {suspicion.status.value}")
    if status is SuspicionStatus.DISMISSED:
        reason = (reason or "").strip()
        if not reason or len(reason) > MAX_REASON:
            raise InvalidInput(f"a reason must be 1-{MAX_REASON} characters")
    return replace(
        suspicion, status=status, outage_id=outage_id, reason=reason, decided_by=by, decided_at=now
    )


@dataclass(frozen=True, slots=True)
class BackAnswer:
    """One resident's answer to "is it back?" about one restored outage, at one building."""

    outage_id: int
    user_id: int
    street_id: int
    house: str  # normalised
    back: bool
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class HouseTally:
    back: int = 0
    still_off: int = 0

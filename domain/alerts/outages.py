"""Outages of water, power, heating and gas: what is off, where, until when, and what changed.

An outage is published by a source (a utility, the city's dispatch service) and updated by
it; `apply` turns an update into the new outage and the phases residents must hear of, so
publishing the same thing twice changes nothing and tells nobody anything.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from domain.alerts.houses import HouseRange, house_number, normalise_house
from domain.clock import CITY_TZ
from domain.errors import InvalidInput, InvalidTransition

MAX_DESCRIPTION = 2000
MAX_OUTAGE_LENGTH = timedelta(days=60)


class OutageKind(StrEnum):
    COLD_WATER = "cold_water"
    HOT_WATER = "hot_water"
    ELECTRICITY = "electricity"
    HEATING = "heating"
    GAS = "gas"


class OutageStatus(StrEnum):
    ANNOUNCED = "announced"  # published; planned ones have not started yet
    STARTED = "started"
    EXTENDED = "extended"  # its end moved later than first said
    RESTORED = "restored"
    CANCELLED = "cancelled"  # a planned outage that will not happen


FINAL_STATUSES = frozenset({OutageStatus.RESTORED, OutageStatus.CANCELLED})
_MOVES: dict[OutageStatus, frozenset[OutageStatus]] = {
    OutageStatus.ANNOUNCED: frozenset(OutageStatus) - {OutageStatus.ANNOUNCED},
    OutageStatus.STARTED: frozenset({OutageStatus.EXTENDED, OutageStatus.RESTORED}),
    OutageStatus.EXTENDED: frozenset({OutageStatus.STARTED, OutageStatus.RESTORED}),
    OutageStatus.RESTORED: frozenset(),
    OutageStatus.CANCELLED: frozenset(),
}


class Phase(StrEnum):
    """What residents are told about an outage; each reaches a person at most once."""

    ANNOUNCED = "announced"
    END_CHANGED = "end_changed"  # once per revision of the end time
    START_CHANGED = "start_changed"  # a planned outage moved (with its end, if that moved)
    RESTORED = "restored"
    CANCELLED = "cancelled"
    REMINDER_EVENING = "reminder_evening"  # 19:00 the evening before a planned outage
    REMINDER_HOUR = "reminder_hour"  # an hour before it starts


ENDING_PHASES = frozenset({Phase.RESTORED, Phase.CANCELLED})


REMINDER_PHASES = frozenset({Phase.REMINDER_EVENING, Phase.REMINDER_HOUR})


def outdated(
    outage: "Outage", phase: Phase, now: datetime, end_revision: int | None = None
) -> str | None:
    """Why news of the outage is no longer worth a message (None: it still says the truth).
    Checked when the fan-out writes it and again when it is sent, which may be hours later
    (quiet hours)."""
    if phase in ENDING_PHASES:
        return None
    if outage.final:
        return f"outage {outage.id} is already {outage.status.value}"
    if phase in REMINDER_PHASES and outage.starts_at <= now:
        return f"outage {outage.id} began before its reminder went"
    stale_end = end_revision is not None and end_revision < outage.end_revision
    if phase is Phase.END_CHANGED and stale_end:
        return f"a newer end time of outage {outage.id} follows"
    return None


@dataclass(frozen=True, slots=True)
class StreetSpan:
    """A street, or part of it: house ranges and/or single houses; neither means all of it."""

    street_id: int
    ranges: tuple[HouseRange, ...] = ()
    houses: tuple[str, ...] = ()  # normalised (see houses.normalise_house)

    @property
    def whole_street(self) -> bool:
        return not self.ranges and not self.houses

    def covers(self, house: str | None) -> bool:
        if self.whole_street:
            return True
        if house is None:
            return False
        if normalise_house(house) in self.houses:
            return True
        number = house_number(house)
        return number is not None and any(r.contains(number) for r in self.ranges)


@dataclass(frozen=True, slots=True)
class OutageArea:
    """Whole districts and/or streets (parts of streets, single addresses)."""

    districts: tuple[str, ...] = ()
    streets: tuple[StreetSpan, ...] = ()

    def __post_init__(self) -> None:
        if not self.districts and not self.streets:
            raise InvalidInput("an outage needs an area: districts or streets")

    def covers(self, street_id: int | None, house: str | None, district: str | None) -> bool:
        if district is not None and district in self.districts:
            return True
        return any(s.street_id == street_id and s.covers(house) for s in self.streets)

    @property
    def street_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(span.street_id for span in self.streets))


@dataclass(frozen=True, slots=True)
class Outage:
    kind: OutageKind
    emergency: bool
    area: OutageArea
    starts_at: datetime
    ends_at: datetime | None  # None: the source does not know yet
    description: str
    source: str
    created_at: datetime
    updated_at: datetime
    status: OutageStatus = OutageStatus.ANNOUNCED
    source_id: str | None = None  # the source's own id: publishing it again updates this one
    revision: int = 1  # bumped by every change residents are told of
    end_revision: int = 1  # bumped when the end time moves
    reminded_evening: bool = False
    reminded_hour: bool = False
    id: int | None = field(default=None)

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    def current(self, now: datetime) -> bool:
        """Off right now (started, and not restored: an overdue end still means off)."""
        return not self.final and self.starts_at <= now

    def planned_ahead(self, now: datetime) -> bool:
        return not self.final and self.starts_at > now


@dataclass(frozen=True, slots=True)
class OutageDraft:
    """What a source publishes; publishing it again (same source and source_id) updates."""

    kind: OutageKind
    emergency: bool
    area: OutageArea
    starts_at: datetime
    ends_at: datetime | None
    description: str
    source: str
    source_id: str | None = None
    status: OutageStatus = OutageStatus.ANNOUNCED


@dataclass(frozen=True, slots=True)
class OutageChange:
    """An update: only the fields given change."""

    status: OutageStatus | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    description: str | None = None
    area: OutageArea | None = None


def check_draft(draft: OutageDraft, now: datetime) -> None:
    """The rules a new outage must keep; each refusal says which."""
    _check_times(draft.starts_at, draft.ends_at)
    _check_description(draft.description)
    if draft.status in FINAL_STATUSES:
        raise InvalidInput(f"a new outage cannot be published as {draft.status.value}")
    if draft.ends_at is not None and draft.ends_at <= now and not draft.emergency:
        raise InvalidInput("ends_at is in the past: nothing to announce")


def new_outage(draft: OutageDraft, now: datetime) -> Outage:
    check_draft(draft, now)
    return Outage(
        kind=draft.kind,
        emergency=draft.emergency,
        area=draft.area,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        description=draft.description.strip(),
        source=draft.source,
        source_id=draft.source_id,
        status=draft.status,
        created_at=now,
        updated_at=now,
    )


def change_from_draft(outage: Outage, draft: OutageDraft) -> OutageChange:
    """A republished outage as the change it makes (fields equal to the stored ones drop)."""
    if draft.kind is not outage.kind or draft.emergency != outage.emergency:
        raise InvalidInput("kind and emergency of a published outage cannot change")
    # A source says "announced" for as long as it lists the outage; that is no news about
    # its status (and no move ever goes back to ANNOUNCED), so it must not undo EXTENDED,
    # STARTED or RESTORED the next time the same item is published.
    keeps_status = draft.status is outage.status or draft.status is OutageStatus.ANNOUNCED
    return OutageChange(
        status=None if keeps_status else draft.status,
        starts_at=draft.starts_at if draft.starts_at != outage.starts_at else None,
        ends_at=draft.ends_at if draft.ends_at != outage.ends_at else None,
        description=(
            draft.description.strip() if draft.description.strip() != outage.description else None
        ),
        area=draft.area if draft.area != outage.area else None,
    )


def apply(outage: Outage, change: OutageChange, now: datetime) -> tuple[Outage, list[Phase]]:
    """The outage after `change`, and what residents must be told of it (maybe nothing)."""
    if outage.final:
        if change == OutageChange() or change.status is outage.status:
            return outage, []
        raise InvalidTransition(f"the outage is already {outage.status.value}")
    status = change.status or outage.status
    if status is not outage.status and status not in _MOVES[outage.status]:
        raise InvalidTransition(f"an outage cannot go from {outage.status.value} to {status}")
    starts_at = change.starts_at or outage.starts_at
    ends_at = change.ends_at if change.ends_at is not None else outage.ends_at
    _check_times(starts_at, ends_at)
    if change.description is not None:
        _check_description(change.description)
    phases: list[Phase] = []
    end_moved = change.ends_at is not None and change.ends_at != outage.ends_at
    start_moved = starts_at != outage.starts_at
    if status is OutageStatus.RESTORED:
        phases.append(Phase.RESTORED)
    elif status is OutageStatus.CANCELLED:
        phases.append(Phase.CANCELLED)
    elif start_moved and outage.starts_at > now:
        # Residents plan around a planned outage: moving it is news (the message gives the
        # new start and end, so a moved end needs no message of its own).
        phases.append(Phase.START_CHANGED)
    elif end_moved:
        phases.append(Phase.END_CHANGED)
        # Only an outage that has begun is "extended": a planned one whose end moves stays
        # announced, so it can still be cancelled (EXTENDED cannot move to CANCELLED).
        later = outage.ends_at is not None and ends_at is not None and ends_at > outage.ends_at
        if later and starts_at <= now:
            status = OutageStatus.EXTENDED if status is outage.status else status
    updated = replace(
        outage,
        status=status,
        starts_at=starts_at,
        ends_at=ends_at,
        description=change.description.strip() if change.description else outage.description,
        area=change.area or outage.area,
        updated_at=now,
        revision=outage.revision + (1 if phases else 0),
        end_revision=outage.end_revision + (1 if end_moved else 0),
        # A moved start earns fresh reminders (they name the new time).
        reminded_evening=outage.reminded_evening and not start_moved,
        reminded_hour=outage.reminded_hour and not start_moved,
    )
    if updated == replace(outage, updated_at=now):
        return outage, []
    return updated, phases


def evening_before(starts_at: datetime) -> datetime:
    """19:00 city time on the day before the outage starts."""
    day_before = (starts_at.astimezone(CITY_TZ) - timedelta(days=1)).date()
    return datetime(day_before.year, day_before.month, day_before.day, 19, tzinfo=CITY_TZ)


def reminders_due(outage: Outage, now: datetime) -> list[Phase]:
    """Reminders of a planned outage whose moment has come. A reminder is only worth sending
    when the outage was published before that moment (otherwise the announcement was it)."""
    if outage.emergency or outage.final or outage.starts_at <= now:
        return []
    due: list[Phase] = []
    evening = evening_before(outage.starts_at)
    if not outage.reminded_evening and evening <= now and outage.created_at < evening:
        due.append(Phase.REMINDER_EVENING)
    hour = outage.starts_at - timedelta(hours=1)
    if not outage.reminded_hour and hour <= now and outage.created_at < hour:
        due.append(Phase.REMINDER_HOUR)
    return due


def _check_times(starts_at: datetime, ends_at: datetime | None) -> None:
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise InvalidInput("times must carry a time zone")
    if ends_at is not None and ends_at <= starts_at:
        raise InvalidInput("ends_at must be after starts_at")
    if ends_at is not None and ends_at - starts_at > MAX_OUTAGE_LENGTH:
        raise InvalidInput("an outage longer than 60 days is not an outage")


def _check_description(description: str) -> None:
    if len(description.strip()) > MAX_DESCRIPTION:
        raise InvalidInput(f"description is longer than {MAX_DESCRIPTION} characters")

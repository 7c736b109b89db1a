"""Who follows what: saved addresses, subscriptions and delivery preferences.

A topic is "outage:<kind>" or "event:<category>". An outage subscription is for a saved
address or a whole district; an event subscription for a district or the whole city.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.clock import CITY_TZ
from domain.errors import InvalidInput

MAX_LABEL = 40
MAX_ADDRESSES = 10
OUTAGE_PREFIX = "outage:"
EVENT_PREFIX = "event:"


class Scope(StrEnum):
    ADDRESS = "address"
    DISTRICT = "district"
    CITY = "city"


class EventDelivery(StrEnum):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


def outage_topic(kind: OutageKind) -> str:
    return OUTAGE_PREFIX + kind.value


def event_topic(category: EventCategory) -> str:
    return EVENT_PREFIX + category.value


def parse_topic(topic: str) -> OutageKind | EventCategory:
    """The kind or category a topic names; InvalidInput for anything else."""
    try:
        if topic.startswith(OUTAGE_PREFIX):
            return OutageKind(topic.removeprefix(OUTAGE_PREFIX))
        if topic.startswith(EVENT_PREFIX):
            return EventCategory(topic.removeprefix(EVENT_PREFIX))
    except ValueError:
        pass
    raise InvalidInput(f"unknown topic {topic!r}")


@dataclass(frozen=True, slots=True)
class SavedAddress:
    """A place a person cares about: a matched street and house, or a shared location."""

    user_id: int
    label: str  # "Дом", "Работа", "Родители" — the person's own words
    text: str  # how it is shown: "ул. Баумана, 15" or the coordinates
    created_at: datetime
    street_id: int | None = None
    house: str | None = None
    district: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: int | None = field(default=None)

    def __post_init__(self) -> None:
        if not self.label.strip() or len(self.label) > MAX_LABEL:
            raise InvalidInput(f"a label must be 1-{MAX_LABEL} characters")
        if self.street_id is None and self.district is None:
            raise InvalidInput("an address needs a street or at least a district")


@dataclass(frozen=True, slots=True)
class Subscription:
    user_id: int
    topic: str
    scope: Scope
    address_id: int | None = None
    district: str | None = None
    id: int | None = field(default=None)

    def __post_init__(self) -> None:
        kind = parse_topic(self.topic)
        if self.scope is Scope.ADDRESS and self.address_id is None:
            raise InvalidInput("an address subscription needs an address")
        if self.scope is Scope.DISTRICT and self.district is None:
            raise InvalidInput("a district subscription needs a district")
        if isinstance(kind, OutageKind) and self.scope is Scope.CITY:
            raise InvalidInput("outages are followed for an address or a district")
        if isinstance(kind, EventCategory) and self.scope is Scope.ADDRESS:
            raise InvalidInput("events are followed for a district or the whole city")

    @property
    def scope_key(self) -> str:
        """One subscription per person, topic and place."""
        if self.scope is Scope.ADDRESS:
            return f"a:{self.address_id}"
        if self.scope is Scope.DISTRICT:
            return f"d:{self.district}"
        return "city"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """City time; `start` > `end` spans midnight (22:00-08:00, the default)."""

    start: time = time(22, 0)
    end: time = time(8, 0)

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise InvalidInput("quiet hours must not start and end at the same time")

    def contains(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


@dataclass(frozen=True, slots=True)
class AlertPreferences:
    quiet: QuietHours | None = QuietHours()  # None: no quiet hours at all
    events: EventDelivery = EventDelivery.INSTANT


def delivery_time(now: datetime, quiet: QuietHours | None, urgent: bool) -> datetime:
    """When a message may go: at once, or (not urgent, inside quiet hours) when they end."""
    if urgent or quiet is None:
        return now
    local = now.astimezone(CITY_TZ)
    if not quiet.contains(local.time()):
        return now
    end = datetime.combine(local.date(), quiet.end, tzinfo=CITY_TZ)
    if end <= local:
        end += timedelta(days=1)
    return end

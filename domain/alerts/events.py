"""City events residents can follow by category: concerts, exhibitions, sport..."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidInput

MAX_TITLE = 200
MAX_EVENT_LENGTH = timedelta(days=92)  # a summer festival, not a permanent exhibition


class EventCategory(StrEnum):
    CONCERTS = "concerts"
    EXHIBITIONS = "exhibitions"
    THEATRE = "theatre"
    SPORT = "sport"
    FESTIVALS = "festivals"
    CHILDREN = "children"
    HOLIDAYS = "holidays"  # city holidays: Sabantuy, City Day, New Year on the squares


@dataclass(frozen=True, slots=True)
class CityEvent:
    title: str
    category: EventCategory
    place: str  # a site's name or an address, as the organiser writes it
    district: str | None  # None: city-wide or outside any one district
    starts_at: datetime
    ends_at: datetime | None
    source: str
    created_at: datetime
    updated_at: datetime
    link: str | None = None
    price: str | None = None  # as written ("от 500 ₽"); None with free=True means free
    free: bool = False
    description: str = ""
    source_id: str | None = None
    cancelled: bool = False
    id: int | None = field(default=None)

    def upcoming(self, now: datetime) -> bool:
        end = self.ends_at or self.starts_at
        return not self.cancelled and end > now


def check_event(event: CityEvent) -> None:
    if not event.title.strip() or len(event.title) > MAX_TITLE:
        raise InvalidInput(f"title must be 1-{MAX_TITLE} characters")
    if not event.place.strip():
        raise InvalidInput("place must not be empty")
    if event.starts_at.tzinfo is None or (event.ends_at and event.ends_at.tzinfo is None):
        raise InvalidInput("times must carry a time zone")
    if event.ends_at is not None and event.ends_at <= event.starts_at:
        raise InvalidInput("ends_at must be after starts_at")
    if event.ends_at is not None and event.ends_at - event.starts_at > MAX_EVENT_LENGTH:
        raise InvalidInput("an event longer than 92 days is not an event")
    if event.link is not None and not event.link.startswith(("https://", "http://")):
        raise InvalidInput("link must start with https:// or http://")
    if event.free and event.price:
        raise InvalidInput("an event is either free or has a price")

"""The JSON shapes of city events in the admin API."""

from typing import Annotated, Any

from pydantic import Field, field_validator

from bot.api.outage_models import Source, SourceId
from bot.api.parsing import (
    WEB_LINK_PATTERN,
    BodyModel,
    Cursor,
    Id,
    PathModel,
    QueryModel,
    ResponseModel,
    Timestamp,
    UtcDateTime,
    kept,
    refuse_null,
)
from domain.alerts.events import MAX_TITLE, CityEvent, EventCategory

Link = Annotated[str, Field(max_length=500, pattern=WEB_LINK_PATTERN)]


class EventPost(BodyModel):
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    category: EventCategory
    place: str = Field(min_length=1, max_length=200, description="a site's name or an address")
    district: str | None = Field(
        default=None, min_length=1, max_length=64, description="null: city-wide"
    )
    starts_at: Timestamp
    ends_at: Timestamp | None = None
    link: Link | None = None
    price: str | None = Field(default=None, max_length=64, description='"от 500 ₽"')
    free: bool = False
    description: str = Field(default="", max_length=2000)
    source: Source
    source_id: SourceId | None = Field(
        default=None, description="the source's own id: publishing it again updates the event"
    )


class EventPatch(BodyModel):
    """Only the fields given change; null clears ends_at, link and price."""

    title: str | None = kept(min_length=1, max_length=MAX_TITLE)
    place: str | None = kept(min_length=1, max_length=200)
    starts_at: Timestamp | None = kept()
    ends_at: Timestamp | None = None
    link: Link | None = None
    price: str | None = Field(default=None, max_length=64)
    free: bool | None = kept()
    description: str | None = kept(max_length=2000)
    cancelled: bool | None = kept(description="true tells those who were told")

    @field_validator(
        "title", "place", "starts_at", "free", "description", "cancelled", mode="before"
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class EventOut(ResponseModel):
    id: int
    title: str
    category: EventCategory
    place: str
    district: str | None
    starts_at: UtcDateTime
    ends_at: UtcDateTime | None
    link: str | None
    price: str | None
    free: bool
    description: str
    source: str
    source_id: str | None
    cancelled: bool
    created_at: UtcDateTime
    updated_at: UtcDateTime

    @classmethod
    def of(cls, event: CityEvent) -> "EventOut":
        assert event.id is not None
        return cls(
            id=event.id,
            title=event.title,
            category=event.category,
            place=event.place,
            district=event.district,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            link=event.link,
            price=event.price,
            free=event.free,
            description=event.description,
            source=event.source,
            source_id=event.source_id,
            cancelled=event.cancelled,
            created_at=event.created_at,
            updated_at=event.updated_at,
        )


class EventPage(ResponseModel):
    items: list[EventOut]
    next_after_id: int | None


class EventListQuery(QueryModel):
    category: list[EventCategory] = Field(default_factory=list)
    district: str | None = Field(default=None, min_length=1, max_length=64)
    starts_from: Timestamp | None = None
    after_id: Cursor = 0
    limit: int = Field(default=50, ge=1, le=200)


class EventPath(PathModel):
    event_id: Id = Field(description="the event's id in My Kazan")

"""The JSON shapes of Art-prospect bookings in the admin API.

A booking names its performer by stage name and genre only: the API never gives out
a performer's Telegram id or personal name.
"""

from typing import Self

from pydantic import Field, model_validator

from bot.api.parsing import Cursor, QueryModel, ResponseModel, Timestamp, UtcDateTime
from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Site

PAGE_MAX = 200


class BookingFilterQuery(QueryModel):
    status: list[BookingStatus] | None = Field(None, description="any of these statuses")
    site: str | None = Field(None, min_length=1, max_length=40, description="a site's code")
    starts_from: Timestamp | None = Field(None, description="starting at or after")
    starts_before: Timestamp | None = Field(None, description="starting before")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.starts_from and self.starts_before and self.starts_from >= self.starts_before:
            raise ValueError("starts_from must be before starts_before")
        return self


class BookingListQuery(BookingFilterQuery):
    after_id: Cursor = Field(0, description="the keyset cursor: next_after_id of a page")
    limit: int = Field(50, ge=1, le=PAGE_MAX)


class BookingOut(ResponseModel):
    id: int
    site: str = Field(description="the site's code")
    site_name: str = Field(description="the site's Russian name")
    stage_name: str
    genre: Genre
    starts_at: UtcDateTime
    ends_at: UtcDateTime
    status: BookingStatus
    reason: str | None = Field(description="staff's reason for declining")
    created_at: UtcDateTime

    @classmethod
    def of(cls, booking: Booking, site: Site, performer: Performer) -> "BookingOut":
        assert booking.id is not None
        return cls(
            id=booking.id,
            site=site.code,
            site_name=site.name_ru,
            stage_name=performer.stage_name,
            genre=performer.genre,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            status=booking.status,
            reason=booking.reason,
            created_at=booking.created_at,
        )


class BookingPage(ResponseModel):
    items: list[BookingOut]
    next_after_id: int | None

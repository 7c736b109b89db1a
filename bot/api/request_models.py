"""What the request endpoints accept and answer. No personal data leaves through them: the
author's and staff members' Telegram ids and names are never part of an answer."""

from typing import Self

from pydantic import Field, model_validator

from bot.api.parsing import (
    BodyModel,
    Cursor,
    PathModel,
    QueryModel,
    ResponseModel,
    Timestamp,
    UtcDateTime,
)
from domain.history import EventKind, RequestEvent
from domain.requests import Actor, Request, RequestStatus, format_number, parse_number
from storage.repositories.admin_queries import RequestFilter

PAGE_MAX = 200


class RequestFilterQuery(QueryModel):
    status: list[RequestStatus] | None = Field(None, description="any of these statuses")
    category: str | None = Field(None, min_length=1, max_length=64, description="a category code")
    district: str | None = Field(
        None, min_length=1, max_length=64, description="a district, as in Russian"
    )
    created_from: Timestamp | None = Field(None, description="filed at or after (RFC 3339)")
    created_to: Timestamp | None = Field(None, description="filed before (RFC 3339)")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.created_from and self.created_to and self.created_from >= self.created_to:
            raise ValueError("created_from must be before created_to")
        return self

    def to_filter(self) -> RequestFilter:
        return RequestFilter(
            statuses=tuple(self.status or ()),
            category=self.category,
            district=self.district,
            created_from=self.created_from,
            created_to=self.created_to,
        )


class RequestListQuery(RequestFilterQuery):
    after_id: Cursor = Field(0, description="the keyset cursor: next_after_id of a page")
    limit: int = Field(50, ge=1, le=PAGE_MAX)


class RequestPath(PathModel):
    number: str = Field(
        pattern=r"^([Kk][Zz][Nn][- ]?|[#№] ?)?[0-9]{1,9}$",
        description="KZN-000123, or the plain id 123",
    )

    @property
    def request_id(self) -> int | None:
        """The request's id; None for a number no request can have (0)."""
        return parse_number(self.number)


class RequestOut(ResponseModel):
    """A city request"""

    id: int
    number: str
    status: RequestStatus
    category: str
    description: str
    address: str
    district: str | None
    lat: float | None
    lon: float | None
    photos: int
    created_at: UtcDateTime
    updated_at: UtcDateTime
    first_response_due_at: UtcDateTime
    deadline_at: UtcDateTime
    first_response_at: UtcDateTime | None
    resolved_at: UtcDateTime | None
    rating: int | None
    duplicate_of: str | None

    @classmethod
    def of(cls, request: Request) -> Self:
        assert request.id is not None
        place = request.place
        return cls(
            id=request.id,
            number=request.number,
            status=request.status,
            category=request.category,
            description=request.description,
            address=place.label,
            district=place.district,
            lat=place.lat,
            lon=place.lon,
            photos=len(request.photos),
            created_at=request.created_at,
            updated_at=request.updated_at,
            first_response_due_at=request.first_response_due_at,
            deadline_at=request.deadline_at,
            first_response_at=request.first_response_at,
            resolved_at=request.resolved_at,
            rating=request.rating,
            duplicate_of=format_number(request.duplicate_of) if request.duplicate_of else None,
        )


class RequestPage(ResponseModel):
    """A page of requests, oldest first"""

    items: list[RequestOut]
    next_after_id: int | None = Field(description="pass as after_id for the next page")


class EventOut(ResponseModel):
    at: UtcDateTime
    kind: EventKind
    actor: Actor
    from_status: RequestStatus | None
    to_status: RequestStatus | None
    text: str | None

    @classmethod
    def of(cls, event: RequestEvent) -> Self:
        return cls(
            at=event.at,
            kind=event.kind,
            actor=event.actor,
            from_status=event.from_status,
            to_status=event.to_status,
            text=event.text,
        )


class RequestDetail(RequestOut):
    """A city request with its history"""

    history: list[EventOut]

    @classmethod
    def with_history(cls, request: Request, history: list[RequestEvent]) -> Self:
        base = RequestOut.of(request).model_dump()
        return cls(**base, history=[EventOut.of(event) for event in history])


class StatusChange(BodyModel):
    status: RequestStatus
    comment: str | None = Field(
        None,
        min_length=1,
        max_length=2000,
        description="told to the resident; needed for need_info, resolved and rejected",
    )

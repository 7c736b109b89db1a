"""The JSON shapes of outages in the admin API."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from bot.api.parsing import (
    BodyModel,
    Cursor,
    Id,
    PathModel,
    QueryModel,
    ResponseModel,
    Timestamp,
    UtcDateTime,
)
from domain.alerts.houses import MAX_HOUSE_NUMBER
from domain.alerts.outages import MAX_DESCRIPTION, Outage, OutageKind, OutageStatus, Phase

Source = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]
SourceId = Annotated[str, Field(min_length=1, max_length=128)]
House = Annotated[str, Field(min_length=1, max_length=32)]
HouseNo = Annotated[int, Field(ge=1, le=MAX_HOUSE_NUMBER)]


class HouseRangeIn(BodyModel):
    first: HouseNo
    last: HouseNo
    side: Literal["odd", "even"] | None = Field(
        default=None, description="only the odd or the even side of the street"
    )

    @model_validator(mode="after")
    def _ordered(self) -> "HouseRangeIn":
        if self.first > self.last:
            raise ValueError("first must not be greater than last")
        return self


class StreetIn(BodyModel):
    street: str = Field(
        min_length=2,
        max_length=128,
        description='as written: "ул. Баумана", "Баумана"',
        examples=["ул. Баумана"],
    )
    ranges: list[HouseRangeIn] = Field(default_factory=list, max_length=50)
    houses: list[House] = Field(default_factory=list, max_length=200)


class AreaIn(BodyModel):
    """Whole districts, streets (whole or in part) and single addresses ("Баумана, 15")."""

    districts: list[str] = Field(default_factory=list, max_length=7, examples=[["Вахитовский"]])
    streets: list[StreetIn] = Field(default_factory=list, max_length=300)
    addresses: list[Annotated[str, Field(min_length=3, max_length=200)]] = Field(
        default_factory=list, max_length=500, examples=[["Пушкина, 5"]]
    )

    @model_validator(mode="after")
    def _not_empty(self) -> "AreaIn":
        if not (self.districts or self.streets or self.addresses):
            raise ValueError("give districts, streets or addresses")
        return self


class OutagePost(BodyModel):
    kind: OutageKind
    emergency: bool
    area: AreaIn
    starts_at: Timestamp
    ends_at: Timestamp | None = Field(default=None, description="null: not known yet")
    description: str = Field(default="", max_length=MAX_DESCRIPTION)
    source: Source
    source_id: SourceId | None = Field(
        default=None, description="the source's own id: publishing it again updates the outage"
    )
    status: Literal["announced", "started", "extended"] = "announced"


class OutagePatch(BodyModel):
    status: OutageStatus | None = None
    starts_at: Timestamp | None = None
    ends_at: Timestamp | None = None
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    area: AreaIn | None = None


class HouseRangeOut(ResponseModel):
    first: int
    last: int
    side: Literal["odd", "even"] | None


class StreetOut(ResponseModel):
    street_id: int
    street: str
    ranges: list[HouseRangeOut]
    houses: list[str]


class AreaOut(ResponseModel):
    districts: list[str]
    streets: list[StreetOut]


class OutageOut(ResponseModel):
    id: int
    kind: OutageKind
    emergency: bool
    status: OutageStatus
    area: AreaOut
    starts_at: UtcDateTime
    ends_at: UtcDateTime | None
    description: str
    source: str
    source_id: str | None
    revision: int
    created_at: UtcDateTime
    updated_at: UtcDateTime
    notified: list[Phase] = Field(
        description="what residents are being told because of this call (empty: nothing new)"
    )

    @classmethod
    def of(
        cls, outage: Outage, street_names: dict[int, str], notified: tuple[Phase, ...] = ()
    ) -> "OutageOut":
        assert outage.id is not None
        area = AreaOut(
            districts=list(outage.area.districts),
            streets=[
                StreetOut(
                    street_id=span.street_id,
                    street=street_names.get(span.street_id, ""),
                    ranges=[
                        HouseRangeOut(
                            first=r.first, last=r.last, side=r.parity.value if r.parity else None
                        )
                        for r in span.ranges
                    ],
                    houses=list(span.houses),
                )
                for span in outage.area.streets
            ],
        )
        return cls(
            id=outage.id,
            kind=outage.kind,
            emergency=outage.emergency,
            status=outage.status,
            area=area,
            starts_at=outage.starts_at,
            ends_at=outage.ends_at,
            description=outage.description,
            source=outage.source,
            source_id=outage.source_id,
            revision=outage.revision,
            created_at=outage.created_at,
            updated_at=outage.updated_at,
            notified=list(notified),
        )


class OutagePage(ResponseModel):
    items: list[OutageOut]
    next_after_id: int | None


class OutageListQuery(QueryModel):
    status: list[OutageStatus] = Field(default_factory=list)
    kind: list[OutageKind] = Field(default_factory=list)
    after_id: Cursor = 0
    limit: int = Field(default=50, ge=1, le=200)


class OutagePath(PathModel):
    outage_id: Id = Field(description="the outage's id in My Kazan")

"""The JSON shapes of Art-prospect performance sites in the admin API.

Times are "HH:MM" in city time, open days a list of weekday numbers (0 is Monday), sound one
of "acoustic", "db60" (up to 60 dB), "db90" (up to 90 dB). The limits below repeat the
domain's (domain/booking/sites.py) so that a wrong value is refused naming its field.
"""

from collections.abc import Callable
from datetime import time
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from bot.api.parsing import BodyModel, PathModel, QueryModel, ResponseModel, kept, refuse_null
from domain.booking.sites import GRID_MINUTES, Equipment, Site
from storage.site_data import SOUND_BY_NAME, SOUND_NAMES

Code = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9_]{1,39}$", description='a short latin key, e.g. "bauman"'),
]
Name = Annotated[str, Field(min_length=1, max_length=120)]
District = Annotated[
    str, Field(min_length=1, max_length=64, description="a district, as in Russian")
]
Place = Annotated[
    str, Field(min_length=1, max_length=200, description="where exactly, as a performer looks")
]
Photo = Annotated[
    str, Field(min_length=1, max_length=300, description="a Telegram file_id or an https URL")
]
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM")]
QuarterClock = Annotated[
    str,
    Field(pattern=r"^([01][0-9]|2[0-3]):(00|15|30|45)$", description="HH:MM on the quarter hour"),
]
Weekday = Annotated[int, Field(ge=0, le=6, description="0 is Monday")]
SlotMinutes = Annotated[int, Field(ge=30, le=360, multiple_of=GRID_MINUTES)]
BufferMinutes = Annotated[int, Field(ge=0, le=120, multiple_of=GRID_MINUTES)]
GroupSize = Annotated[int, Field(ge=1, le=50)]
Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]
SoundName = Literal["acoustic", "db60", "db90"]
Note = Annotated[str, Field(max_length=1000)]
OpenDays = Annotated[list[Weekday], Field(min_length=1, max_length=7)]
EquipmentList = Annotated[list[Equipment], Field(max_length=len(Equipment))]


class SitePost(BodyModel):
    code: Code
    name_ru: Name
    name_tt: Name | None = None
    name_en: Name | None = None
    place: Place
    district: District | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    photo: Photo | None = None
    open_days: OpenDays = Field(default_factory=lambda: list(range(7)))
    open_from: QuarterClock = "10:00"
    open_to: Clock = Field(default="22:00", description="HH:MM; before open_from: past midnight")
    slot_minutes: SlotMinutes = 120
    buffer_minutes: BufferMinutes = Field(default=15, description="between slots, to set up")
    sound: SoundName = Field(description="the loudest allowed")
    max_group: GroupSize
    equipment: EquipmentList = Field(default_factory=list, description="allowed on site")
    auto_approve: bool = Field(default=True, description="false: staff approve each booking")
    active: bool = True
    defaults_note: Note = ""


class SitePatch(BodyModel):
    """Only the fields given change; null clears name_tt, name_en, district, lat/lon, photo.

    `active: false` retires the site: it is offered no more, but its bookings stay."""

    name_ru: Name | None = kept()
    name_tt: Name | None = None
    name_en: Name | None = None
    place: Place | None = kept()
    district: District | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    photo: Photo | None = None
    open_days: OpenDays | None = kept()
    open_from: QuarterClock | None = kept()
    open_to: Clock | None = kept()
    slot_minutes: SlotMinutes | None = kept()
    buffer_minutes: BufferMinutes | None = kept()
    sound: SoundName | None = kept()
    max_group: GroupSize | None = kept()
    equipment: EquipmentList | None = kept()
    auto_approve: bool | None = kept()
    active: bool | None = kept()
    defaults_note: Note | None = kept()

    @field_validator(
        "name_ru",
        "place",
        "open_days",
        "open_from",
        "open_to",
        "slot_minutes",
        "buffer_minutes",
        "sound",
        "max_group",
        "equipment",
        "auto_approve",
        "active",
        "defaults_note",
        mode="before",
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        return refuse_null(value)


def site_fields(given: dict[str, Any]) -> dict[str, Any]:
    """Body fields (as dumped) to the domain Site's field values."""
    converters: dict[str, Callable[[Any], Any]] = {
        "open_days": frozenset,
        "open_from": _clock,
        "open_to": _clock,
        "sound": SOUND_BY_NAME.__getitem__,
        "equipment": frozenset,
    }
    return {
        name: converters[name](value) if name in converters and value is not None else value
        for name, value in given.items()
    }


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class SiteOut(ResponseModel):
    code: str
    name_ru: str
    name_tt: str | None
    name_en: str | None
    place: str
    district: str | None
    lat: float | None
    lon: float | None
    photo: str | None
    open_days: list[int]
    open_from: str = Field(description="HH:MM, city time")
    open_to: str
    slot_minutes: int
    buffer_minutes: int
    sound: SoundName
    max_group: int
    equipment: list[Equipment]
    auto_approve: bool
    active: bool
    defaults_note: str = Field(description="which values are project defaults, not facts")

    @classmethod
    def of(cls, site: Site) -> "SiteOut":
        return cls(
            code=site.code,
            name_ru=site.name_ru,
            name_tt=site.name_tt,
            name_en=site.name_en,
            place=site.place,
            district=site.district,
            lat=site.lat,
            lon=site.lon,
            photo=site.photo,
            open_days=sorted(site.open_days),
            open_from=site.open_from.strftime("%H:%M"),
            open_to=site.open_to.strftime("%H:%M"),
            slot_minutes=site.slot_minutes,
            buffer_minutes=site.buffer_minutes,
            sound=SOUND_NAMES[site.sound],  # type: ignore[arg-type]
            max_group=site.max_group,
            equipment=sorted(site.equipment),
            auto_approve=site.auto_approve,
            active=site.active,
            defaults_note=site.defaults_note,
        )


class SiteList(ResponseModel):
    items: list[SiteOut]


class SitePath(PathModel):
    code: Code


class SiteListQuery(QueryModel):
    active: bool | None = Field(None, description="true: offered sites only; false: retired")

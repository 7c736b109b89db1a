"""Performance sites and their rules: when they are open, how long a slot is, what fits."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum, StrEnum

from domain.clock import CITY_TZ
from domain.errors import InvalidInput
from domain.geo import haversine_m

GRID_MINUTES = 15  # slots start on the quarter hour: bookings then overlap only cell by cell


class Sound(IntEnum):
    """How loud: a site allows up to its class, a performer is at some level."""

    ACOUSTIC = 0  # no amplification at all
    UP_TO_60_DB = 1
    UP_TO_90_DB = 2


class Equipment(StrEnum):
    AMPLIFIER = "amplifier"
    MICROPHONE = "microphone"
    DRUMS = "drums"
    STAND = "stand"  # an easel, a music stand, a small table
    PROPS = "props"  # circus and theatre props
    POWER = "power"  # needs mains power


@dataclass(frozen=True, slots=True)
class Slot:
    site_id: int
    starts_at: datetime  # UTC
    ends_at: datetime

    def local_day(self) -> date:
        return self.starts_at.astimezone(CITY_TZ).date()


@dataclass(frozen=True, slots=True)
class Site:
    code: str  # a stable short name, the API's key ("bauman")
    name_ru: str
    place: str  # where exactly, as a performer would look for it
    open_days: frozenset[int]  # 0 = Monday
    open_from: time  # city time
    open_to: time
    sound: Sound  # the loudest allowed
    max_group: int
    name_tt: str | None = None
    name_en: str | None = None
    district: str | None = None
    lat: float | None = None
    lon: float | None = None
    photo: str | None = None  # a Telegram file_id or an https URL
    slot_minutes: int = 120
    buffer_minutes: int = 15  # between slots: one act packs up, the next sets up
    equipment: frozenset[Equipment] = frozenset()  # allowed on top of the performer
    auto_approve: bool = True
    active: bool = True
    defaults_note: str = ""  # which values are project defaults rather than sourced facts
    check_in_radius_m: int | None = None  # None: BookingPolicy.check_in_radius_m
    id: int | None = field(default=None)

    def __post_init__(self) -> None:
        check_site(self)

    def distance_m(self, lat: float, lon: float) -> float | None:
        """Metres from the point to the site; None when the site has no map point."""
        if self.lat is None or self.lon is None:
            return None
        return haversine_m(lat, lon, self.lat, self.lon)

    def name(self, locale: str) -> str:
        return {"tt": self.name_tt, "en": self.name_en}.get(locale) or self.name_ru

    def slots_on(self, day: date) -> list[Slot]:
        """The day's slots, in order; none on a closed day."""
        assert self.id is not None
        if day.weekday() not in self.open_days:
            return []
        start = datetime.combine(day, self.open_from, tzinfo=CITY_TZ)
        close = datetime.combine(day, self.open_to, tzinfo=CITY_TZ)
        if self.open_to <= self.open_from:  # open past midnight
            close += timedelta(days=1)
        length = timedelta(minutes=self.slot_minutes)
        step = length + timedelta(minutes=self.buffer_minutes)
        slots = []
        while start + length <= close:
            slots.append(Slot(self.id, start.astimezone(UTC), (start + length).astimezone(UTC)))
            start += step
        return slots

    def slot_at(self, starts_at: datetime) -> Slot | None:
        """The slot beginning exactly then, if the site has one."""
        day = starts_at.astimezone(CITY_TZ).date()
        for candidate_day in (day, day - timedelta(days=1)):  # a slot after midnight
            for slot in self.slots_on(candidate_day):
                if slot.starts_at == starts_at:
                    return slot
        return None


def check_site(site: Site) -> None:
    if not site.code or not site.name_ru.strip():
        raise InvalidInput("a site needs a code and a Russian name")
    if not site.open_days or not site.open_days <= set(range(7)):
        raise InvalidInput("open_days must be weekdays 0 (Monday) to 6")
    for name, minutes in (("slot_minutes", site.slot_minutes), ("buffer", site.buffer_minutes)):
        if minutes % GRID_MINUTES:
            raise InvalidInput(f"{name} must be a multiple of {GRID_MINUTES} minutes")
    if not 30 <= site.slot_minutes <= 6 * 60:
        raise InvalidInput("a slot lasts 30 minutes to 6 hours")
    if site.open_from.minute % GRID_MINUTES or site.open_from.second:
        raise InvalidInput("a site opens on the quarter hour")
    if not 1 <= site.max_group <= 50:
        raise InvalidInput("max_group must be 1-50")

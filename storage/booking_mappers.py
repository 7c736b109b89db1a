"""Rows of the Art-prospect tables to domain dataclasses and back."""

from typing import Any

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Genre, Performer, PerformerStatus
from domain.booking.sites import Equipment, Site, Sound
from storage.mappers import minutes_of_day, time_of_day
from storage.models import BookingRow, PerformerRow, SiteRow


def site_values(site: Site) -> dict[str, Any]:
    return {
        "code": site.code,
        "name_ru": site.name_ru,
        "name_tt": site.name_tt,
        "name_en": site.name_en,
        "place": site.place,
        "district": site.district,
        "lat": site.lat,
        "lon": site.lon,
        "photo": site.photo,
        "open_days": "".join(str(day) for day in sorted(site.open_days)),
        "open_from": minutes_of_day(site.open_from),
        "open_to": minutes_of_day(site.open_to),
        "slot_minutes": site.slot_minutes,
        "buffer_minutes": site.buffer_minutes,
        "sound": int(site.sound),
        "max_group": site.max_group,
        "equipment": sorted(e.value for e in site.equipment),
        "auto_approve": site.auto_approve,
        "active": site.active,
        "defaults_note": site.defaults_note,
        "check_in_radius_m": site.check_in_radius_m,
    }


def site_from_row(row: SiteRow) -> Site:
    return Site(
        code=row.code,
        name_ru=row.name_ru,
        name_tt=row.name_tt,
        name_en=row.name_en,
        place=row.place,
        district=row.district,
        lat=row.lat,
        lon=row.lon,
        photo=row.photo,
        open_days=frozenset(int(day) for day in row.open_days),
        open_from=time_of_day(row.open_from),
        open_to=time_of_day(row.open_to),
        slot_minutes=row.slot_minutes,
        buffer_minutes=row.buffer_minutes,
        sound=Sound(row.sound),
        max_group=row.max_group,
        equipment=frozenset(Equipment(e) for e in row.equipment),
        auto_approve=row.auto_approve,
        active=row.active,
        defaults_note=row.defaults_note,
        check_in_radius_m=row.check_in_radius_m,
        id=row.id,
    )


def performer_values(performer: Performer) -> dict[str, Any]:
    return {
        "user_id": performer.user_id,
        "stage_name": performer.stage_name,
        "genre": performer.genre.value,
        "group_size": performer.group_size,
        "sound": int(performer.sound),
        "equipment": sorted(e.value for e in performer.equipment),
        "description": performer.description,
        "links": list(performer.links),
        "status": performer.status.value,
        "decline_reason": performer.decline_reason,
        "suspended_until": performer.suspended_until,
        "created_at": performer.created_at,
        "updated_at": performer.updated_at,
    }


def performer_from_row(row: PerformerRow) -> Performer:
    return Performer(
        user_id=row.user_id,
        stage_name=row.stage_name,
        genre=Genre(row.genre),
        group_size=row.group_size,
        sound=Sound(row.sound),
        equipment=frozenset(Equipment(e) for e in row.equipment),
        description=row.description,
        links=tuple(row.links),
        status=PerformerStatus(row.status),
        decline_reason=row.decline_reason,
        suspended_until=row.suspended_until,
        created_at=row.created_at,
        updated_at=row.updated_at,
        id=row.id,
    )


_BOOKING_FIELDS = (
    "site_id",
    "performer_id",
    "starts_at",
    "ends_at",
    "reason",
    "offer_expires_at",
    "reminded_day",
    "reminded_hour",
    "checked_in_at",
    "created_at",
    "updated_at",
)


def booking_values(booking: Booking) -> dict[str, Any]:
    return {name: getattr(booking, name) for name in _BOOKING_FIELDS} | {
        "status": booking.status.value
    }


def booking_from_row(row: BookingRow) -> Booking:
    return Booking(
        status=BookingStatus(row.status),
        id=row.id,
        **{name: getattr(row, name) for name in _BOOKING_FIELDS},
    )

"""A city request as GeoReport v2 shows it, and what it never shows.

Privacy: no name, phone or Telegram id of anyone is part of a request here. A resident's own
words (`description`) and exact place are shown only for requests that a partner app or a
city system filed (their text was written to be passed on); a resident's bot or phone request
shows its street without the house and a point rounded to about 100 m, and its description
only while its author agrees to show it (issue 17).
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from domain.clock import to_city_time
from domain.requests import Request, RequestChannel, RequestStatus, format_number

PUBLIC_TEXT_CHANNELS = frozenset({RequestChannel.OPEN311, RequestChannel.CITY_SYSTEM})
ROUNDED_DIGITS = 3  # 0.001° is about 110 m north-south and 60 m east-west in Kazan
MEDIA_PREFIX = "Фото: "  # the line of the description that keeps a POSTed media_url
STATUS_NOTES = {
    RequestStatus.NEW: "новая, ещё не взята в работу",
    RequestStatus.IN_PROGRESS: "в работе",
    RequestStatus.NEED_INFO: "нужны уточнения от заявителя",
    RequestStatus.RESOLVED: "решена",
    RequestStatus.REJECTED: "отклонена",
    RequestStatus.DUPLICATE: "дубликат другой заявки",
    RequestStatus.WITHDRAWN: "отозвана заявителем",
}


def w3c(at: datetime) -> str:
    """W3C / ISO 8601 with the city's offset: 2026-11-30T10:00:00+03:00."""
    return to_city_time(at).isoformat(timespec="seconds")


def with_media(description: str, media_url: str | None) -> str:
    return f"{description}\n{MEDIA_PREFIX}{media_url}" if media_url else description


def media_url_of(description: str) -> str | None:
    last = description.rsplit("\n", 1)[-1]
    if last.startswith(MEDIA_PREFIX + "http"):
        return last.removeprefix(MEDIA_PREFIX)
    return None


def status_notes(request: Request) -> str:
    notes = STATUS_NOTES[request.status]
    if request.status is RequestStatus.DUPLICATE and request.duplicate_of is not None:
        notes = f"дубликат заявки {format_number(request.duplicate_of)}"
    return f"{request.status.value}: {notes}"


def request_data(
    request: Request,
    service_names: Mapping[str, str],
    agency_names: Mapping[str, str],
    street_labels: Mapping[int, str],
    photo_url: str | None = None,
) -> dict[str, Any]:
    """One `request` of requests.{json,xml}, in the spec's field order. `photo_url`: the
    address of its first photo staff made public (a resident's photo is never shown else)."""
    place = request.place
    public = request.channel in PUBLIC_TEXT_CHANNELS
    lat, lon = place.lat, place.lon
    if public:
        address: str | None = place.label
    else:
        address = street_labels.get(place.street_id) if place.street_id is not None else None
        lat = round(lat, ROUNDED_DIGITS) if lat is not None else None
        lon = round(lon, ROUNDED_DIGITS) if lon is not None else None
    # A resident's words: only while the author agrees (their name and house never).
    description = request.description if public or request.description_public else None
    return {
        "service_request_id": request.number,
        "status": "open" if request.is_open else "closed",
        "status_notes": status_notes(request),
        "service_name": service_names.get(request.category, request.category),
        "service_code": request.category,
        "description": description,
        "agency_responsible": agency_names.get(request.department, request.department)
        if request.department is not None
        else None,
        "service_notice": None,
        "requested_datetime": w3c(request.created_at),
        "updated_datetime": w3c(request.updated_at),
        "expected_datetime": w3c(request.deadline_at),
        "address": address,
        "address_id": None,
        "zipcode": None,
        "lat": lat,
        "long": lon,
        # A partner's media_url line; never a link a resident typed into their words.
        "media_url": photo_url or (media_url_of(description) if description and public else None),
    }

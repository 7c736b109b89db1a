"""Use cases of reporting a problem: validate, find similar, submit, join."""

from dataclasses import dataclass

from domain.address.model import AddressCandidate
from domain.clock import Clock
from domain.deadlines import add_working_days, first_response_due
from domain.departments import route_department
from domain.errors import DescriptionTooLong, DescriptionTooShort, NotFound, TooManyPhotos
from domain.geo import haversine_m
from domain.history import EventKind, RequestEvent
from domain.ports import BoundingBox, UnitOfWork
from domain.requests import Actor, Place, Request, RequestChannel, RequestStatus
from domain.services.notify import post_staff_album, refresh_staff_card

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 2000
MAX_PHOTOS = 5
SIMILAR_RADIUS_M = 150.0
SIMILAR_LIMIT = 3
# 150 m in degrees of latitude; longitude degrees are shorter at Kazan's 55.8°N (x ~0.56).
_LAT_DEG_M = 111_320.0
_LON_DEG_M = 62_500.0


def place_of(candidate: AddressCandidate, point: tuple[float, float] | None = None) -> Place:
    """The place of a matched address, as every form files it (the bot's, the operators'
    phone form, Open311). The label is what staff read: the entrance/flat note typed with the
    address goes in it. `point`: where the person stood, more exact than the register's point
    (which lets shared locations find the request as "nearby")."""
    lat, lon = point or candidate.point or (None, None)
    return Place(
        label=candidate.label_with_details(),
        district=candidate.district,
        street_id=candidate.street.id,
        house=candidate.house,
        lat=lat,
        lon=lon,
    )


@dataclass(frozen=True, slots=True)
class ReportDraft:
    category: str
    place: Place
    description: str
    photos: tuple[str, ...] = ()


def clean_description(text: str) -> str:
    cleaned = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(cleaned) < DESCRIPTION_MIN:
        raise DescriptionTooShort(f"{len(cleaned)} < {DESCRIPTION_MIN}")
    if len(cleaned) > DESCRIPTION_MAX:
        raise DescriptionTooLong(f"{len(cleaned)} > {DESCRIPTION_MAX}")
    return cleaned


def check_photo_count(count: int) -> None:
    if count > MAX_PHOTOS:
        raise TooManyPhotos(f"{count} > {MAX_PHOTOS}")


async def similar_open_requests(uow: UnitOfWork, draft: ReportDraft) -> list[Request]:
    """Open requests of the same category at the same address or within 150 m."""
    found: dict[int, Request] = {}
    place = draft.place
    if place.street_id is not None and place.house:
        for request in await uow.requests.open_at_address(
            draft.category, place.street_id, place.house
        ):
            found[request.id or 0] = request
    if place.lat is not None and place.lon is not None:
        box = _box_around(place.lat, place.lon, SIMILAR_RADIUS_M)
        for request in await uow.requests.open_in_box(draft.category, box):
            p = request.place
            if p.lat is None or p.lon is None:
                continue
            if haversine_m(place.lat, place.lon, p.lat, p.lon) <= SIMILAR_RADIUS_M:
                found[request.id or 0] = request
    ordered = sorted(found.values(), key=lambda r: r.created_at, reverse=True)
    return ordered[:SIMILAR_LIMIT]


def _box_around(lat: float, lon: float, radius_m: float) -> BoundingBox:
    dlat = radius_m / _LAT_DEG_M
    dlon = radius_m / _LON_DEG_M
    return BoundingBox(south=lat - dlat, west=lon - dlon, north=lat + dlat, east=lon + dlon)


async def submit_request(
    uow: UnitOfWork,
    clock: Clock,
    author_id: int | None,
    draft: ReportDraft,
    *,
    channel: RequestChannel = RequestChannel.BOT,
    caller_phone: str | None = None,
) -> Request:
    """File a request; it is routed to its department (domain/departments) and its card is
    posted in that department's chat. `caller_phone`: a phone request's caller, for staff."""
    category = await uow.categories.get(draft.category)
    if category is None:
        raise NotFound(f"category {draft.category}")
    description = clean_description(draft.description)
    check_photo_count(len(draft.photos))
    now = clock.now()
    request = await uow.requests.add(
        Request(
            id=None,
            author_id=author_id,
            category=category.code,
            description=description,
            place=draft.place,
            status=RequestStatus.NEW,
            created_at=now,
            updated_at=now,
            deadline_at=add_working_days(now, category.resolution_working_days),
            first_response_due_at=first_response_due(now, category.first_response_hours),
            photos=draft.photos,
            channel=channel,
            department=route_department(
                await uow.departments.routes(), category.code, draft.place.district
            ),
            caller_phone=caller_phone,
        )
    )
    assert request.id is not None  # the repository assigns ids
    event_id = await uow.requests.add_event(
        RequestEvent(
            request_id=request.id,
            at=now,
            kind=EventKind.CREATED,
            actor=Actor.AUTHOR,
            actor_user_id=author_id,
            to_status=RequestStatus.NEW,
        )
    )
    await post_staff_album(uow, request, now)
    await refresh_staff_card(uow, request.id, event_id, now)
    return request

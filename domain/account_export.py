"""'Download my data': everything the bot keeps about a person, as one JSON document.

Only what the person may see: their own profile, addresses, subscriptions, requests with the
history shown on their card, the requests they follow, their performer profile and bookings.
Nothing of other people: no staff ids or names, no other author of a followed request, no
Telegram file ids (photos are counted).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.alerts.subscriptions import AlertPreferences, SavedAddress, Subscription
from domain.booking.bookings import Booking
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.categories import Category
from domain.clock import to_city_time
from domain.history import RequestEvent
from domain.requests import Place, Request
from domain.users import User

EXPORT_FORMAT = "my-kazan-export/1"
Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuthoredRequest:
    request: Request
    history: Sequence[RequestEvent]


@dataclass(frozen=True, slots=True)
class AccountSnapshot:
    """Everything gathered for the export, in domain terms."""

    user: User
    addresses: Sequence[SavedAddress]
    subscriptions: Sequence[Subscription]
    preferences: AlertPreferences
    authored: Sequence[AuthoredRequest]
    followed: Sequence[tuple[Request, datetime]]  # and when the person joined it
    performer: Performer | None
    bookings: Sequence[Booking]
    waits: Sequence[tuple[int, datetime]]  # (site id, slot start) the person waits for
    categories: Mapping[str, Category]
    sites: Mapping[int, Site]


def export_document(snapshot: AccountSnapshot, generated_at: datetime) -> Json:
    locale = snapshot.user.locale
    labels = {a.id: a.label for a in snapshot.addresses}
    return {
        "format": EXPORT_FORMAT,
        "generated_at": moment(generated_at),
        "profile": _profile(snapshot.user),
        "saved_addresses": [_address(a) for a in snapshot.addresses],
        "alerts": {
            "subscriptions": [_subscription(s, labels) for s in snapshot.subscriptions],
            "preferences": _preferences(snapshot.preferences),
        },
        "requests": [_authored(a, snapshot.categories, locale) for a in snapshot.authored],
        "following": [
            _followed(request, joined, snapshot.categories, locale)
            for request, joined in snapshot.followed
        ],
        "performer": _performer(snapshot, locale) if snapshot.performer else None,
    }


def moment(at: datetime | None) -> str | None:
    """City time with its offset: what the person saw on screen, still unambiguous."""
    return to_city_time(at).isoformat(timespec="seconds") if at is not None else None


def _profile(user: User) -> Json:
    consent = (
        {"version": user.consent_version, "given_at": moment(user.consent_at)}
        if user.consent_version
        else None
    )
    return {
        "telegram_id": user.id,
        "first_name": user.first_name,
        "username": user.username,
        "language": user.locale,
        "phone": user.phone,
        "consent": consent,
        "created_at": moment(user.created_at),
    }


def _address(address: SavedAddress) -> Json:
    return {
        "label": address.label,
        "address": address.text,
        "district": address.district,
        "house": address.house,
        "lat": address.lat,
        "lon": address.lon,
        "created_at": moment(address.created_at),
    }


def _subscription(subscription: Subscription, labels: Mapping[int | None, str]) -> Json:
    return {
        "topic": subscription.topic,
        "scope": subscription.scope.value,
        "address": labels.get(subscription.address_id) if subscription.address_id else None,
        "district": subscription.district,
    }


def _preferences(preferences: AlertPreferences) -> Json:
    quiet = preferences.quiet
    return {
        "quiet_hours": (
            {"from": quiet.start.strftime("%H:%M"), "to": quiet.end.strftime("%H:%M")}
            if quiet
            else None
        ),
        "events": preferences.events.value,
    }


def _place(place: Place) -> Json:
    return {"address": place.label, "district": place.district, "lat": place.lat, "lon": place.lon}


def _category(code: str, categories: Mapping[str, Category], locale: str) -> Json:
    category = categories.get(code)
    return {"code": code, "name": category.name(locale) if category else code}


def _authored(authored: AuthoredRequest, categories: Mapping[str, Category], locale: str) -> Json:
    request = authored.request
    return {
        "number": request.number,
        "category": _category(request.category, categories, locale),
        "description": request.description,
        # Whether they agreed to show that description publicly (issue 17).
        "description_public": request.description_public,
        "place": _place(request.place),
        "status": request.status.value,
        "created_at": moment(request.created_at),
        "updated_at": moment(request.updated_at),
        "deadline_at": moment(request.deadline_at),
        "resolved_at": moment(request.resolved_at),
        "photos": len(request.photos),
        "rating": request.rating,
        "history": [_event(e) for e in authored.history],
    }


def _event(event: RequestEvent) -> Json:
    """Who acted is a role ("author", "staff", "system"), never a staff member's id."""
    return {
        "at": moment(event.at),
        "kind": event.kind.value,
        "by": event.actor.value,
        "from_status": event.from_status.value if event.from_status else None,
        "to_status": event.to_status.value if event.to_status else None,
        "text": event.text,
    }


def _followed(
    request: Request, joined: datetime, categories: Mapping[str, Category], locale: str
) -> Json:
    """Someone else's request: what it is about and where, not what its author wrote."""
    return {
        "number": request.number,
        "category": _category(request.category, categories, locale),
        "place": _place(request.place),
        "status": request.status.value,
        "joined_at": moment(joined),
    }


def _performer(snapshot: AccountSnapshot, locale: str) -> Json:
    performer = snapshot.performer
    assert performer is not None

    def site_name(site_id: int) -> str | None:
        site = snapshot.sites.get(site_id)
        return site.name(locale) if site else None

    return {
        "stage_name": performer.stage_name,
        "genre": performer.genre.value,
        "group_size": performer.group_size,
        "sound": performer.sound.name.lower(),
        "equipment": sorted(e.value for e in performer.equipment),
        "description": performer.description,
        "links": list(performer.links),
        "status": performer.status.value,
        "decline_reason": performer.decline_reason,
        "suspended_until": moment(performer.suspended_until),
        "created_at": moment(performer.created_at),
        "bookings": [
            {
                "site": site_name(b.site_id),
                "starts_at": moment(b.starts_at),
                "ends_at": moment(b.ends_at),
                "status": b.status.value,
                "reason": b.reason,
            }
            for b in snapshot.bookings
        ],
        "waiting_for": [
            {"site": site_name(site_id), "starts_at": moment(starts_at)}
            for site_id, starts_at in snapshot.waits
        ],
    }

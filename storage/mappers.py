"""Explicit translation between ORM rows and domain dataclasses, both ways."""

from datetime import time
from typing import Any

from sqlalchemy import Row

from domain.address.geocode import RegisterPoint
from domain.address.model import Street
from domain.categories import Category
from domain.history import EventKind, RequestEvent
from domain.notifications import Notification, NotificationStatus
from domain.requests import Actor, Place, Request, RequestChannel, RequestStatus
from domain.users import User
from storage.models import (
    CategoryRow,
    OutboxRow,
    RequestEventRow,
    RequestRow,
    StreetRow,
    UserRow,
)


def minutes_of_day(moment: time) -> int:
    """A time of day as stored: minutes after midnight (portable, and easy to compare)."""
    return moment.hour * 60 + moment.minute


def time_of_day(minutes: int) -> time:
    return time(minutes // 60 % 24, minutes % 60)


def user_from_row(row: UserRow | Row[Any]) -> User:
    """From the ORM row or a Core row with the same columns (storage/first_read.py)."""
    return User(
        id=row.id,
        first_name=row.first_name,
        locale=row.locale,
        created_at=row.created_at,
        username=row.username,
        blocked_bot=row.blocked_bot,
        locale_chosen=row.locale_chosen,
        phone=row.phone,
        consent_version=row.consent_version,
        consent_at=row.consent_at,
    )


def user_values(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "first_name": user.first_name,
        "username": user.username,
        "locale": user.locale,
        "locale_chosen": user.locale_chosen,
        "blocked_bot": user.blocked_bot,
        "phone": user.phone,
        "consent_version": user.consent_version,
        "consent_at": user.consent_at,
        "created_at": user.created_at,
        "updated_at": user.created_at,
    }


def request_from_row(row: RequestRow) -> Request:
    return request_from_columns(row, tuple(photo.file_id for photo in row.photos))


def request_from_columns(row: Any, photos: tuple[str, ...]) -> Request:
    """From a RequestRow or a Core row of the requests table (same names), and its photos."""
    return Request(
        id=row.id,
        author_id=row.author_id,
        category=row.category,
        description=row.description,
        place=Place(
            label=row.place_label,
            district=row.district,
            street_id=row.street_id,
            house=row.house,
            lat=row.lat,
            lon=row.lon,
        ),
        status=RequestStatus(row.status),
        created_at=row.created_at,
        deadline_at=row.deadline_at,
        first_response_due_at=row.first_response_due_at,
        updated_at=row.updated_at,
        resolved_at=row.resolved_at,
        photos=photos,
        assignee_id=row.assignee_id,
        first_response_at=row.first_response_at,
        rating=row.rating,
        duplicate_of=row.duplicate_of,
        channel=RequestChannel(row.channel),
        department=row.department,
        caller_phone=row.caller_phone,
        description_public=row.description_public,
    )


def request_values(request: Request) -> dict[str, Any]:
    place = request.place
    return {
        "author_id": request.author_id,
        "category": request.category,
        "description": request.description,
        "place_label": place.label,
        "district": place.district,
        "street_id": place.street_id,
        "house": place.house,
        "lat": place.lat,
        "lon": place.lon,
        "status": request.status.value,
        "created_at": request.created_at,
        "updated_at": request.updated_at,
        "deadline_at": request.deadline_at,
        "first_response_due_at": request.first_response_due_at,
        "resolved_at": request.resolved_at,
        "assignee_id": request.assignee_id,
        "first_response_at": request.first_response_at,
        "rating": request.rating,
        "duplicate_of": request.duplicate_of,
        "channel": request.channel.value,
        "department": request.department,
        "caller_phone": request.caller_phone,
        "description_public": request.description_public,
    }


# What changes over a request's life; the rest is fixed when it is filed.
REQUEST_CHANGING_FIELDS = (
    "status",
    "updated_at",
    "resolved_at",
    "assignee_id",
    "first_response_at",
    "rating",
    "duplicate_of",
    "department",
)


def request_changes(request: Request) -> dict[str, Any]:
    values = request_values(request)
    return {name: values[name] for name in REQUEST_CHANGING_FIELDS}


def event_from_row(row: RequestEventRow) -> RequestEvent:
    return RequestEvent(
        request_id=row.request_id,
        at=row.at,
        kind=EventKind(row.kind),
        actor=Actor(row.actor),
        actor_user_id=row.actor_user_id,
        from_status=RequestStatus(row.from_status) if row.from_status else None,
        to_status=RequestStatus(row.to_status) if row.to_status else None,
        text=row.text,
        id=row.id,
    )


def event_values(event: RequestEvent) -> dict[str, Any]:
    return {
        "request_id": event.request_id,
        "at": event.at,
        "kind": event.kind.value,
        "actor": event.actor.value,
        "actor_user_id": event.actor_user_id,
        "from_status": event.from_status.value if event.from_status else None,
        "to_status": event.to_status.value if event.to_status else None,
        "text": event.text,
    }


def category_from_row(row: CategoryRow) -> Category:
    return Category(
        code=row.code,
        name_ru=row.name_ru,
        name_tt=row.name_tt,
        name_en=row.name_en,
        first_response_hours=row.first_response_hours,
        resolution_working_days=row.resolution_working_days,
        position=row.position,
    )


def street_from_row(row: StreetRow) -> Street:
    return Street(
        name=row.name,
        type=row.type,
        districts=tuple(sorted(link.district for link in row.districts)),
        name_tt=row.name_tt,
        id=row.id,
        points=tuple(
            RegisterPoint(point.lat, point.lon, point.house or None)
            for point in sorted(row.points, key=lambda point: point.house)
        ),
    )


def notification_from_row(row: OutboxRow) -> Notification:
    return Notification(
        key=row.key,
        chat_id=row.chat_id,
        kind=row.kind,
        payload=dict(row.payload),
        created_at=row.created_at,
        status=NotificationStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        sent_message_id=row.sent_message_id,
        id=row.id,
        priority=row.priority,
    )


def notification_values(notification: Notification) -> dict[str, Any]:
    return {
        "key": notification.key,
        "chat_id": notification.chat_id,
        "kind": notification.kind,
        "payload": notification.payload,
        "status": notification.status.value,
        "attempts": notification.attempts,
        # "Due now" is stored explicitly so the dispatcher's query is one indexed range scan.
        "next_attempt_at": notification.next_attempt_at or notification.created_at,
        "created_at": notification.created_at,
        "sent_message_id": notification.sent_message_id,
        "priority": int(notification.priority),
    }

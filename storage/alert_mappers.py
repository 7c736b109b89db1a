"""Rows of the alert tables to domain dataclasses and back."""

from typing import Any

from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.fanout import FanoutJob, Subject
from domain.alerts.houses import HouseRange, Parity
from domain.alerts.outages import Outage, OutageArea, OutageKind, OutageStatus, StreetSpan
from domain.alerts.subscriptions import (
    AlertPreferences,
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    Subscription,
)
from storage.mappers import time_of_day
from storage.models import (
    AlertPreferencesRow,
    AlertSubscriptionRow,
    CityEventRow,
    FanoutRow,
    OutageRow,
    SavedAddressRow,
)


def area_to_json(area: OutageArea) -> dict[str, Any]:
    return {
        "districts": list(area.districts),
        "streets": [
            {
                "street_id": span.street_id,
                "ranges": [
                    [r.first, r.last, r.parity.value if r.parity else None] for r in span.ranges
                ],
                "houses": list(span.houses),
            }
            for span in area.streets
        ],
    }


def area_from_json(data: dict[str, Any]) -> OutageArea:
    return OutageArea(
        districts=tuple(data.get("districts", ())),
        streets=tuple(
            StreetSpan(
                street_id=int(street["street_id"]),
                ranges=tuple(
                    HouseRange(first, last, Parity(parity) if parity else None)
                    for first, last, parity in street.get("ranges", ())
                ),
                houses=tuple(street.get("houses", ())),
            )
            for street in data.get("streets", ())
        ),
    )


_OUTAGE_FIELDS = (
    "emergency",
    "starts_at",
    "ends_at",
    "description",
    "source",
    "source_id",
    "revision",
    "end_revision",
    "reminded_evening",
    "reminded_hour",
    "created_at",
    "updated_at",
)


def outage_values(outage: Outage) -> dict[str, Any]:
    values = {name: getattr(outage, name) for name in _OUTAGE_FIELDS}
    values |= {
        "kind": outage.kind.value,
        "status": outage.status.value,
        "area": area_to_json(outage.area),
    }
    return values


def outage_from_row(row: OutageRow) -> Outage:
    return Outage(
        kind=OutageKind(row.kind),
        status=OutageStatus(row.status),
        area=area_from_json(row.area),
        id=row.id,
        **{name: getattr(row, name) for name in _OUTAGE_FIELDS},
    )


_EVENT_FIELDS = (
    "title",
    "place",
    "district",
    "starts_at",
    "ends_at",
    "link",
    "price",
    "free",
    "description",
    "source",
    "source_id",
    "cancelled",
    "created_at",
    "updated_at",
)


def event_values(event: CityEvent) -> dict[str, Any]:
    return {name: getattr(event, name) for name in _EVENT_FIELDS} | {
        "category": event.category.value
    }


def event_from_row(row: CityEventRow) -> CityEvent:
    return CityEvent(
        category=EventCategory(row.category),
        id=row.id,
        **{name: getattr(row, name) for name in _EVENT_FIELDS},
    )


def address_from_row(row: SavedAddressRow) -> SavedAddress:
    return SavedAddress(
        user_id=row.user_id,
        label=row.label,
        text=row.text,
        created_at=row.created_at,
        street_id=row.street_id,
        house=row.house,
        district=row.district,
        lat=row.lat,
        lon=row.lon,
        id=row.id,
    )


def subscription_from_row(row: AlertSubscriptionRow) -> Subscription:
    return Subscription(
        user_id=row.user_id,
        topic=row.topic,
        scope=Scope(row.scope),
        address_id=row.address_id,
        district=row.district if row.scope == Scope.DISTRICT.value else None,
        id=row.id,
    )


def quiet_from_columns(has_row: bool, start: int | None, end: int | None) -> QuietHours | None:
    """No preferences row: the default quiet hours; a row with NULLs: none at all."""
    if not has_row:
        return QuietHours()
    if start is None or end is None:
        return None
    return QuietHours(time_of_day(start), time_of_day(end))


def preferences_from_row(row: AlertPreferencesRow | None) -> AlertPreferences:
    if row is None:
        return AlertPreferences()
    return AlertPreferences(
        quiet=quiet_from_columns(True, row.quiet_start, row.quiet_end),
        events=EventDelivery(row.events),
    )


def fanout_from_row(row: FanoutRow) -> FanoutJob:
    return FanoutJob(
        key=row.key,
        subject=Subject(row.subject),
        subject_id=row.subject_id,
        phase=row.phase,
        priority=row.priority,
        urgent=row.urgent,
        created_at=row.created_at,
        not_after=row.not_after,
        cursor=row.cursor,
        written=row.written,
        finished_at=row.finished_at,
        id=row.id,
    )

"""A resident's side of alerts: saved addresses, what they follow, and when to hear it."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.alerts.ports import AlertsUnitOfWork
from domain.alerts.subscriptions import (
    MAX_ADDRESSES,
    AlertPreferences,
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    Subscription,
    event_topic,
    outage_topic,
)
from domain.clock import Clock
from domain.errors import NotFound, TooManyAddresses


@dataclass(frozen=True, slots=True)
class AlertsOverview:
    addresses: list[SavedAddress]
    subscriptions: list[Subscription]
    preferences: AlertPreferences


async def overview(uow: AlertsUnitOfWork, user_id: int) -> AlertsOverview:
    return AlertsOverview(
        await uow.subscriptions.addresses(user_id),
        await uow.subscriptions.subscriptions(user_id),
        await uow.subscriptions.preferences(user_id),
    )


async def save_address(uow: AlertsUnitOfWork, clock: Clock, address: SavedAddress) -> SavedAddress:
    if await uow.subscriptions.count_addresses(address.user_id) >= MAX_ADDRESSES:
        raise TooManyAddresses(f"{address.user_id} has {MAX_ADDRESSES} addresses already")
    return await uow.subscriptions.add_address(replace(address, created_at=clock.now()))


async def remove_address(uow: AlertsUnitOfWork, user_id: int, address_id: int) -> None:
    await uow.subscriptions.remove_address(user_id, address_id)


async def follow_outages_at_address(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    address_id: int,
    kinds: Iterable[OutageKind],
) -> int:
    """Returns how many subscriptions are new (following twice changes nothing)."""
    address = await uow.subscriptions.address(user_id, address_id)
    if address is None:
        raise NotFound(f"address {address_id} of {user_id}")
    added = 0
    for kind in kinds:
        subscription = Subscription(user_id, outage_topic(kind), Scope.ADDRESS, address_id)
        added += await uow.subscriptions.subscribe(subscription, address, clock.now())
    return added


async def follow_outages_in_district(
    uow: AlertsUnitOfWork, clock: Clock, user_id: int, district: str, kinds: Iterable[OutageKind]
) -> int:
    added = 0
    for kind in kinds:
        subscription = Subscription(user_id, outage_topic(kind), Scope.DISTRICT, district=district)
        added += await uow.subscriptions.subscribe(subscription, None, clock.now())
    return added


async def follow_events(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    categories: Iterable[EventCategory],
    district: str | None,
) -> int:
    """Events of these categories in one district, or anywhere in the city (None)."""
    scope = Scope.CITY if district is None else Scope.DISTRICT
    added = 0
    for category in categories:
        subscription = Subscription(user_id, event_topic(category), scope, district=district)
        added += await uow.subscriptions.subscribe(subscription, None, clock.now())
    return added


async def unfollow(uow: AlertsUnitOfWork, user_id: int, subscription_id: int) -> bool:
    return await uow.subscriptions.unsubscribe(user_id, subscription_id)


async def unfollow_topic(uow: AlertsUnitOfWork, user_id: int, topic: str) -> int:
    return await uow.subscriptions.unsubscribe_topic(user_id, topic)


async def set_quiet_hours(
    uow: AlertsUnitOfWork, clock: Clock, user_id: int, quiet: QuietHours | None
) -> AlertPreferences:
    current = await uow.subscriptions.preferences(user_id)
    updated = replace(current, quiet=quiet)
    await uow.subscriptions.set_preferences(user_id, updated, clock.now())
    return updated


async def set_event_delivery(
    uow: AlertsUnitOfWork, clock: Clock, user_id: int, delivery: EventDelivery
) -> AlertPreferences:
    current = await uow.subscriptions.preferences(user_id)
    updated = replace(current, events=delivery)
    await uow.subscriptions.set_preferences(user_id, updated, clock.now())
    return updated

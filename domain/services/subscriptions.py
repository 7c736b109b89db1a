"""A resident's side of alerts: saved addresses, what they follow, and when to hear it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from domain.address.matcher import AddressMatcher
from domain.address.model import Street
from domain.alerts.events import EventCategory
from domain.alerts.fanout import joined_late
from domain.alerts.outages import Outage, OutageKind
from domain.alerts.places import street_at, street_points
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
    parse_topic,
)
from domain.booking.ports import SiteRepository
from domain.clock import Clock
from domain.errors import NotFound, TooManyAddresses
from domain.ports import StreetRepository
from domain.services.alert_views import has_room_for_address


async def save_address(uow: AlertsUnitOfWork, clock: Clock, address: SavedAddress) -> SavedAddress:
    if not await has_room_for_address(uow, address.user_id):
        raise TooManyAddresses(f"{address.user_id} has {MAX_ADDRESSES} addresses already")
    return await uow.subscriptions.add_address(replace(address, created_at=clock.now()))


@dataclass(frozen=True, slots=True)
class FollowedAddress:
    address: SavedAddress
    told: int  # outages on (or announced) there announced to them now (not told before)


async def add_address(
    uow: AlertsUnitOfWork, clock: Clock, address: SavedAddress, kinds: Iterable[OutageKind]
) -> FollowedAddress:
    """Save the address and follow `kinds` of outages there in one go; an outage of those
    kinds already on (or announced) there is told of at once, not at its next change."""
    saved = await save_address(uow, clock, address)
    assert saved.id is not None
    kinds = list(kinds)
    await follow_outages_at_address(uow, clock, address.user_id, saved.id, kinds)
    return FollowedAddress(saved, await tell_what_is_on(uow, clock, saved, kinds))


async def set_outages_at_address(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    address_id: int,
    kinds: Iterable[OutageKind],
) -> FollowedAddress:
    """Follow exactly `kinds` at the address: the others followed there are dropped, and an
    outage of a kind ticked now that is already on there is told of at once."""
    address = await uow.subscriptions.address(user_id, address_id)
    if address is None or address.id is None:
        raise NotFound(f"address {address_id} of {user_id}")
    wanted = list(kinds)
    for subscription in await uow.subscriptions.subscriptions(user_id):
        kind = parse_topic(subscription.topic)
        if subscription.address_id == address.id and kind not in wanted:
            assert subscription.id is not None
            await uow.subscriptions.unsubscribe(user_id, subscription.id)
    await follow_outages_at_address(uow, clock, user_id, address.id, wanted)
    return FollowedAddress(address, await tell_what_is_on(uow, clock, address, wanted))


async def tell_what_is_on(
    uow: AlertsUnitOfWork, clock: Clock, address: SavedAddress, kinds: Iterable[OutageKind]
) -> int:
    """Announce to the address's owner every unfinished outage of these kinds covering it;
    returns how many announcements are new (their keys keep anyone from hearing of one
    outage twice: at two addresses, or after following its district)."""
    assert address.id is not None

    def there(outage: Outage) -> bool:
        return outage.area.covers(address.street_id, address.house, address.district)

    return await _tell(uow, clock, address.user_id, address.id, kinds, there)


class CityAlertsUnitOfWork(AlertsUnitOfWork, Protocol):
    """Following a district needs the register too: which streets lie in it."""

    @property
    def streets(self) -> StreetRepository: ...


async def follow_district(
    uow: CityAlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    district: str,
    kinds: Iterable[OutageKind],
) -> int:
    """Follow `kinds` in the whole district, and be told at once of those already on there:
    declared for the district or on one of its streets (as the fan-out matches them)."""
    kinds = list(kinds)
    await follow_outages_in_district(uow, clock, user_id, district, kinds)
    inside = {street.id for street in await uow.streets.all() if district in street.districts}

    def there(outage: Outage) -> bool:
        area = outage.area
        return district in area.districts or any(s in inside for s in area.street_ids)

    return await _tell(uow, clock, user_id, None, kinds, there)


async def _tell(
    uow: AlertsUnitOfWork,
    clock: Clock,
    user_id: int,
    address_id: int | None,
    kinds: Iterable[OutageKind],
    there: Callable[[Outage], bool],
) -> int:
    now = clock.now()
    wanted = frozenset(kinds)
    found = [o for o in await uow.outages.unfinished() if o.kind in wanted and there(o)]
    found.sort(key=lambda o: o.starts_at)  # the outbox keeps a chat's order: soonest first
    return await uow.fanouts.write([joined_late(o, user_id, address_id, now) for o in found])


class SitesUnitOfWork(Protocol):
    @property
    def sites(self) -> SiteRepository: ...


async def street_at_point(
    uow: SitesUnitOfWork, matcher: AddressMatcher, lat: float, lon: float
) -> Street | None:
    """The register's street a shared location stands on, when a known point of it is
    near (see domain/alerts/places.py); None when no street can be told."""
    return street_at(street_points(await uow.sites.all(active_only=False), matcher), lat, lon)


async def on_streets(
    uow: SitesUnitOfWork, matcher: AddressMatcher, addresses: list[SavedAddress]
) -> list[SavedAddress]:
    """The addresses, a map point saved without a street (before points were placed on
    streets) now on the street it stands by, if any: what is off there concerns it too."""
    if all(a.street_id is not None or a.lat is None or a.lon is None for a in addresses):
        return addresses
    points = street_points(await uow.sites.all(active_only=False), matcher)
    placed = []
    for address in addresses:
        street = None
        if address.street_id is None and address.lat is not None and address.lon is not None:
            street = street_at(points, address.lat, address.lon)
        placed.append(replace(address, street_id=street.id) if street is not None else address)
    return placed


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

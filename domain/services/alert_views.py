"""What the alert screens read: a resident's addresses, subscriptions and preferences,
and the districts in the order their buttons number them.

Queries only (nothing here changes a row): the screens ask these rather than the
repositories, so a rule such as "at most MAX_ADDRESSES addresses" is decided in one place.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from domain.alerts.ports import AlertsUnitOfWork
from domain.alerts.subscriptions import (
    MAX_ADDRESSES,
    AlertPreferences,
    SavedAddress,
    Subscription,
)
from domain.districts import District
from domain.ports import DistrictRepository


@dataclass(frozen=True, slots=True)
class AlertsOverview:
    addresses: list[SavedAddress]
    subscriptions: list[Subscription]
    preferences: AlertPreferences

    def address(self, address_id: int) -> SavedAddress | None:
        """One of their saved addresses; None for an id that is not theirs (or is gone)."""
        return next((a for a in self.addresses if a.id == address_id), None)

    def followed_at(self) -> Counter[int]:
        """How many subscriptions each saved address has, by the address's id."""
        return Counter(s.address_id for s in self.subscriptions if s.address_id is not None)


async def overview(uow: AlertsUnitOfWork, user_id: int) -> AlertsOverview:
    return AlertsOverview(
        await uow.subscriptions.addresses(user_id),
        await uow.subscriptions.subscriptions(user_id),
        await uow.subscriptions.preferences(user_id),
    )


async def alert_preferences(uow: AlertsUnitOfWork, user_id: int) -> AlertPreferences:
    """Quiet hours and the delivery of events (the defaults for someone who never chose)."""
    return await uow.subscriptions.preferences(user_id)


async def has_room_for_address(uow: AlertsUnitOfWork, user_id: int) -> bool:
    """Whether one more address may be saved: asked before the form, checked on saving."""
    return await uow.subscriptions.count_addresses(user_id) < MAX_ADDRESSES


class DistrictsUnitOfWork(Protocol):
    @property
    def districts(self) -> DistrictRepository: ...


async def districts_in_order(uow: DistrictsUnitOfWork) -> list[District]:
    """Sorted by the Russian name (the repository's order): a button may carry a position."""
    return await uow.districts.all()


async def district_at(uow: DistrictsUnitOfWork, index: int) -> District | None:
    """None for a position that is not (or no longer) in the list."""
    districts = await districts_in_order(uow)
    return districts[index] if 0 <= index < len(districts) else None

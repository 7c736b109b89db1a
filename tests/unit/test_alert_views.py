"""What the alert screens read (domain/services/alert_views.py): one address among a
resident's, the subscriptions at each, and whether one more address may be saved."""

from datetime import UTC, datetime
from typing import cast

from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.alerts.ports import AlertsUnitOfWork
from domain.alerts.subscriptions import (
    MAX_ADDRESSES,
    AlertPreferences,
    SavedAddress,
    Scope,
    Subscription,
    event_topic,
    outage_topic,
)
from domain.districts import District
from domain.services.alert_views import (
    AlertsOverview,
    DistrictsUnitOfWork,
    district_at,
    has_room_for_address,
)

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
HOME = SavedAddress(42, "Дом", "ул. Баумана, 15", NOW, 7, "15", id=3)
WORK = SavedAddress(42, "Работа", "ул. Пушкина, 1", NOW, 8, "1", id=5)


def at(address: SavedAddress, kind: OutageKind) -> Subscription:
    return Subscription(42, outage_topic(kind), Scope.ADDRESS, address_id=address.id)


def test_an_address_is_found_among_theirs_only() -> None:
    mine = AlertsOverview([HOME, WORK], [], AlertPreferences())
    assert mine.address(5) == WORK
    assert mine.address(4) is None


def test_subscriptions_are_counted_per_address() -> None:
    city_wide = Subscription(42, event_topic(EventCategory.CONCERTS), Scope.CITY)
    followed = [at(HOME, OutageKind.GAS), at(HOME, OutageKind.HEATING), city_wide]
    mine = AlertsOverview([HOME, WORK], followed, AlertPreferences())
    counts = mine.followed_at()
    assert (counts[3], counts[5]) == (2, 0)


class Counted:
    def __init__(self, count: int) -> None:
        self.count = count

    async def count_addresses(self, user_id: int) -> int:
        return self.count


class Uow:
    def __init__(self, count: int) -> None:
        self.subscriptions = Counted(count)


async def test_room_for_one_more_address_until_the_limit() -> None:
    assert await has_room_for_address(cast(AlertsUnitOfWork, Uow(MAX_ADDRESSES - 1)), 42)
    assert not await has_room_for_address(cast(AlertsUnitOfWork, Uow(MAX_ADDRESSES)), 42)


class Districts:
    async def all(self) -> list[District]:
        return [
            District("Вахитовский", "Вахитов", "Vakhitovsky"),
            District("Советский", "Совет", "Sovetsky"),
        ]


class DistrictsUow:
    districts = Districts()


async def test_a_district_by_its_position_and_none_past_the_end() -> None:
    uow = cast(DistrictsUnitOfWork, DistrictsUow())
    found = await district_at(uow, 1)
    assert found is not None and found.name_ru == "Советский"
    assert await district_at(uow, 2) is None
    assert await district_at(uow, -1) is None

"""A resident's side of alerts (domain/services/subscriptions.py, alert_views.py) on
in-memory ports: addresses and their limit, what is followed, quiet hours, and the outages
already on that someone is told of the moment they begin to follow."""

from datetime import UTC, datetime, time, timedelta

import pytest

from domain.address.model import Street
from domain.alerts.events import EventCategory
from domain.alerts.fanout import OUTAGE_ALERT
from domain.alerts.outages import Outage, OutageArea, OutageKind, OutageStatus, StreetSpan
from domain.alerts.subscriptions import (
    MAX_ADDRESSES,
    AlertPreferences,
    EventDelivery,
    QuietHours,
    SavedAddress,
    Scope,
    event_topic,
    outage_topic,
)
from domain.clock import FixedClock
from domain.errors import NotFound, TooManyAddresses
from domain.notifications import Priority
from domain.services.alert_views import alert_preferences, has_room_for_address, overview
from domain.services.subscriptions import (
    add_address,
    follow_district,
    follow_events,
    follow_outages_at_address,
    remove_address,
    set_event_delivery,
    set_outages_at_address,
    set_quiet_hours,
    unfollow,
    unfollow_topic,
)
from tests.unit.alert_fakes import FakeAlertsUnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday, 12:00 in Kazan
ANNA, BORIS = 42, 43
BAUMANA, PUSHKINA = 10, 11
VAKHITOVSKY = "Вахитовский"
COLD, HOT, POWER = OutageKind.COLD_WATER, OutageKind.HOT_WATER, OutageKind.ELECTRICITY
STREETS = [
    Street("Баумана", "ул", (VAKHITOVSKY,), id=BAUMANA),
    Street("Пушкина", "ул", ("Советский",), id=PUSHKINA),
]

ALL_OF_BAUMANA = OutageArea(streets=(StreetSpan(BAUMANA),))


@pytest.fixture
def uow() -> FakeAlertsUnitOfWork:
    return FakeAlertsUnitOfWork(STREETS)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def home(user_id: int = ANNA, street_id: int = BAUMANA, house: str = "15") -> SavedAddress:
    # created_at is the service's to set: a stale one shows it did.
    return SavedAddress(
        user_id, "Дом", f"ул. {street_id}, {house}", NOW - timedelta(days=9), street_id, house
    )


async def outage_on(
    uow: FakeAlertsUnitOfWork,
    kind: OutageKind = COLD,
    area: OutageArea = ALL_OF_BAUMANA,
    status: OutageStatus = OutageStatus.STARTED,
) -> Outage:
    return await uow.outages.add(
        Outage(
            kind,
            False,
            area,
            NOW - timedelta(hours=1),
            NOW + timedelta(hours=5),
            "Авария",
            "vodokanal",
            NOW,
            NOW,
            status=status,
        )
    )


async def test_a_new_address_is_saved_followed_and_told_of_what_is_off_there(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    on_here = await outage_on(uow)
    await outage_on(uow, kind=POWER)  # not followed
    await outage_on(uow, area=OutageArea(streets=(StreetSpan(PUSHKINA),)))  # elsewhere
    await outage_on(uow, status=OutageStatus.RESTORED)  # over

    followed = await add_address(uow, clock, home(), [COLD, HOT])

    assert followed.address.created_at == NOW and followed.address.id is not None
    assert followed.told == 1
    subscriptions = await uow.subscriptions.subscriptions(ANNA)
    assert {(s.topic, s.scope, s.address_id) for s in subscriptions} == {
        (outage_topic(COLD), Scope.ADDRESS, followed.address.id),
        (outage_topic(HOT), Scope.ADDRESS, followed.address.id),
    }
    [alert] = uow.outbox.rows.values()
    assert alert.kind == OUTAGE_ALERT and alert.chat_id == ANNA
    assert alert.payload["outage_id"] == on_here.id
    assert alert.payload["address_id"] == followed.address.id
    assert alert.priority == Priority.URGENT and alert.next_attempt_at == NOW


async def test_one_outage_is_told_once_across_addresses(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    await outage_on(uow, area=OutageArea(districts=(VAKHITOVSKY,)))
    first = SavedAddress(ANNA, "Дом", "ул. Баумана, 15", NOW, BAUMANA, "15", VAKHITOVSKY)
    second = SavedAddress(ANNA, "Работа", "ул. Баумана, 3", NOW, BAUMANA, "3", VAKHITOVSKY)
    assert (await add_address(uow, clock, first, [COLD])).told == 1
    assert (await add_address(uow, clock, second, [COLD])).told == 0
    assert len(uow.outbox.rows) == 1


async def test_at_most_max_addresses(uow: FakeAlertsUnitOfWork, clock: FixedClock) -> None:
    for house in range(MAX_ADDRESSES - 1):
        await add_address(uow, clock, home(house=str(house + 1)), [])
    assert await has_room_for_address(uow, ANNA)
    await add_address(uow, clock, home(house="99"), [])
    assert not await has_room_for_address(uow, ANNA)
    assert await has_room_for_address(uow, BORIS)  # counted per person
    with pytest.raises(TooManyAddresses):
        await add_address(uow, clock, home(house="100"), [COLD])
    assert await uow.subscriptions.count_addresses(ANNA) == MAX_ADDRESSES
    assert uow.subscriptions.rows == {}


async def test_following_twice_adds_nothing(uow: FakeAlertsUnitOfWork, clock: FixedClock) -> None:
    saved = (await add_address(uow, clock, home(), [COLD])).address
    assert saved.id is not None
    assert await follow_outages_at_address(uow, clock, ANNA, saved.id, [COLD, HOT]) == 1
    assert await follow_outages_at_address(uow, clock, ANNA, saved.id, [COLD, HOT]) == 0
    assert len(uow.subscriptions.rows) == 2


async def test_nobody_follows_at_someone_elses_address(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    saved = (await add_address(uow, clock, home(), [])).address
    assert saved.id is not None
    with pytest.raises(NotFound):
        await follow_outages_at_address(uow, clock, BORIS, saved.id, [COLD])
    with pytest.raises(NotFound):
        await set_outages_at_address(uow, clock, BORIS, saved.id, [COLD])
    assert uow.subscriptions.rows == {}


async def test_ticking_kinds_at_an_address_follows_exactly_those(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    saved = (await add_address(uow, clock, home(), [COLD, HOT])).address
    assert saved.id is not None
    await outage_on(uow, kind=POWER)

    followed = await set_outages_at_address(uow, clock, ANNA, saved.id, [HOT, POWER])

    topics = {s.topic for s in await uow.subscriptions.subscriptions(ANNA)}
    assert topics == {outage_topic(HOT), outage_topic(POWER)}
    assert followed.told == 1  # the power cut already on there


async def test_removing_an_address_drops_what_was_followed_there(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    saved = (await add_address(uow, clock, home(), [COLD, HOT])).address
    await follow_events(uow, clock, ANNA, [EventCategory.SPORT], None)
    assert saved.id is not None
    with pytest.raises(NotFound):
        await remove_address(uow, BORIS, saved.id)
    await remove_address(uow, ANNA, saved.id)
    assert await uow.subscriptions.addresses(ANNA) == []
    [left] = await uow.subscriptions.subscriptions(ANNA)
    assert left.topic == event_topic(EventCategory.SPORT)


async def test_following_a_district_tells_of_outages_there(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    on_street = await outage_on(uow)  # Baumana lies in the district
    declared = await outage_on(uow, area=OutageArea(districts=(VAKHITOVSKY,)))
    await outage_on(uow, area=OutageArea(streets=(StreetSpan(PUSHKINA),)))  # another district

    told = await follow_district(uow, clock, ANNA, VAKHITOVSKY, [COLD])

    assert told == 2
    assert {n.payload["outage_id"] for n in uow.outbox.rows.values()} == {
        on_street.id,
        declared.id,
    }
    [subscription] = await uow.subscriptions.subscriptions(ANNA)
    assert (subscription.scope, subscription.district) == (Scope.DISTRICT, VAKHITOVSKY)


async def test_events_in_the_city_or_a_district(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    assert await follow_events(uow, clock, ANNA, [EventCategory.SPORT], None) == 1
    assert await follow_events(uow, clock, ANNA, [EventCategory.SPORT], VAKHITOVSKY) == 1
    assert await follow_events(uow, clock, ANNA, [EventCategory.SPORT], None) == 0
    scopes = {(s.scope, s.district) for s in await uow.subscriptions.subscriptions(ANNA)}
    assert scopes == {(Scope.CITY, None), (Scope.DISTRICT, VAKHITOVSKY)}


async def test_unfollowing_ones_own_only(uow: FakeAlertsUnitOfWork, clock: FixedClock) -> None:
    await follow_events(uow, clock, ANNA, [EventCategory.SPORT, EventCategory.THEATRE], None)
    await follow_events(uow, clock, ANNA, [EventCategory.SPORT], VAKHITOVSKY)
    [sport, *_] = await uow.subscriptions.subscriptions(ANNA)
    assert sport.id is not None
    assert not await unfollow(uow, BORIS, sport.id)
    assert await unfollow(uow, ANNA, sport.id)
    assert not await unfollow(uow, ANNA, sport.id)
    assert await unfollow_topic(uow, ANNA, event_topic(EventCategory.SPORT)) == 1
    [left] = await uow.subscriptions.subscriptions(ANNA)
    assert left.topic == event_topic(EventCategory.THEATRE)


async def test_quiet_hours_and_event_delivery_are_kept_apart(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    assert await alert_preferences(uow, ANNA) == AlertPreferences()  # 22:00-08:00, instant
    late = QuietHours(time(23, 30), time(7, 0))
    await set_quiet_hours(uow, clock, ANNA, late)
    await set_event_delivery(uow, clock, ANNA, EventDelivery.WEEKLY)
    assert await alert_preferences(uow, ANNA) == AlertPreferences(late, EventDelivery.WEEKLY)
    await set_quiet_hours(uow, clock, ANNA, None)  # no quiet hours at all
    assert await alert_preferences(uow, ANNA) == AlertPreferences(None, EventDelivery.WEEKLY)
    assert await alert_preferences(uow, BORIS) == AlertPreferences()


async def test_the_overview_counts_subscriptions_per_address(
    uow: FakeAlertsUnitOfWork, clock: FixedClock
) -> None:
    saved = (await add_address(uow, clock, home(), [COLD, HOT, POWER])).address
    await add_address(uow, clock, home(user_id=BORIS), [COLD])
    mine = await overview(uow, ANNA)
    assert [a.id for a in mine.addresses] == [saved.id]
    assert saved.id is not None
    assert mine.followed_at() == {saved.id: 3}
    assert mine.address(saved.id) == saved

"""Alerts on both databases: subscriptions, publishing outages and events, fan-out rows."""

from datetime import time, timedelta

import pytest
from sqlalchemy import select, update

from domain.alerts.events import CityEvent, EventCategory
from domain.alerts.fanout import EVENT_ALERT, OUTAGE_ALERT
from domain.alerts.houses import HouseRange, Parity
from domain.alerts.outages import (
    OutageArea,
    OutageChange,
    OutageDraft,
    OutageKind,
    OutageStatus,
    StreetSpan,
)
from domain.alerts.subscriptions import EventDelivery, QuietHours, SavedAddress
from domain.clock import FixedClock
from domain.notifications import Priority
from domain.services import city_events, outages, subscriptions
from domain.services.fanout import fan_out_batch
from storage.models import OutboxRow
from storage.reference_data import load_reference_data
from storage.uow import SqlUnitOfWork
from tests.storage.samples import DATA_DIR, NOW, make_user

KIND = OutageKind.COLD_WATER


async def _street_id(uow: SqlUnitOfWork, name: str) -> int:
    street = next(s for s in await uow.streets.all() if s.name == name)
    assert street.id is not None
    return street.id


async def _resident(
    uow: SqlUnitOfWork, clock: FixedClock, user_id: int, street_id: int, house: str
) -> int:
    await uow.users.add(make_user(user_id))
    address = await subscriptions.save_address(
        uow,
        clock,
        SavedAddress(
            user_id, "Дом", f"#{street_id}, {house}", NOW, street_id, house, "Вахитовский"
        ),
    )
    assert address.id is not None
    await subscriptions.follow_outages_at_address(uow, clock, user_id, address.id, [KIND])
    return address.id


async def _fan_out_all(uow_factory, clock: FixedClock, batch_size: int = 2) -> int:  # type: ignore[no-untyped-def]
    total = 0
    while True:
        async with uow_factory() as uow:
            written = await fan_out_batch(uow, clock, batch_size)
        if written is None:
            return total
        total += written


async def _deliver_all(uows) -> None:  # type: ignore[no-untyped-def]
    """Stands for the dispatcher: what is queued now counts as sent."""
    async with uows() as uow:
        await uow.session.execute(update(OutboxRow).values(status="sent"))
        await uow.commit()


async def _outbox(uow: SqlUnitOfWork) -> list[OutboxRow]:
    return list(
        await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.chat_id, OutboxRow.id))
    )


def _draft(street_id: int, **changes: object) -> OutageDraft:
    values: dict[str, object] = {
        "kind": KIND,
        "emergency": True,
        "area": OutageArea(
            streets=(StreetSpan(street_id, ranges=(HouseRange(1, 21, Parity.ODD),)),)
        ),
        "starts_at": NOW - timedelta(hours=1),
        "ends_at": NOW + timedelta(hours=5),
        "description": "Авария на водоводе",
        "source": "vodokanal",
        "source_id": "A-1",
    }
    values.update(changes)
    return OutageDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def uows(session_factory, clock):  # type: ignore[no-untyped-def]
    return lambda: SqlUnitOfWork(session_factory, clock)


async def test_an_emergency_reaches_exactly_the_houses_in_its_range(uows, clock) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street_id(uow, "Баумана")
        other = await _street_id(uow, "Пушкина")
        await _resident(uow, clock, 1, street, "15")  # odd, in range
        await _resident(uow, clock, 2, street, "16")  # even side: not affected
        await _resident(uow, clock, 3, street, "21к2")  # the range's last house, a building
        await _resident(uow, clock, 4, other, "15")  # another street
        await _resident(uow, clock, 5, street, "23")  # past the range
        published = await outages.publish_outage(uow, clock, _draft(street))
        await uow.commit()
    assert published.created
    assert await _fan_out_all(uows, clock) == 2
    async with uows() as uow:
        rows = await _outbox(uow)
    assert [(r.chat_id, r.kind, r.priority) for r in rows] == [
        (1, OUTAGE_ALERT, Priority.URGENT),
        (3, OUTAGE_ALERT, Priority.URGENT),
    ]
    assert rows[0].payload["phase"] == "announced"


async def test_publishing_again_tells_nobody_twice_and_changes_tell_once(uows, clock) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street_id(uow, "Баумана")
        await _resident(uow, clock, 1, street, "15")
        await outages.publish_outage(uow, clock, _draft(street))
        await uow.commit()
    await _fan_out_all(uows, clock)
    await _deliver_all(uows)
    async with uows() as uow:
        again = await outages.publish_outage(uow, clock, _draft(street))
        await uow.commit()
    assert not again.created and again.phases == ()
    async with uows() as uow:
        later = await outages.publish_outage(
            uow, clock, _draft(street, ends_at=NOW + timedelta(hours=8))
        )
        await uow.commit()
    assert later.outage.status is OutageStatus.EXTENDED
    await _fan_out_all(uows, clock)
    await _deliver_all(uows)
    async with uows() as uow:
        assert later.outage.id is not None
        await outages.update_outage(
            uow, clock, later.outage.id, OutageChange(status=OutageStatus.RESTORED)
        )
        await uow.commit()
    await _fan_out_all(uows, clock)
    async with uows() as uow:
        phases = [r.payload["phase"] for r in await _outbox(uow)]
    assert phases == ["announced", "end_changed", "restored"]


async def test_quiet_hours_hold_planned_news_until_morning(uows, session_factory) -> None:  # type: ignore[no-untyped-def]
    night = FixedClock(NOW.replace(hour=20))  # 23:00 in Kazan
    async with SqlUnitOfWork(session_factory, night) as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street_id(uow, "Баумана")
        await _resident(uow, night, 1, street, "15")  # default quiet hours
        await _resident(uow, night, 2, street, "17")
        await subscriptions.set_quiet_hours(uow, night, 2, None)  # wants everything at once
        await outages.publish_outage(
            uow,
            night,
            _draft(street, emergency=False, starts_at=NOW + timedelta(days=2), ends_at=None),
        )
        await uow.commit()
    await _fan_out_all(lambda: SqlUnitOfWork(session_factory, night), night)
    async with SqlUnitOfWork(session_factory, night) as uow:
        due = {r.chat_id: r.next_attempt_at for r in await _outbox(uow)}
    assert due[2] == night.now()
    assert due[1] == NOW.replace(hour=5, minute=0) + timedelta(days=1)  # 08:00 Kazan time


async def test_district_followers_hear_of_street_outages_in_their_district(uows, clock) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street_id(uow, "Баумана")
        await uow.users.add(make_user(7))
        await uow.users.add(make_user(8))
        await subscriptions.follow_outages_in_district(uow, clock, 7, "Вахитовский", [KIND])
        await subscriptions.follow_outages_in_district(uow, clock, 8, "Авиастроительный", [KIND])
        await outages.publish_outage(uow, clock, _draft(street))
        await uow.commit()
    await _fan_out_all(uows, clock)
    async with uows() as uow:
        assert [r.chat_id for r in await _outbox(uow)] == [7]


async def test_events_go_to_instant_followers_and_digests_collect_the_rest(uows, clock) -> None:  # type: ignore[no-untyped-def]
    async with uows() as uow:
        await load_reference_data(uow.session, DATA_DIR)
        for user_id in (1, 2, 3):
            await uow.users.add(make_user(user_id))
        await subscriptions.follow_events(uow, clock, 1, [EventCategory.CONCERTS], None)
        await subscriptions.follow_events(uow, clock, 2, [EventCategory.CONCERTS], "Вахитовский")
        await subscriptions.follow_events(uow, clock, 3, [EventCategory.CONCERTS], None)
        await subscriptions.set_event_delivery(uow, clock, 3, EventDelivery.DAILY)
        await subscriptions.set_quiet_hours(uow, clock, 3, QuietHours(time(22), time(7)))
        event = CityEvent(
            title="Джаз в Кремле",
            category=EventCategory.CONCERTS,
            place="Кремль",
            district="Вахитовский",
            starts_at=NOW + timedelta(days=2),
            ends_at=None,
            source="afisha",
            created_at=NOW,
            updated_at=NOW,
            free=True,
            source_id="e1",
        )
        await city_events.publish_event(uow, clock, event)
        await uow.commit()
    await _fan_out_all(uows, clock)
    later = FixedClock(NOW + timedelta(hours=1))
    async with SqlUnitOfWork(uows().__dict__["_factory"], later) as uow:
        assert await city_events.queue_digest_batch(uow, later, EventDelivery.DAILY, 0) is None
    async with uows() as uow:
        rows = await _outbox(uow)
    assert [(r.chat_id, r.kind) for r in rows] == [
        (1, EVENT_ALERT),
        (2, EVENT_ALERT),
        (3, "event_digest"),
    ]
    assert rows[2].priority == Priority.DIGEST


async def test_restored_before_the_morning_drops_the_night_announcement(
    uows,
    session_factory,  # type: ignore[no-untyped-def]
) -> None:
    night = FixedClock(NOW.replace(hour=20))  # 23:00 in Kazan: the announcement waits
    async with SqlUnitOfWork(session_factory, night) as uow:
        await load_reference_data(uow.session, DATA_DIR)
        street = await _street_id(uow, "Баумана")
        await _resident(uow, night, 1, street, "15")
        published = await outages.publish_outage(
            uow, night, _draft(street, emergency=False, ends_at=NOW + timedelta(hours=20))
        )
        await uow.commit()
    night_uows = lambda: SqlUnitOfWork(session_factory, night)  # noqa: E731
    await _fan_out_all(night_uows, night)
    async with night_uows() as uow:
        assert published.outage.id is not None
        await outages.update_outage(
            uow, night, published.outage.id, OutageChange(status=OutageStatus.RESTORED)
        )
        await uow.commit()
    await _fan_out_all(night_uows, night)
    async with night_uows() as uow:
        assert [r.payload["phase"] for r in await _outbox(uow)] == ["restored"]

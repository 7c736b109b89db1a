"""Deleting an account leaves nothing personal in any table, on SQLite and PostgreSQL.

A person with everything the bot can keep (profile, phone and consent, labelled addresses,
subscriptions, preferences, requests with photos and comments, a followed request, staff
membership, a performer profile with past and future bookings and a waiting place, form
state, queued messages) is erased; then every table the database holds — reflected, so a
table added later is scanned without touching this test — is read whole, every value cast
to text, and searched for the person's id, names, phone, labels and stage name.
"""

import json
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import MetaData, String, cast, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.account import CONSENT_VERSION, Erasure
from domain.alerts.events import EventCategory
from domain.alerts.outages import OutageKind
from domain.alerts.subscriptions import AlertPreferences, EventDelivery, QuietHours, SavedAddress
from domain.booking.bookings import Booking, BookingPolicy, BookingStatus
from domain.booking.sites import Slot
from domain.clock import FixedClock
from domain.history import EventKind, RequestEvent
from domain.notifications import Notification
from domain.requests import Actor, Place, RequestStatus
from domain.services.account import erase_account
from domain.services.booking import book, join_waitlist
from domain.services.performers import decide_performer, submit_profile
from domain.services.reports import ReportDraft, submit_request
from domain.services.subscriptions import (
    follow_events,
    follow_outages_at_address,
    save_address,
)
from storage.fsm import FsmKey, SqlFsmRepository
from storage.models import FanoutRow, OutboxRow, RequestRow, metadata
from storage.reference_data import load_districts
from storage.uow import SqlUnitOfWork
from tests.storage.booking_samples import (
    TOMORROW,
    add_performers,
    add_sites,
    make_profile,
    make_site,
)
from tests.storage.samples import DATA_DIR, NOW, ROADS, add_categories, make_user

PERSON = 731_555_019
NEIGHBOUR = 731_555_020
STAFF_CHAT = -100_777
NAME = "Зульфия Уникальная"
USERNAME = "zulfiya_unique"
PHONE = "+79175550199"
LABELS = ("Дача-Зульфии-Ярлык", "Офис-Зульфии-Ярлык")
STAGE_NAME = "Сцена-Зульфии-Ника"
SECRETS = (str(PERSON), NAME, USERNAME, PHONE, *LABELS, STAGE_NAME)
POLICY = BookingPolicy()
PLACE = Place("ул. Баумана, 15", district="Вахитовский", lat=55.79, lon=49.11)


# An outage broadcast whose last batch ended at the person: its cursor is their id.
BROADCAST_AT_PERSON = {
    "key": "outage:1:announce:1",
    "subject": "outage",
    "subject_id": 1,
    "phase": "announce",
    "priority": 0,
    "urgent": True,
    "cursor": PERSON,
    "created_at": NOW,
}


@dataclass(frozen=True, slots=True)
class World:
    requests: list[int]
    waited_slot: Slot  # the person's booking with a waiting list behind it
    free_slot: Slot  # the person's booking nobody waits for
    waiting_performer: int  # the user waiting for waited_slot
    other_performer: int  # who tries the free slot afterwards


async def seed_person(factory: async_sessionmaker[AsyncSession], clock: FixedClock) -> World:
    open_site, strict_site = await add_sites(
        factory, clock, [make_site("fountain"), make_site("arch", auto_approve=False)]
    )
    waiting, other = await add_performers(factory, clock, 2)
    async with SqlUnitOfWork(factory, clock, STAFF_CHAT) as uow:
        await add_categories(uow.session, ROADS)
        await load_districts(
            uow.session, DATA_DIR / "districts.csv", DATA_DIR / "district_polygons.geojson"
        )
        await uow.users.add(make_user(PERSON, first_name=NAME, username=USERNAME, locale="ru"))
        await uow.users.add(make_user(NEIGHBOUR, first_name="Соседка", username=None))
        await uow.users.set_consent(PERSON, CONSENT_VERSION, NOW)
        await uow.users.set_phone(PERSON, PHONE)
        requests = await _requests_and_follows(uow, clock)
        await _alerts(uow, clock)
        await uow.staff.add(PERSON, added_by=NEIGHBOUR, at=NOW)
        await uow.templates.add("Спасибо, передали подрядчику", by=PERSON, at=NOW)
        await uow.session.execute(insert(FanoutRow).values(BROADCAST_AT_PERSON))
        await uow.outbox.add(
            Notification(f"note:to{PERSON}", PERSON, "request_event", {"request_id": 1}, NOW)
        )
        await uow.commit()
    async with SqlUnitOfWork(factory, clock, STAFF_CHAT) as uow:
        profile = await submit_profile(uow, clock, make_profile(PERSON, stage_name=STAGE_NAME))
        assert profile.id is not None
        await decide_performer(uow, clock, profile.id, approve=True)
        # One a day at a site, three a week: Tuesday, Wednesday, Thursday.
        waited = open_site.slots_on(TOMORROW)[0]
        free = open_site.slots_on(TOMORROW + timedelta(days=1))[0]
        strict = strict_site.slots_on(TOMORROW + timedelta(days=2))[0]
        for slot in (waited, free, strict):
            await book(
                uow,
                clock,
                POLICY,
                user_id=PERSON,
                site_id=slot.site_id,
                starts_at=slot.starts_at,
            )
        await join_waitlist(uow, clock, waiting.user_id, waited.site_id, waited.starts_at)
        later = open_site.slots_on(TOMORROW + timedelta(days=3))[0]
        await join_waitlist(uow, clock, PERSON, later.site_id, later.starts_at)
        past = Booking(
            open_site.id or 0,
            profile.id,
            NOW - timedelta(days=3),
            NOW - timedelta(days=3, hours=-2),
            BookingStatus.CONFIRMED,
            NOW,
            NOW,
        )
        await uow.bookings.add(past)
        await uow.commit()
    await SqlFsmRepository(factory, clock).set_data(
        FsmKey(bot_id=1, chat_id=PERSON, user_id=PERSON), {"draft": NAME, "phone": PHONE}
    )
    return World(requests, waited, free, waiting.user_id, other.user_id)


async def _requests_and_follows(uow: SqlUnitOfWork, clock: FixedClock) -> list[int]:
    draft = ReportDraft(ROADS.code, PLACE, "Глубокая яма у остановки", ("photo-a", "photo-b"))
    opened = await submit_request(uow, clock, PERSON, draft)
    closed = await submit_request(uow, clock, PERSON, draft)
    theirs = await submit_request(uow, clock, NEIGHBOUR, draft)
    assert opened.id and closed.id and theirs.id
    await uow.requests.save(replace(closed, status=RequestStatus.RESOLVED, resolved_at=NOW))
    await uow.requests.add_event(
        RequestEvent(
            opened.id, NOW, EventKind.COMMENT, Actor.AUTHOR, PERSON, text="Второй подъезд"
        )
    )
    await uow.requests.add_follower(theirs.id, PERSON, NOW)
    await uow.requests.add_event(
        RequestEvent(theirs.id, NOW, EventKind.FOLLOWER_JOINED, Actor.AUTHOR, PERSON)
    )
    return [opened.id, closed.id, theirs.id]


async def _alerts(uow: SqlUnitOfWork, clock: FixedClock) -> None:
    for label in LABELS:
        address = await save_address(
            uow, clock, SavedAddress(PERSON, label, "ул. Баумана, 15", NOW, district="Вахитовский")
        )
        assert address.id is not None
        await follow_outages_at_address(uow, clock, PERSON, address.id, [OutageKind.HOT_WATER])
    await follow_events(uow, clock, PERSON, [EventCategory.CONCERTS], "Вахитовский")
    await uow.subscriptions.set_preferences(
        PERSON, AlertPreferences(QuietHours(), EventDelivery.DAILY), NOW
    )


async def every_value(engine: AsyncEngine) -> list[tuple[str, str, str]]:
    """(table, column, value as text) for every non-NULL value of every table in the database."""
    reflected = MetaData()
    async with engine.connect() as connection:
        await connection.run_sync(reflected.reflect)
        found: list[tuple[str, str, str]] = []
        for table in reflected.sorted_tables:
            columns = [cast(column, String).label(column.name) for column in table.columns]
            for row in await connection.execute(select(*columns)):
                found += [(table.name, name, v) for name, v in row._mapping.items() if v]
    return found


def readable(value: str) -> str:
    """JSON columns keep non-ASCII escaped ("\\u0417..."): search their decoded form too."""
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value + json.dumps(decoded, ensure_ascii=False)


async def erase(factory: async_sessionmaker[AsyncSession], clock: FixedClock) -> Erasure:
    async with SqlUnitOfWork(factory, clock, STAFF_CHAT) as uow:
        erasure = await erase_account(uow, clock, POLICY, PERSON)
        await uow.commit()
    return erasure


async def test_nothing_personal_remains_anywhere(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    await seed_person(session_factory, clock)
    before = {table for table, _, _ in await leaks(engine)}
    assert before >= {
        "users",
        "saved_addresses",
        "alert_subscriptions",
        "alert_preferences",
        "requests",
        "request_events",
        "request_followers",
        "performers",
        "notification_outbox",
        "fsm_states",
        "staff_members",
        "response_templates",
        "alert_fanouts",
    }  # the scan finds what it looks for, where it is

    erasure = await erase(session_factory, clock)

    assert (erasure.requests_kept, erasure.open_requests_noted, erasure.bookings_cancelled) == (
        2,
        1,
        3,
    )
    assert await leaks(engine) == []
    tables = await table_names(engine)
    assert {table.name for table in metadata.sorted_tables} <= tables  # all were scanned


async def test_requests_stay_anonymised_and_staff_see_the_author_left(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    world = await seed_person(session_factory, clock)
    opened, closed, theirs = world.requests
    async with SqlUnitOfWork(session_factory, clock) as uow:
        for request_id in world.requests:  # staff made a photo of each request public
            await uow.requests.mark_photo(request_id, 1, True)
            await uow.requests.set_description_public(request_id, True)  # as if each agreed
        await uow.commit()
    await erase(session_factory, clock)

    async with SqlUnitOfWork(session_factory, clock) as uow:
        kept = [await uow.requests.get(request_id) for request_id in world.requests]
        assert [r.author_id if r else "gone" for r in kept] == [None, None, NEIGHBOUR]
        assert [len(r.photos) if r else 0 for r in kept] == [2, 2, 2]
        # Their photos are no longer public; the neighbour's request keeps its public photo.
        assert await uow.requests.first_public_photos(world.requests) == {theirs: 2}
        # Their consent to show their words went with them; the neighbour's holds.
        assert [r.description_public if r else None for r in kept] == [False, False, True]
        assert await uow.requests.followers(theirs) == []
        kinds = [event.kind for event in await uow.requests.history(opened)]
        assert kinds[-1] is EventKind.AUTHOR_LEFT
        assert EventKind.AUTHOR_LEFT not in [e.kind for e in await uow.requests.history(closed)]
        cards = await uow.session.scalars(
            select(OutboxRow.key).where(
                OutboxRow.chat_id == STAFF_CHAT, OutboxRow.kind == "staff_card"
            )
        )
        assert sum(key.startswith(f"card{opened}:") for key in cards) == 2  # posted, refreshed
        # The card of the booking that waited for staff is not posted for a booking now gone.
        assert not await uow.session.scalar(
            select(func.count()).where(OutboxRow.kind == "staff_booking_card")
        )
        assert await uow.session.scalar(select(func.count()).select_from(RequestRow)) == 3


async def test_freed_slots_go_to_the_waiting_list_or_back_on_sale(
    session_factory: async_sessionmaker[AsyncSession], clock: FixedClock
) -> None:
    world = await seed_person(session_factory, clock)
    await erase(session_factory, clock)

    async with SqlUnitOfWork(session_factory, clock) as uow:
        waiting = await uow.performers.by_user(world.waiting_performer)
        assert waiting is not None and waiting.id is not None
        offered = await uow.bookings.of_performer(waiting.id, clock.now(), upcoming=True)
        assert [(b.status, b.starts_at) for b in offered] == [
            (BookingStatus.OFFERED, world.waited_slot.starts_at)
        ]
        offer_notice = f"booking:{offered[0].id}:offered:0:to{world.waiting_performer}"
        notices = await uow.session.scalars(select(OutboxRow.key))
        assert offer_notice in set(notices)  # told, as after any cancellation
        slot = world.free_slot
        booked = await book(
            uow,
            clock,
            POLICY,
            user_id=world.other_performer,
            site_id=slot.site_id,
            starts_at=slot.starts_at,
        )
        assert booked.status is BookingStatus.CONFIRMED
        await uow.commit()


async def leaks(engine: AsyncEngine) -> list[tuple[str, str, str]]:
    return [hit for hit in await every_value(engine) if _leak(hit)]


async def table_names(engine: AsyncEngine) -> set[str]:
    reflected = MetaData()
    async with engine.connect() as connection:
        await connection.run_sync(reflected.reflect)
    return set(reflected.tables)


def _leak(hit: tuple[str, str, str]) -> bool:
    text = readable(hit[2])
    return any(secret in text for secret in SECRETS)

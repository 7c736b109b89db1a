"""Random sequences of booking actions keep the booking rules, read back from the database.

Each example is a fresh database (a copy of the migrated SQLite file, or PostgreSQL
emptied), three sites, three approved performers and a clock that only moves forward. The
actions are what people and jobs do: book, cancel, join a waiting list, staff approve or
decline, the clock moving on, the offer-expiry job, accepting an offer, a no-show. After
every step the invariants are checked on what the tables hold, not on what the services
returned; a refused booking must also be refused for a reason the database shows.
"""

import asyncio
import shutil
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingRefused,
    BookingStatus,
    Claim,
    Refusal,
    day_of,
    fixed_claims,
    week_of,
    week_tokens,
)
from domain.booking.performers import Performer
from domain.booking.sites import Site, Slot
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.services import booking as service
from domain.services.booking_staff import decide_booking, mark_no_show
from storage.engine import create_engine, create_session_factory
from storage.uow import SqlUnitOfWork
from tests.storage.booking_samples import (
    add_performers,
    add_sites,
    make_site,
    stored_bookings,
    stored_claims,
)
from tests.storage.databases import sqlite_url, truncate_all
from tests.storage.samples import NOW

# A small per_week and a short offer so that limits and lapses are reached in few steps.
POLICY = BookingPolicy(per_week=2, offer_ttl=timedelta(minutes=30))
TODAY = day_of(NOW)  # Monday 2 March 2026, 12:30 in Kazan
PERFORMERS = 3
STEPS = 30
EXAMPLES_SQLITE = 50
EXAMPLES_POSTGRES = 20  # each example empties every table first: slower
SITES = [
    make_site("bauman"),  # auto-approve, 10:00-22:00, 2 h slots and a 15 min buffer
    make_site(  # staff approve; 90 min back to back: overlaps the others' slots unevenly
        "kremlin", open_from=time(11), open_to=time(23), slot_minutes=90, buffer_minutes=0,
        auto_approve=False,
    ),
    make_site(  # open past midnight: a slot can start on the next city day
        "kaban", open_from=time(20), open_to=time(2), slot_minutes=60, buffer_minutes=15,
    ),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Book:
    performer: int
    site: int
    day: int
    slot: int


@dataclass(frozen=True, slots=True)
class Wait:
    performer: int
    pick: int  # the slot of an active booking: people wait for slots that are taken


@dataclass(frozen=True, slots=True)
class Cancel:
    pick: int  # among active bookings, oldest first; the performer is the booking's own


@dataclass(frozen=True, slots=True)
class Decide:
    pick: int  # among pending bookings
    approve: bool


@dataclass(frozen=True, slots=True)
class Accept:
    pick: int  # among offers


@dataclass(frozen=True, slots=True)
class NoShow:
    pick: int  # among confirmed bookings, those already begun first


@dataclass(frozen=True, slots=True)
class Tick:
    minutes: int  # the clock moves on, then the offer-expiry job runs


Action = Book | Wait | Cancel | Decide | Accept | NoShow | Tick

_picks = st.integers(0, 20)
_places = {
    "performer": st.integers(0, PERFORMERS - 1),
    "site": st.integers(0, len(SITES) - 1),
    # Few distinct slots, so that people collide: today (half gone), Tuesday, Wednesday,
    # Sunday, and next Monday (another ISO week; Sunday night at kaban ends in it).
    "day": st.sampled_from([0, 1, 1, 2, 6, 7]),
    "slot": st.integers(-2, 1),  # the day's first two and last two (today's evening is open)
}
_weighted: list[tuple[int, st.SearchStrategy[Action]]] = [
    (5, st.builds(Book, **_places)),  # booking is what most people do
    (2, st.builds(Wait, _places["performer"], _picks)),
    (2, st.builds(Cancel, _picks)),
    (2, st.builds(Decide, _picks, st.booleans())),
    (2, st.builds(Accept, _picks)),
    (1, st.builds(NoShow, _picks)),
    (2, st.builds(Tick, st.sampled_from([5, 20, 30, 45, 120, 600, 600]))),
]
# sampled_from picks list items uniformly, so a strategy listed five times is drawn 5/16.
actions = st.sampled_from([s for weight, s in _weighted for _ in range(weight)]).flatmap(
    lambda strategy: strategy
)


@dataclass
class World:
    """What the test knows beyond the tables: who is who, what was asked."""

    factory: async_sessionmaker[AsyncSession]
    clock: FixedClock
    sites: list[Site]
    performers: list[Performer]
    booked_ids: set[int] = field(default_factory=set)  # made by book(), not by an offer
    offered_ids: set[int] = field(default_factory=set)  # made by offer_next
    joined: set[tuple[int, datetime, int]] = field(default_factory=set)  # waiting lists

    def slot(self, place: Book) -> Slot | None:
        slots = self.sites[place.site].slots_on(TODAY + timedelta(days=place.day))
        return slots[place.slot % len(slots)] if slots else None

    def user_of(self, performer_id: int) -> int:
        return next(p.user_id for p in self.performers if p.id == performer_id)


async def step(world: World, action: Action) -> str:
    """One action in its own unit of work; returns what happened, for the tally."""
    name, refusal = type(action).__name__, None
    async with SqlUnitOfWork(world.factory, world.clock, staff_chat_id=1) as uow:
        try:
            outcome = await _ACTIONS[type(action)](world, uow, action)
            await uow.commit()
        except BookingRefused as refused:
            outcome = refusal = refused.refusal
        except DomainError as error:  # NotFound, InvalidTransition: nothing was done
            outcome = type(error).__name__
    if refusal is not None and isinstance(action, Book):
        await assert_refusal_is_true(world, action, refusal)
    return f"{name}: {outcome}"


async def _book(world: World, uow: SqlUnitOfWork, action: Book) -> str:
    slot = world.slot(action)
    if slot is None:
        return "closed day"
    user = world.performers[action.performer].user_id
    made = await service.book(
        uow,
        world.clock,
        POLICY,
        user_id=user,
        site_id=slot.site_id,
        starts_at=slot.starts_at,
    )
    assert made.id is not None
    world.booked_ids.add(made.id)
    return made.status


async def _wait(world: World, uow: SqlUnitOfWork, action: Wait) -> str:
    active = [b for b in await stored_bookings(world.factory) if b.active]
    taken = _pick(active, action.pick)
    if taken is None:
        return "nothing taken"
    performer = world.performers[action.performer]
    if not await service.join_waitlist(
        uow, world.clock, performer.user_id, taken.site_id, taken.starts_at
    ):
        return "already waiting"
    world.joined.add((taken.site_id, taken.starts_at, performer.id or 0))
    return "waiting"


async def _cancel(world: World, uow: SqlUnitOfWork, action: Cancel) -> str:
    active = [b for b in await stored_bookings(world.factory) if b.active]
    chosen = _pick(active, action.pick)
    if chosen is None or chosen.id is None:
        return "nothing to cancel"
    user = world.user_of(chosen.performer_id)
    ended = await service.cancel(uow, world.clock, POLICY, user, chosen.id)
    return ended.status


async def _decide(world: World, uow: SqlUnitOfWork, action: Decide) -> str:
    pending = await _with_status(world, BookingStatus.PENDING)
    chosen = _pick(pending, action.pick)
    if chosen is None or chosen.id is None:
        return "nothing pending"
    clock = world.clock
    decided = await decide_booking(uow, clock, POLICY, chosen.id, action.approve, "no room")
    return decided.status


async def _accept(world: World, uow: SqlUnitOfWork, action: Accept) -> str:
    chosen = _pick(await _with_status(world, BookingStatus.OFFERED), action.pick)
    if chosen is None or chosen.id is None:
        return "no offer"
    user = world.user_of(chosen.performer_id)
    accepted = await service.accept_offer(uow, world.clock, user, chosen.id)
    return accepted.status


async def _no_show(world: World, uow: SqlUnitOfWork, action: NoShow) -> str:
    confirmed = await _with_status(world, BookingStatus.CONFIRMED)
    confirmed.sort(key=lambda b: (b.starts_at > world.clock.now(), b.id))  # begun ones first
    chosen = _pick(confirmed, action.pick)
    if chosen is None or chosen.id is None:
        return "nothing confirmed"
    await mark_no_show(uow, world.clock, POLICY, chosen.id)
    return "no_show"


async def _tick(world: World, uow: SqlUnitOfWork, action: Tick) -> str:
    world.clock.set(world.clock.now() + timedelta(minutes=action.minutes))
    lapsed = await service.expire_offers(uow, world.clock, POLICY)
    return "offers lapsed" if lapsed else "no lapse"


_ACTIONS: dict[type, Callable[[World, SqlUnitOfWork, Any], Awaitable[str]]] = {
    Book: _book,
    Wait: _wait,
    Cancel: _cancel,
    Decide: _decide,
    Accept: _accept,
    NoShow: _no_show,
    Tick: _tick,
}


async def _with_status(world: World, status: BookingStatus) -> list[Booking]:
    return [b for b in await stored_bookings(world.factory) if b.status is status]


def _pick(bookings: Sequence[Booking], pick: int) -> Booking | None:
    return bookings[pick % len(bookings)] if bookings else None


def _overlap(a: Booking | Slot, b: Booking | Slot) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


async def assert_refusal_is_true(world: World, action: Book, refusal: Refusal) -> None:
    """The reason given matches what the database held: a refusal never lies."""
    slot = world.slot(action)
    assert slot is not None
    now = world.clock.now()
    performer_id = world.performers[action.performer].id
    active = [b for b in await stored_bookings(world.factory) if b.active]
    mine = [b for b in active if b.performer_id == performer_id]
    async with SqlUnitOfWork(world.factory, world.clock) as uow:
        performer = await uow.performers.get(performer_id or 0)
    assert performer is not None
    truths = {
        Refusal.SUSPENDED: performer.suspended(now),
        Refusal.IN_THE_PAST: slot.starts_at <= now,
        Refusal.TOO_CLOSE: now < slot.starts_at < now + POLICY.min_lead,
        Refusal.SLOT_TAKEN: any(b.site_id == slot.site_id and _overlap(b, slot) for b in active),
        Refusal.OVERLAP: any(_overlap(b, slot) for b in mine),
        Refusal.SITE_DAY: any(
            b.site_id == slot.site_id and day_of(b.starts_at) == slot.local_day() for b in mine
        ),
        Refusal.WEEK_LIMIT: sum(week_of(b.starts_at) == week_of(slot.starts_at) for b in mine)
        >= POLICY.per_week,
    }
    assert truths.get(refusal, False), f"{action} refused as {refusal} at {now}"


async def assert_invariants(world: World) -> None:
    bookings = await stored_bookings(world.factory)
    active = [b for b in bookings if b.active]
    for n, one in enumerate(active):
        for other in active[n + 1 :]:
            if _overlap(one, other):
                assert one.site_id != other.site_id, f"double booking: {one} {other}"
                assert one.performer_id != other.performer_id, f"overlap: {one} {other}"
    weeks = Counter((b.performer_id, week_of(b.starts_at)) for b in active)
    assert max(weeks.values(), default=0) <= POLICY.per_week, weeks
    site_days = Counter((b.performer_id, b.site_id, day_of(b.starts_at)) for b in active)
    assert max(site_days.values(), default=0) <= 1, site_days

    held: dict[int, set[Claim]] = {}
    for claim in await stored_claims(world.factory):
        held.setdefault(claim.booking_id, set()).add(Claim(claim.kind, claim.key))
    assert held.keys() <= {b.id for b in active}, "an inactive booking still holds claims"
    for booking in active:
        fixed = set(fixed_claims(booking.performer_id, booking.slot))
        has = held.get(booking.id or 0, set())
        (week_token,) = has - fixed  # exactly one week token on top of the fixed claims
        assert fixed <= has
        assert week_token in week_tokens(booking.performer_id, booking.slot, POLICY)

    for booking in bookings:
        assert booking.created_at <= booking.starts_at - POLICY.min_lead, booking
        assert (booking.status is BookingStatus.OFFERED) == (
            booking.offer_expires_at is not None
        ), booking
        if booking.id not in world.booked_ids:  # made by offer_next: from a waiting list
            world.offered_ids.add(booking.id or 0)
            place = (booking.site_id, booking.starts_at, booking.performer_id)
            assert place in world.joined, f"{booking} offered to someone who never waited"


async def scenario(url: str, script: Sequence[Action], tally: Counter[str]) -> None:
    engine = create_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            await truncate_all(engine)
        factory = create_session_factory(engine)
        clock = FixedClock(NOW)
        sites = await add_sites(factory, clock, SITES)
        performers = await add_performers(factory, clock, PERFORMERS)
        world = World(factory, clock, sites, performers)
        for action in script:
            offers = len(world.offered_ids)
            tally[await step(world, action)] += 1
            await assert_invariants(world)
            tally["offers made (cancel, decline, lapse)"] += len(world.offered_ids) - offers
    finally:
        await engine.dispose()


def fresh_database(db_url: str, tmp_path: Path) -> str:
    """A copy of the pristine migrated SQLite file per example; PostgreSQL is emptied by
    `scenario` instead."""
    if make_url(db_url).get_backend_name() != "sqlite":
        return db_url
    copy = tmp_path / f"{uuid.uuid4().hex}.db"
    shutil.copyfile(str(make_url(db_url).database), copy)
    return sqlite_url(copy)


def test_random_actions_keep_the_booking_rules(db_url: str, tmp_path: Path) -> None:
    """A plain test driving its own event loop per example: hypothesis needs a fresh
    database each time, which function-scoped async fixtures cannot give it."""
    sqlite = make_url(db_url).get_backend_name() == "sqlite"

    @settings(
        max_examples=EXAMPLES_SQLITE if sqlite else EXAMPLES_POSTGRES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(actions, min_size=STEPS // 3, max_size=STEPS))
    def run(script: list[Action]) -> None:
        asyncio.run(scenario(fresh_database(db_url, tmp_path), script, tally))

    tally: Counter[str] = Counter()
    run()
    # What the examples did (pytest -s): shows the rules were reached, not just asked.
    print(f"\n{make_url(db_url).get_backend_name()}: {sum(tally.values())} steps")  # noqa: T201
    for outcome, count in sorted(tally.items()):
        print(f"  {outcome}: {count}")  # noqa: T201

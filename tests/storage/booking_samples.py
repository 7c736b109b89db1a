"""Sites, performers and database read-backs shared by the booking storage tests.

Everything is seeded through the services (submit_profile, decide_performer) so the rows
are the ones the bot would write; the read-backs go straight to the tables, because the
invariants are about what the database holds, whatever the repositories would report.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.booking.bookings import Booking, ClaimKind
from domain.booking.performers import Genre, Performer
from domain.booking.sites import Site, Sound
from domain.clock import CITY_TZ, Clock
from domain.services.performers import decide_performer, submit_profile
from storage.booking_mappers import booking_from_row
from storage.models import BookingClaimRow, BookingRow, WaitlistRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW, make_user

EVERY_DAY = frozenset(range(7))
TOMORROW = (NOW.astimezone(CITY_TZ) + timedelta(days=1)).date()  # Tuesday 2026-03-03


def make_site(code: str, **changes: Any) -> Site:
    values: dict[str, Any] = {
        "code": code,
        "name_ru": f"Площадка {code}",
        "place": "у фонтана",
        "open_days": EVERY_DAY,
        "open_from": time(10),
        "open_to": time(22),
        "sound": Sound.UP_TO_60_DB,
        "max_group": 5,
    }
    values.update(changes)
    return Site(**values)


def make_profile(user_id: int, **changes: Any) -> Performer:
    values: dict[str, Any] = {
        "user_id": user_id,
        "stage_name": f"Act {user_id}",
        "genre": Genre.MUSIC,
        "group_size": 1,
        "sound": Sound.ACOUSTIC,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(changes)
    return Performer(**values)


async def add_sites(
    factory: async_sessionmaker[AsyncSession], clock: Clock, sites: list[Site]
) -> list[Site]:
    async with SqlUnitOfWork(factory, clock) as uow:
        stored = [await uow.sites.add(site, clock.now()) for site in sites]
        await uow.commit()
    return stored


async def add_performers(
    factory: async_sessionmaker[AsyncSession], clock: Clock, count: int, first_user: int = 5000
) -> list[Performer]:
    """`count` approved performers (users first_user, first_user + 1, ...)."""
    performers = []
    async with SqlUnitOfWork(factory, clock) as uow:
        for user_id in range(first_user, first_user + count):
            await uow.users.add(make_user(user_id, username=None))
            submitted = await submit_profile(uow, clock, make_profile(user_id))
            assert submitted.id is not None
            performers.append(await decide_performer(uow, clock, submitted.id, approve=True))
        await uow.commit()
    return performers


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A city-time moment (what a performer picks on screen)."""
    return datetime.combine(day, time(hour, minute), tzinfo=CITY_TZ)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    booking_id: int
    kind: ClaimKind
    key: str


async def stored_bookings(factory: async_sessionmaker[AsyncSession]) -> list[Booking]:
    async with factory() as session:
        rows = await session.scalars(select(BookingRow).order_by(BookingRow.id))
        return [booking_from_row(row) for row in rows]


async def stored_claims(factory: async_sessionmaker[AsyncSession]) -> list[StoredClaim]:
    async with factory() as session:
        rows = await session.execute(
            select(BookingClaimRow.booking_id, BookingClaimRow.kind, BookingClaimRow.key)
        )
        return [StoredClaim(booking_id, ClaimKind(kind), key) for booking_id, kind, key in rows]


async def stored_waitlist(
    factory: async_sessionmaker[AsyncSession],
) -> set[tuple[int, datetime, int]]:
    async with factory() as session:
        rows = await session.execute(
            select(WaitlistRow.site_id, WaitlistRow.starts_at, WaitlistRow.performer_id)
        )
        return {(site_id, starts_at, performer_id) for site_id, starts_at, performer_id in rows}

"""Sites, performers, bookings with their claims, and waiting lists."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.booking.bookings import ACTIVE, Booking, BookingStatus, Claim
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.errors import NotFound
from storage.booking_mappers import (
    booking_from_row,
    booking_values,
    performer_from_row,
    performer_values,
    site_from_row,
    site_values,
)
from storage.dialects import insert_for
from storage.models import BookingClaimRow, BookingRow, PerformerRow, SiteRow, WaitlistRow

_ACTIVE = sorted(status.value for status in ACTIVE)


class SqlSiteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, site: Site, at: datetime) -> Site:
        values = site_values(site) | {"created_at": at, "updated_at": at}
        site_id = await self._session.scalar(insert(SiteRow).values(values).returning(SiteRow.id))
        assert site_id is not None
        return replace(site, id=site_id)

    async def save(self, site: Site, at: datetime) -> None:
        changed = await self._session.scalar(
            update(SiteRow)
            .where(SiteRow.id == site.id)
            .values(site_values(site) | {"updated_at": at})
            .returning(SiteRow.id)
        )
        if changed is None:
            raise NotFound(f"site {site.id}")

    async def get(self, site_id: int) -> Site | None:
        row = await self._session.get(SiteRow, site_id)
        return site_from_row(row) if row is not None else None

    async def by_code(self, code: str) -> Site | None:
        row = await self._session.scalar(select(SiteRow).where(SiteRow.code == code))
        return site_from_row(row) if row is not None else None

    async def all(self, *, active_only: bool = True) -> list[Site]:
        query = select(SiteRow).order_by(SiteRow.id)
        if active_only:
            query = query.where(SiteRow.active.is_(True))
        return [site_from_row(row) for row in await self._session.scalars(query)]


class SqlPerformerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, performer: Performer) -> Performer:
        performer_id = await self._session.scalar(
            insert(PerformerRow).values(performer_values(performer)).returning(PerformerRow.id)
        )
        assert performer_id is not None
        return replace(performer, id=performer_id)

    async def save(self, performer: Performer) -> None:
        changed = await self._session.scalar(
            update(PerformerRow)
            .where(PerformerRow.id == performer.id)
            .values(performer_values(performer))
            .returning(PerformerRow.id)
        )
        if changed is None:
            raise NotFound(f"performer {performer.id}")

    async def get(self, performer_id: int) -> Performer | None:
        row = await self._session.get(PerformerRow, performer_id)
        return performer_from_row(row) if row is not None else None

    async def by_user(self, user_id: int) -> Performer | None:
        row = await self._session.scalar(
            select(PerformerRow).where(PerformerRow.user_id == user_id)
        )
        return performer_from_row(row) if row is not None else None


class SqlBookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, booking: Booking) -> Booking:
        booking_id = await self._session.scalar(
            insert(BookingRow).values(booking_values(booking)).returning(BookingRow.id)
        )
        assert booking_id is not None
        return replace(booking, id=booking_id)

    async def save(self, booking: Booking) -> None:
        changed = await self._session.scalar(
            update(BookingRow)
            .where(BookingRow.id == booking.id)
            .values(booking_values(booking))
            .returning(BookingRow.id)
        )
        if changed is None:
            raise NotFound(f"booking {booking.id}")

    async def get(self, booking_id: int, *, for_update: bool = False) -> Booking | None:
        query = select(BookingRow).where(BookingRow.id == booking_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query)
        return booking_from_row(row) if row is not None else None

    async def claim(self, booking_id: int, claims: Sequence[Claim]) -> Claim | None:
        """Take every claim for the booking; the first one already held by another booking
        is returned (and the caller must roll back), None when all were taken here.

        INSERT ... ON CONFLICT DO NOTHING: on PostgreSQL a claim being taken by another
        open transaction makes this one wait for its outcome, so the loser always sees it.
        """
        if not claims:
            return None
        rows = [{"booking_id": booking_id, "kind": c.kind.value, "key": c.key} for c in claims]
        result = await self._session.execute(
            insert_for(self._session, BookingClaimRow)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["kind", "key"])
            .returning(BookingClaimRow.kind, BookingClaimRow.key)
        )
        taken = {(kind, key) for kind, key in result}
        return next((c for c in claims if (c.kind.value, c.key) not in taken), None)

    async def claim_any(self, booking_id: int, tokens: Sequence[Claim]) -> Claim | None:
        """The first free token of `tokens` (a week's numbered places), or None when all
        are held."""
        for token in tokens:
            if await self.claim(booking_id, [token]) is None:
                return token
        return None

    async def release(self, booking_id: int) -> None:
        """A booking that is no longer active gives its claims back."""
        await self._session.execute(
            delete(BookingClaimRow).where(BookingClaimRow.booking_id == booking_id)
        )

    async def discard(self, booking_id: int) -> None:
        """Undo a booking refused within this transaction (its claims go with it)."""
        await self.release(booking_id)
        await self._session.execute(delete(BookingRow).where(BookingRow.id == booking_id))

    async def taken_starts(self, site_id: int, since: datetime, until: datetime) -> set[datetime]:
        """Starts of the site's slots held by an active booking between the two moments."""
        rows = await self._session.scalars(
            select(BookingRow.starts_at).where(
                BookingRow.site_id == site_id,
                BookingRow.status.in_(_ACTIVE),
                BookingRow.starts_at >= since,
                BookingRow.starts_at < until,
            )
        )
        return set(rows)

    async def of_performer(
        self, performer_id: int, now: datetime, *, upcoming: bool, limit: int = 20
    ) -> list[Booking]:
        query = select(BookingRow).where(BookingRow.performer_id == performer_id)
        if upcoming:
            query = query.where(BookingRow.ends_at > now, BookingRow.status.in_(_ACTIVE))
            query = query.order_by(BookingRow.starts_at)
        else:
            query = query.where(
                (BookingRow.ends_at <= now) | BookingRow.status.not_in(_ACTIVE)
            ).order_by(BookingRow.starts_at.desc())
        rows = await self._session.scalars(query.limit(limit))
        return [booking_from_row(row) for row in rows]

    async def count_no_shows(self, performer_id: int, since: datetime) -> int:
        count = await self._session.scalar(
            select(func.count()).where(
                BookingRow.performer_id == performer_id,
                BookingRow.status == BookingStatus.NO_SHOW.value,
                BookingRow.starts_at >= since,
            )
        )
        return count or 0

    async def between(
        self,
        since: datetime,
        until: datetime,
        statuses: Sequence[BookingStatus] = (BookingStatus.CONFIRMED,),
        site_ids: Sequence[int] = (),
    ) -> list[Booking]:
        """Bookings starting in [since, until), soonest first."""
        query = select(BookingRow).where(
            BookingRow.starts_at >= since,
            BookingRow.starts_at < until,
            BookingRow.status.in_([s.value for s in statuses]),
        )
        if site_ids:
            query = query.where(BookingRow.site_id.in_(list(site_ids)))
        rows = await self._session.scalars(query.order_by(BookingRow.starts_at, BookingRow.id))
        return [booking_from_row(row) for row in rows]

    async def lapsed_offers(self, now: datetime) -> list[Booking]:
        rows = await self._session.scalars(
            select(BookingRow)
            .where(
                BookingRow.status == BookingStatus.OFFERED.value,
                BookingRow.offer_expires_at <= now,
            )
            .order_by(BookingRow.offer_expires_at)
        )
        return [booking_from_row(row) for row in rows]

    async def search(
        self,
        *,
        statuses: Sequence[BookingStatus] = (),
        site_id: int | None = None,
        starts_from: datetime | None = None,
        starts_before: datetime | None = None,
        after_id: int = 0,
        limit: int = 50,
    ) -> list[Booking]:
        query = select(BookingRow).where(BookingRow.id > after_id)
        if statuses:
            query = query.where(BookingRow.status.in_([s.value for s in statuses]))
        if site_id is not None:
            query = query.where(BookingRow.site_id == site_id)
        if starts_from is not None:
            query = query.where(BookingRow.starts_at >= starts_from)
        if starts_before is not None:
            query = query.where(BookingRow.starts_at < starts_before)
        rows = await self._session.scalars(query.order_by(BookingRow.id).limit(limit))
        return [booking_from_row(row) for row in rows]

    # The waiting list of a slot: first come, first offered.

    async def wait(
        self, site_id: int, starts_at: datetime, performer_id: int, at: datetime
    ) -> bool:
        inserted = await self._session.scalar(
            insert_for(self._session, WaitlistRow)
            .values(site_id=site_id, starts_at=starts_at, performer_id=performer_id, created_at=at)
            .on_conflict_do_nothing(index_elements=["site_id", "starts_at", "performer_id"])
            .returning(WaitlistRow.id)
        )
        return inserted is not None

    async def waiting(self, site_id: int, starts_at: datetime) -> list[int]:
        rows = await self._session.scalars(
            select(WaitlistRow.performer_id)
            .where(WaitlistRow.site_id == site_id, WaitlistRow.starts_at == starts_at)
            .order_by(WaitlistRow.created_at, WaitlistRow.id)
        )
        return list(rows)

    async def leave(self, site_id: int, starts_at: datetime, performer_id: int) -> bool:
        result = await self._session.execute(
            delete(WaitlistRow).where(
                WaitlistRow.site_id == site_id,
                WaitlistRow.starts_at == starts_at,
                WaitlistRow.performer_id == performer_id,
            )
        )
        return cast(CursorResult[Any], result).rowcount > 0

    async def waits_of(self, performer_id: int, now: datetime) -> list[tuple[int, datetime]]:
        rows = await self._session.execute(
            select(WaitlistRow.site_id, WaitlistRow.starts_at)
            .where(WaitlistRow.performer_id == performer_id, WaitlistRow.starts_at > now)
            .order_by(WaitlistRow.starts_at)
        )
        return [(site_id, starts_at) for site_id, starts_at in rows]

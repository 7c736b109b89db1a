"""In-memory booking ports (domain/booking/ports.py): sites, performers, bookings with their
claims and waiting lists, as storage/repositories/booking.py keeps them, for service tests."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.booking.bookings import Booking, BookingStatus, Claim
from domain.booking.performers import Performer
from domain.booking.sites import Site
from tests.unit.fakes import FakeOutbox, FakeTransaction


class FakeSites:
    def __init__(self, sites: Sequence[Site] = ()) -> None:
        self.rows: dict[int, Site] = {}
        for site in sites:
            assert site.id is not None, "a seeded site needs its id"
            self.rows[site.id] = site

    async def add(self, site: Site, at: datetime) -> Site:
        assert site.id is None, "add() takes a new site"
        assert site.code not in {s.code for s in self.rows.values()}, "duplicate site code"
        saved = replace(site, id=max(self.rows, default=0) + 1)
        self.rows[saved.id] = saved  # type: ignore[index]
        return saved

    async def save(self, site: Site, at: datetime) -> None:
        assert site.id in self.rows, "update of an unknown site"
        self.rows[site.id] = site  # type: ignore[index]

    async def get(self, site_id: int) -> Site | None:
        return self.rows.get(site_id)

    async def by_code(self, code: str) -> Site | None:
        return next((s for s in self.rows.values() if s.code == code), None)

    async def all(self, *, active_only: bool = True) -> list[Site]:
        sites = [s for s in self.rows.values() if s.active or not active_only]
        return sorted(sites, key=lambda s: s.name_ru)


class FakePerformers:
    def __init__(self) -> None:
        self.rows: dict[int, Performer] = {}

    async def add(self, performer: Performer) -> Performer:
        assert performer.id is None, "add() takes a new performer"
        assert await self.by_user(performer.user_id) is None, "one profile per person"
        saved = replace(performer, id=max(self.rows, default=0) + 1)
        self.rows[saved.id] = saved  # type: ignore[index]
        return saved

    async def save(self, performer: Performer) -> None:
        assert performer.id in self.rows, "update of an unknown performer"
        self.rows[performer.id] = performer  # type: ignore[index]

    async def get(self, performer_id: int) -> Performer | None:
        return self.rows.get(performer_id)

    async def by_user(self, user_id: int) -> Performer | None:
        return next((p for p in self.rows.values() if p.user_id == user_id), None)


@dataclass(frozen=True, slots=True)
class Wait:
    site_id: int
    starts_at: datetime
    performer_id: int
    at: datetime


class FakeBookings:
    """Claims are a unique (kind, key) -> booking id map, as the claims table's index."""

    def __init__(self) -> None:
        self.rows: dict[int, Booking] = {}
        self.claims: dict[Claim, int] = {}
        self.waits: list[Wait] = []  # in the order people joined
        self._next_id = 1

    async def add(self, booking: Booking) -> Booking:
        assert booking.id is None, "add() takes a new booking"
        saved = replace(booking, id=self._next_id)
        self._next_id += 1  # ids are never reused, as a sequence's
        self.rows[self._next_id - 1] = saved
        return saved

    async def save(self, booking: Booking) -> None:
        assert booking.id in self.rows, "update of an unknown booking"
        self.rows[booking.id] = booking  # type: ignore[index]

    async def get(self, booking_id: int, *, for_update: bool = False) -> Booking | None:
        return self.rows.get(booking_id)

    async def claim(self, booking_id: int, claims: Sequence[Claim]) -> Claim | None:
        assert booking_id in self.rows, "claims of an unknown booking"
        conflict = None
        for claim in claims:
            holder = self.claims.setdefault(claim, booking_id)
            if holder != booking_id and conflict is None:
                conflict = claim
        return conflict

    async def claim_any(self, booking_id: int, tokens: Sequence[Claim]) -> Claim | None:
        for token in tokens:
            if await self.claim(booking_id, [token]) is None:
                return token
        return None

    async def release(self, booking_id: int) -> None:
        self.claims = {c: holder for c, holder in self.claims.items() if holder != booking_id}

    async def discard(self, booking_id: int) -> None:
        await self.release(booking_id)
        del self.rows[booking_id]

    async def taken_starts(self, site_id: int, since: datetime, until: datetime) -> set[datetime]:
        return {
            b.starts_at
            for b in self.rows.values()
            if b.site_id == site_id and b.active and since <= b.starts_at < until
        }

    async def of_performer(
        self, performer_id: int, now: datetime, *, upcoming: bool, limit: int = 20
    ) -> list[Booking]:
        theirs = [b for b in self.rows.values() if b.performer_id == performer_id]
        if upcoming:
            found = sorted((b for b in theirs if b.ends_at > now and b.active), key=_start)
        else:
            past = (b for b in theirs if b.ends_at <= now or not b.active)
            found = sorted(past, key=_start, reverse=True)
        return found[:limit]

    async def count_no_shows(self, performer_id: int, since: datetime) -> int:
        return sum(
            1
            for b in self.rows.values()
            if b.performer_id == performer_id
            and b.status is BookingStatus.NO_SHOW
            and b.starts_at >= since
        )

    async def between(
        self,
        since: datetime,
        until: datetime,
        statuses: Sequence[BookingStatus] = (BookingStatus.CONFIRMED,),
        site_ids: Sequence[int] = (),
    ) -> list[Booking]:
        found = [
            b
            for b in self.rows.values()
            if since <= b.starts_at < until
            and b.status in statuses
            and (not site_ids or b.site_id in site_ids)
        ]
        return sorted(found, key=lambda b: (b.starts_at, b.id or 0))

    async def lapsed_offers(self, now: datetime) -> list[Booking]:
        lapsed = [
            b
            for b in self.rows.values()
            if b.status is BookingStatus.OFFERED
            and b.offer_expires_at is not None
            and b.offer_expires_at <= now
        ]
        return sorted(lapsed, key=lambda b: b.offer_expires_at or now)

    async def wait(
        self, site_id: int, starts_at: datetime, performer_id: int, at: datetime
    ) -> bool:
        if performer_id in await self.waiting(site_id, starts_at):
            return False
        self.waits.append(Wait(site_id, starts_at, performer_id, at))
        return True

    async def waiting(self, site_id: int, starts_at: datetime) -> list[int]:
        return [
            w.performer_id for w in self.waits if (w.site_id, w.starts_at) == (site_id, starts_at)
        ]

    async def leave(self, site_id: int, starts_at: datetime, performer_id: int) -> bool:
        before = len(self.waits)
        named = (site_id, starts_at, performer_id)
        self.waits = [w for w in self.waits if (w.site_id, w.starts_at, w.performer_id) != named]
        return len(self.waits) < before

    async def waits_of(self, performer_id: int, now: datetime) -> list[tuple[int, datetime]]:
        mine = [w for w in self.waits if w.performer_id == performer_id and w.starts_at > now]
        return [(w.site_id, w.starts_at) for w in sorted(mine, key=lambda w: w.starts_at)]

    def active_holders(self) -> set[int]:
        """The bookings holding claims: only active ones should."""
        return set(self.claims.values())


def _start(booking: Booking) -> datetime:
    return booking.starts_at


class FakeBookingUnitOfWork(FakeTransaction):
    def __init__(self, sites: Sequence[Site] = (), staff_chat_id: int | None = None) -> None:
        self.staff_chat_id = staff_chat_id  # the chat staff cards go to; None: no staff chat
        self.sites = FakeSites(sites)
        self.performers = FakePerformers()
        self.bookings = FakeBookings()
        self.outbox = FakeOutbox()

"""What booking handlers work with: the unit of work (with the waiting lists of a performer)
and the person's performer profile, if any."""

from datetime import datetime
from typing import Protocol

from domain.booking.ports import BookingRepository, BookingUnitOfWork
from domain.booking.sites import Site


class WaitingLists(BookingRepository, Protocol):
    async def waits_of(self, performer_id: int, now: datetime) -> list[tuple[int, datetime]]: ...


class BookingUoW(BookingUnitOfWork, Protocol):
    """The per-update unit of work the middleware hands over."""

    @property
    def bookings(self) -> WaitingLists: ...


async def sites_by_id(uow: BookingUoW) -> dict[int, Site]:
    """Every site, inactive ones too: an old booking still names its place."""
    return {site.id: site for site in await uow.sites.all(active_only=False) if site.id}

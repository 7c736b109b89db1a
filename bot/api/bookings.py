"""Art-prospect bookings for the city: a filtered list, and the same as a CSV table."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from aiohttp import web

from bot.api.booking_models import BookingFilterQuery, BookingListQuery, BookingOut, BookingPage
from bot.api.errors import invalid
from bot.api.reports import BOM, CSV_TYPE
from bot.api.routing import ApiCall, RouteTable
from domain.booking.bookings import Booking
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import to_city_time
from storage.uow import SqlUnitOfWork

routes = RouteTable("bookings")
EXPORT_BATCH = 500  # rows read per query while streaming the CSV
COLUMNS = (
    "id",
    "site",
    "site_name",
    "stage_name",
    "genre",
    "starts_at_msk",
    "ends_at_msk",
    "status",
    "reason",
    "created_at_msk",
)


class _Labels:
    """Sites and performers of the bookings being answered, each read once."""

    def __init__(self, uow: SqlUnitOfWork, sites: list[Site]) -> None:
        self._uow = uow
        self._sites = {site.id: site for site in sites}
        self._performers: dict[int, Performer] = {}

    @classmethod
    async def load(cls, uow: SqlUnitOfWork) -> "_Labels":
        return cls(uow, await uow.sites.all(active_only=False))

    def site_id(self, code: str | None) -> int | None:
        """The filter's site; an unknown code is a typo to report, not an empty result."""
        if code is None:
            return None
        found = next((s.id for s in self._sites.values() if s.code == code), None)
        if found is None:
            raise invalid("site", f"unknown site {code!r}")
        return found

    async def out(self, booking: Booking) -> BookingOut:
        performer = self._performers.get(booking.performer_id)
        if performer is None:
            performer = await self._uow.performers.get(booking.performer_id)
            assert performer is not None  # a performer's bookings go with the performer
            self._performers[booking.performer_id] = performer
        return BookingOut.of(booking, self._sites[booking.site_id], performer)


async def _search(
    uow: SqlUnitOfWork, labels: _Labels, query: BookingFilterQuery, after_id: int, limit: int
) -> list[Booking]:
    return await uow.bookings.search(
        statuses=query.status or (),
        site_id=labels.site_id(query.site),
        starts_from=query.starts_from,
        starts_before=query.starts_before,
        after_id=after_id,
        limit=limit,
    )


@routes.get("/bookings", query=BookingListQuery, responses={200: BookingPage})
async def list_bookings(call: ApiCall, query: BookingListQuery) -> BookingPage:
    """List bookings, filtered, in the order they were made

    Page with after_id: each page gives next_after_id while more may follow.
    """
    async with call.context.uow() as uow:
        labels = await _Labels.load(uow)
        found = await _search(uow, labels, query, query.after_id, query.limit + 1)
        page = found[: query.limit]
        items = [await labels.out(booking) for booking in page]
    return BookingPage(
        items=items, next_after_id=page[-1].id if len(found) > query.limit else None
    )


@routes.get("/bookings.csv", query=BookingFilterQuery, responses={200: CSV_TYPE})
async def export_bookings(call: ApiCall, query: BookingFilterQuery) -> web.StreamResponse:
    """Export bookings as CSV (UTF-8 with BOM, times in Moscow time)

    Takes the filters of GET /bookings; every matching booking, in the order they were made.
    """
    async with call.context.uow() as uow:
        labels = await _Labels.load(uow)
        labels.site_id(query.site)  # refuse an unknown site before the 200 is sent
        response = web.StreamResponse(
            headers={"Content-Disposition": 'attachment; filename="bookings.csv"'}
        )
        response.content_type = CSV_TYPE
        response.charset = "utf-8"
        await response.prepare(call.request)
        await response.write((BOM + _line(COLUMNS)).encode())
        after_id = 0
        while batch := await _search(uow, labels, query, after_id, EXPORT_BATCH):
            for booking in batch:
                await response.write(_line(_row(await labels.out(booking))).encode())
            after_id = batch[-1].id or 0
    await response.write_eof()
    return response


def _row(booking: BookingOut) -> list[object]:
    return [
        booking.id,
        booking.site,
        booking.site_name,
        booking.stage_name,
        booking.genre.value,
        _msk(booking.starts_at),
        _msk(booking.ends_at),
        booking.status.value,
        booking.reason or "",
        _msk(booking.created_at),
    ]


def _line(values: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _msk(at: datetime) -> str:
    return to_city_time(at).strftime("%Y-%m-%d %H:%M")

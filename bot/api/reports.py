"""Figures for the city: statistics, and every request as a CSV table for Excel."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from aiohttp import web
from pydantic import Field

from bot.api.parsing import ResponseModel, UtcDateTime
from bot.api.request_models import RequestFilterQuery
from bot.api.requests import check_filter
from bot.api.routing import ApiCall, RouteTable
from domain.clock import to_city_time
from domain.requests import Request, RequestStatus

routes = RouteTable("reports")
CSV_TYPE = "text/csv"
BOM = "\ufeff"  # Excel reads a BOM-less CSV as the local code page and garbles Cyrillic
COLUMNS = (
    "number",
    "created_at_msk",
    "status",
    "category",
    "district",
    "address",
    "description",
    "deadline_msk",
    "first_response_at_msk",
    "closed_at_msk",
    "rating",
)


class Stats(ResponseModel):
    """Counts and service levels over all requests"""

    at: UtcDateTime
    total: int
    by_status: dict[str, int] = Field(description="every status, zeros included")
    by_category: dict[str, int]
    by_district: dict[str, int] = Field(description='"" counts requests with no district')
    overdue_open: int = Field(description="open requests past their deadline")
    median_first_response_hours: float | None
    average_rating: float | None
    rated: int = Field(description="how many requests were rated")


@routes.get("/stats", responses={200: Stats})
async def stats(call: ApiCall) -> Stats:
    """Statistics of requests"""
    now = call.context.clock.now()
    async with call.context.uow() as uow:
        figures = await uow.admin.stats(now)
    return Stats(
        at=now,
        total=figures.total,
        by_status={
            status.value: figures.by_status.get(status.value, 0) for status in RequestStatus
        },
        by_category=figures.by_category,
        by_district=figures.by_district,
        overdue_open=figures.overdue_open,
        median_first_response_hours=figures.median_first_response_hours,
        average_rating=figures.average_rating,
        rated=figures.rated,
    )


@routes.get("/requests.csv", query=RequestFilterQuery, responses={200: CSV_TYPE})
async def export_requests(call: ApiCall, query: RequestFilterQuery) -> web.StreamResponse:
    """Export requests as CSV (UTF-8 with BOM, times in Moscow time)

    Takes the filters of GET /requests; every matching request, oldest first.
    """
    await check_filter(call.context, query)
    response = web.StreamResponse(
        headers={"Content-Disposition": 'attachment; filename="requests.csv"'}
    )
    response.content_type = CSV_TYPE
    response.charset = "utf-8"
    await response.prepare(call.request)
    await response.write((BOM + _line(COLUMNS)).encode())
    async with call.context.uow() as uow:
        async for request in uow.admin.export_requests(query.to_filter()):
            await response.write(_line(_row(request)).encode())
    await response.write_eof()
    return response


def _line(values: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _row(request: Request) -> list[object]:
    closed = None
    if request.status is RequestStatus.RESOLVED:
        closed = request.resolved_at
    elif not request.is_open:
        closed = request.updated_at  # rejected, duplicate, withdrawn: the last change closed it
    return [
        request.number,
        _msk(request.created_at),
        request.status.value,
        request.category,
        request.place.district or "",
        request.place.label,
        request.description,
        _msk(request.deadline_at),
        _msk(request.first_response_at),
        _msk(closed),
        request.rating if request.rating is not None else "",
    ]


def _msk(at: datetime | None) -> str:
    return to_city_time(at).strftime("%Y-%m-%d %H:%M") if at is not None else ""

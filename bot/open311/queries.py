"""GET requests.{fmt} with the spec's filters, and GET requests/{id}.{fmt}.

The spec's rules: `service_request_id` (a comma list) overrides every other filter; without
dates the last 90 days are searched, and a window may not span more than 90 days; `status` is
`open`, `closed` or both. Answers are oldest first, at most `limit` (1000 by default, the
common one; an extension of the spec): narrow the window to read further.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from aiohttp import web
from multidict import MultiMapping

from bot.open311.context import Open311Context
from bot.open311.formats import Format, Open311Error, items_response
from bot.open311.views import request_data
from domain.clock import CITY_TZ
from domain.requests import OPEN_STATUSES, Request, RequestStatus, parse_number
from storage.repositories.admin_queries import RequestFilter
from storage.uow import SqlUnitOfWork

# The W3C date-time profile as start_date/end_date are read: a date, or a date and time with
# an optional offset (none: Moscow time).
W3C_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
)
STATUS_PATTERN = r"^(open|closed)(,(open|closed))*$"
FILTERS = ("service_request_id", "service_code", "start_date", "end_date", "status", "limit")
WINDOW = timedelta(days=90)
LIMIT = 1000
MAX_IDS = 100
STATUSES = {
    "open": tuple(sorted(OPEN_STATUSES)),
    "closed": tuple(sorted(set(RequestStatus) - OPEN_STATUSES)),
}


async def list_requests(
    request: web.Request, context: Open311Context, fmt: Format
) -> web.Response:
    query = single_values(request.query, FILTERS)
    async with context.uow() as uow:
        if query.get("service_request_id"):
            found = await _by_ids(uow, _ids(query["service_request_id"]))
        else:
            found = await _filtered(uow, query, context.clock.now())
        names = await _service_names(uow, {r.category for r in found})
        agencies = await _agency_names(uow)
        photos = await _photo_urls(uow, context, found)
    items = [
        request_data(r, names, agencies, context.street_labels, photos.get(r.id or 0))
        for r in found
    ]
    return items_response(fmt, "service_requests", "request", items)


async def get_request(request: web.Request, context: Open311Context, fmt: Format) -> web.Response:
    wanted = request.match_info["service_request_id"]
    number = parse_number(wanted)
    async with context.uow() as uow:
        found = await uow.requests.get(number) if number is not None else None
        if found is None:
            raise Open311Error(404, f"service_request_id {wanted!r} not found")
        names = await _service_names(uow, {found.category})
        agencies = await _agency_names(uow)
        photo = (await _photo_urls(uow, context, [found])).get(number or 0)
    data = request_data(found, names, agencies, context.street_labels, photo)
    return items_response(fmt, "service_requests", "request", [data])


async def _by_ids(uow: SqlUnitOfWork, ids: list[int]) -> list[Request]:
    found = [await uow.requests.get(number) for number in ids]
    return [request for request in found if request is not None]


async def _filtered(uow: SqlUnitOfWork, query: Mapping[str, str], now: datetime) -> list[Request]:
    codes: list[str | None] = list(dict.fromkeys(_list(query.get("service_code", ""))))
    for code in codes:
        if code is not None and await uow.categories.get(code) is None:
            raise Open311Error(400, f"service_code: unknown service {code!r}")
    start, end = _window(query, now)
    where = RequestFilter(statuses=_statuses(query), created_from=start, created_to=end)
    limit = _limit(query)
    found: list[Request] = []
    for code in codes or [None]:  # the same few categories: one indexed query each
        found += await uow.admin.list_requests(replace(where, category=code), 0, limit)
    return sorted(found, key=lambda r: r.id or 0)[:limit]


async def _photo_urls(
    uow: SqlUnitOfWork, context: Open311Context, found: list[Request]
) -> dict[int, str]:
    """Each request's first photo staff made public, as an absolute URL (none without
    PUBLIC_BASE_URL: a relative address is no use to another system)."""
    if context.public_links.base_url is None:
        return {}
    ids = [request.id for request in found if request.id is not None and request.photos]
    first = await uow.requests.first_public_photos(ids)
    return {
        request_id: url
        for request_id, photo in first.items()
        if (url := context.public_links.photo(request_id, photo)) is not None
    }


async def _service_names(uow: SqlUnitOfWork, codes: Iterable[str]) -> dict[str, str]:
    names = {}
    for code in codes:
        category = await uow.categories.get(code)
        names[code] = category.name_ru if category is not None else code
    return names


async def _agency_names(uow: SqlUnitOfWork) -> dict[str, str]:
    """Departments by their Russian names, as the answers' other names (a few dozen)."""
    return {department.code: department.name_ru for department in await uow.departments.all()}


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _ids(value: str) -> list[int]:
    parts = _list(value)
    if len(parts) > MAX_IDS:
        raise Open311Error(400, f"service_request_id: at most {MAX_IDS} ids at once")
    ids = []
    for part in parts:
        number = parse_number(part)
        if number is None:
            raise Open311Error(400, f"service_request_id: {part!r} is not KZN-000123 or 123")
        ids.append(number)
    return list(dict.fromkeys(ids))


def single_values(given: MultiMapping[Any], names: Iterable[str]) -> dict[str, str]:
    """Each of `names` once at most (a repeated one is refused, not half read); other
    parameters (jurisdiction_id, an app's own) are let through, as the spec's clients expect."""
    for name in names:
        if len(given.getall(name, [])) > 1:
            raise Open311Error(400, f"{name}: given more than once; use one comma list")
    # A form's file fields are not text: nothing here reads them (media_url is a link).
    return {name: value for name, value in given.items() if isinstance(value, str)}


def _statuses(query: Mapping[str, str]) -> tuple[RequestStatus, ...]:
    text = query.get("status")
    if text is None:
        return ()
    if not re.fullmatch(STATUS_PATTERN, text):
        raise Open311Error(400, f"status: {text!r} is not open, closed or open,closed")
    statuses = [status for word in text.split(",") for status in STATUSES[word]]
    return tuple(dict.fromkeys(statuses))


def _window(query: Mapping[str, str], now: datetime) -> tuple[datetime, datetime]:
    start = _moment(query, "start_date")
    end = _moment(query, "end_date")
    if start is None and end is None:
        return now - WINDOW, now + timedelta(seconds=1)
    try:
        if start is None:
            assert end is not None
            start = end - WINDOW
        if end is None:
            end = start + WINDOW
    except OverflowError:  # a window past year 1 or 9999
        raise Open311Error(400, "start_date and end_date: out of range") from None
    if start >= end:
        raise Open311Error(400, "start_date must be before end_date")
    if end - start > WINDOW:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days")
    return start, end


def _moment(query: Mapping[str, str], name: str) -> datetime | None:
    text = query.get(name)
    if text is None:
        return None
    problem = f"{name}: use W3C format, e.g. 2026-11-30T00:00:00+03:00"
    if not re.fullmatch(W3C_PATTERN, text):
        raise Open311Error(400, problem)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(
            400, f"{name}: use W3C format, e.g. 2026-11-30T00:00:00+03:00"
        ) from None
    if len(text) == 10:  # a date alone: from the start of that day in Kazan
        moment = datetime.combine(moment.date(), time(), CITY_TZ)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CITY_TZ)
    try:
        return moment.astimezone(UTC)  # year 1 or 9999 with an offset has no UTC time
    except OverflowError:
        raise Open311Error(400, f"{name}: out of range") from None


def _limit(query: Mapping[str, str]) -> int:
    text = query.get("limit")
    if text is None:
        return LIMIT
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= LIMIT:
        raise Open311Error(400, f"limit: a whole number from 1 to {LIMIT}")
    return int(text)

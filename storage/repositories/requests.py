"""Requests, their photos, history and followers."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound
from domain.history import EventKind, RequestEvent, is_reopen
from domain.photos import RequestPhoto
from domain.ports import BoundingBox
from domain.public_figures import RequestState
from domain.requests import OPEN_STATUSES, Request, RequestStatus
from storage.dialects import insert_for
from storage.figure_counts import keep_staff_figures
from storage.mappers import (
    event_from_row,
    event_values,
    request_changes,
    request_from_columns,
    request_values,
)
from storage.models import RequestEventRow, RequestFollowerRow, RequestPhotoRow, RequestRow
from storage.public_counts import STATE_COLUMNS, count_change, state_from_row
from storage.repositories import request_photos

_OPEN = sorted(status.value for status in OPEN_STATUSES)


class SqlRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, request: Request) -> Request:
        if request.id is not None:
            raise ValueError(f"request {request.id} is already stored")
        request_id = await self._session.scalar(_ADD, request_values(request))
        assert request_id is not None  # RETURNING of a successful INSERT
        await _keep_figures(self._session, None, RequestState.of(request))
        if request.photos:
            await self._session.execute(
                _ADD_PHOTOS,
                [
                    {"request_id": request_id, "position": position, "file_id": file_id}
                    for position, file_id in enumerate(request.photos)
                ],
            )
        return replace(request, id=request_id)

    async def add_photo(self, request_id: int, file_id: str) -> None:
        """Append a photo after the ones the request has (positions stay unique)."""
        last = await self._session.scalar(
            select(func.max(RequestPhotoRow.position)).where(
                RequestPhotoRow.request_id == request_id
            )
        )
        position = 0 if last is None else last + 1
        await self._session.execute(
            insert(RequestPhotoRow).values(
                request_id=request_id, position=position, file_id=file_id
            )
        )

    async def remove_last_photo(self, request_id: int) -> None:
        """The newest photo goes (the author took back the photo they had just added)."""
        last = await self._session.scalar(
            select(func.max(RequestPhotoRow.position)).where(
                RequestPhotoRow.request_id == request_id
            )
        )
        if last is None:
            raise NotFound(f"request {request_id} has no photo")
        await self._session.execute(
            delete(RequestPhotoRow).where(
                RequestPhotoRow.request_id == request_id, RequestPhotoRow.position == last
            )
        )

    async def photos(self, request_id: int) -> list[RequestPhoto]:
        return await request_photos.photos_of(self._session, request_id)

    async def mark_photo(self, request_id: int, position: int, public: bool) -> None:
        await request_photos.mark(self._session, request_id, position, public)

    async def set_description_public(self, request_id: int, public: bool) -> None:
        """The author's consent to show the description, alone: no other column, and not the
        kept figures (nothing they count changes)."""
        await self._session.execute(
            update(RequestRow).where(RequestRow.id == request_id).values(description_public=public)
        )

    async def first_public_photos(self, request_ids: Sequence[int]) -> dict[int, int]:
        """The number of each request's first photo staff made public (Open311's media_url)."""
        return await request_photos.first_public_numbers(self._session, request_ids)

    async def get(self, request_id: int) -> Request | None:
        rows = await self._load(_BY_ID, request_id=request_id)
        return rows[0] if rows else None

    async def save(self, request: Request) -> None:
        """Store what changes over a request's life (status, assignee, rating...)."""
        if request.id is None:
            raise ValueError("an unsaved request cannot be updated")
        await self._change(request.id, request_changes(request))

    async def _change(self, request_id: int, values: dict[str, Any], *where: Any) -> None:
        """Update the request's row and move its contribution to the kept figures. Locked
        first: a concurrent change of the same request waits, so each takes back the
        contribution that is really stored."""
        before = (
            await self._session.execute(
                select(*STATE_COLUMNS).where(RequestRow.id == request_id).with_for_update()
            )
        ).first()
        if before is None:
            raise NotFound(f"request {request_id}")
        after = (
            await self._session.execute(
                update(RequestRow)
                .where(RequestRow.id == request_id, *where)
                .values(values)
                .returning(*STATE_COLUMNS)
            )
        ).first()
        if after is not None:  # None: `where` found nothing to change
            await _keep_figures(self._session, state_from_row(before), state_from_row(after))

    async def list_by_author(self, author_id: int, offset: int, limit: int) -> list[Request]:
        return await self._load(_BY_AUTHOR, author_id=author_id, offset=offset, limit=limit)

    async def count_by_author(self, author_id: int) -> int:
        count = await self._session.scalar(_COUNT_BY_AUTHOR, {"author_id": author_id})
        return count or 0

    async def awaiting_author(self, author_id: int) -> list[Request]:
        """The author's requests on which staff wait for an answer, the longest waiting first."""
        query = (
            _select_requests()
            .where(
                RequestRow.author_id == author_id,
                RequestRow.status == RequestStatus.NEED_INFO.value,
            )
            .order_by(RequestRow.updated_at, RequestRow.id)
        )
        return await self._load(query)

    async def open_at_address(self, category: str, street_id: int, house: str) -> list[Request]:
        query = _select_open(category).where(
            RequestRow.street_id == street_id, RequestRow.house == house
        )
        return await self._load(query)

    async def open_in_box(self, category: str, box: BoundingBox) -> list[Request]:
        return await self._load(
            _OPEN_IN_BOX,
            category=category,
            south=box.south,
            north=box.north,
            west=box.west,
            east=box.east,
        )

    async def open_due_before(self, at: datetime, limit: int) -> list[Request]:
        """Open requests whose deadline is before `at`, the most overdue first."""
        query = (
            _select_requests()
            .where(RequestRow.status.in_(_OPEN), RequestRow.deadline_at < at)
            .order_by(RequestRow.deadline_at, RequestRow.id)
            .limit(limit)
        )
        return await self._load(query)

    async def open_in_department(self, department: str, limit: int) -> list[Request]:
        """A department's open requests, the oldest first (ix_requests_department_status)."""
        query = (
            _select_requests()
            .where(RequestRow.department == department, RequestRow.status.in_(_OPEN))
            .order_by(RequestRow.created_at, RequestRow.id)
            .limit(limit)
        )
        return await self._load(query)

    async def unanswered_since(self, at: datetime, limit: int) -> list[Request]:
        """Open requests nobody has acted on, whose first-response time ended before `at`."""
        query = (
            _select_requests()
            .where(
                RequestRow.status.in_(_OPEN),
                RequestRow.first_response_at.is_(None),
                RequestRow.first_response_due_at < at,
            )
            .order_by(RequestRow.first_response_due_at, RequestRow.id)
            .limit(limit)
        )
        return await self._load(query)

    async def add_event(self, event: RequestEvent) -> int:
        """Returns the event's id: notifications caused by it are keyed on it."""
        event_id = await self._session.scalar(_ADD_EVENT, event_values(event))
        assert event_id is not None
        if event.kind is EventKind.TAKEN:
            await self._keep_first_taking(event.request_id, event.at)
        if is_reopen(event):  # the figures' reopened share, kept like the taking
            await self._change(event.request_id, {"reopened": True}, ~RequestRow.reopened)
        return event_id

    async def _keep_first_taking(self, request_id: int, at: datetime) -> None:
        """The figures' "taken" counts a request at its earliest taking: kept on the request
        in the taking's own transaction (migration 0024 filled it from the history)."""
        earlier = or_(RequestRow.first_taken_at.is_(None), RequestRow.first_taken_at > at)
        await self._change(request_id, {"first_taken_at": at}, earlier)

    async def history(self, request_id: int) -> list[RequestEvent]:
        rows = await self._session.scalars(_HISTORY, {"request_id": request_id})
        return [event_from_row(row) for row in rows]

    async def add_follower(self, request_id: int, user_id: int, at: datetime) -> bool:
        """True if the person joined now; False if they already follow (no error raised)."""
        statement = (
            insert_for(self._session, RequestFollowerRow)
            .values(request_id=request_id, user_id=user_id, joined_at=at)
            .on_conflict_do_nothing(index_elements=["request_id", "user_id"])
            .returning(RequestFollowerRow.user_id)
        )
        return await self._session.scalar(statement) is not None

    async def is_follower(self, request_id: int, user_id: int) -> bool:
        condition = exists().where(
            RequestFollowerRow.request_id == request_id, RequestFollowerRow.user_id == user_id
        )
        return bool(await self._session.scalar(select(condition)))

    async def followers(self, request_id: int) -> list[int]:
        """User ids following a request, earliest first (not in the port yet: for notices)."""
        rows = await self._session.scalars(
            select(RequestFollowerRow.user_id)
            .where(RequestFollowerRow.request_id == request_id)
            .order_by(RequestFollowerRow.joined_at, RequestFollowerRow.user_id)
        )
        return list(rows)

    async def _load(self, query: Select[Any], **params: object) -> list[Request]:
        rows = (await self._session.execute(query, params or None)).all()
        if not rows:
            return []
        photos: dict[int, list[str]] = defaultdict(list)
        found = await self._session.execute(_PHOTOS_OF, {"ids": [row.id for row in rows]})
        for request_id, file_id in found:
            photos[request_id].append(file_id)
        return [request_from_columns(row, tuple(photos.get(row.id, ()))) for row in rows]


def _select_requests() -> Select[Any]:
    # Core rows of the table, not ORM entities, and the photos by a prebuilt IN query: the
    # ORM's identity map and a selectinload rebuilt on each load were a quarter of the CPU
    # of /my and of a card (issue 16). Without an identity map a row is never served stale
    # after an UPDATE earlier in the same unit of work.
    return select(*_REQUESTS.c)


def _select_open(category: object) -> Select[Any]:
    return (
        _select_requests()
        .where(RequestRow.category == category, RequestRow.status.in_(_OPEN))
        .order_by(RequestRow.created_at.desc(), RequestRow.id.desc())
    )


# The statements of the resident's paths (a report filed, the list, a card), built once with
# bound parameters: building a statement and its cache key on every call cost more CPU than
# running it (issue 16); a statement object built once keeps its cache key.
_REQUESTS, _EVENTS = cast(Table, RequestRow.__table__), cast(Table, RequestEventRow.__table__)
_ADD = insert(_REQUESTS).returning(_REQUESTS.c.id)  # Core: no ORM bulk-insert machinery
_ADD_EVENT = insert(_EVENTS).returning(_EVENTS.c.id)
_PHOTOS = cast(Table, RequestPhotoRow.__table__)
_ADD_PHOTOS = insert(_PHOTOS)
_PHOTOS_OF = (
    select(_PHOTOS.c.request_id, _PHOTOS.c.file_id)
    .where(_PHOTOS.c.request_id.in_(bindparam("ids", expanding=True)))
    .order_by(_PHOTOS.c.request_id, _PHOTOS.c.position)
)
_BY_ID = _select_requests().where(RequestRow.id == bindparam("request_id"))
_BY_AUTHOR = (
    _select_requests()
    .where(RequestRow.author_id == bindparam("author_id"))
    .order_by(RequestRow.created_at.desc(), RequestRow.id.desc())
    .offset(bindparam("offset"))
    .limit(bindparam("limit"))
)
_COUNT_BY_AUTHOR = (
    select(func.count())
    .select_from(RequestRow)
    .where(RequestRow.author_id == bindparam("author_id"))
)
_OPEN_IN_BOX = _select_open(bindparam("category")).where(
    RequestRow.lat.between(bindparam("south"), bindparam("north")),
    RequestRow.lon.between(bindparam("west"), bindparam("east")),
)
_HISTORY = (
    select(RequestEventRow)
    .where(RequestEventRow.request_id == bindparam("request_id"))
    .order_by(RequestEventRow.at, RequestEventRow.id)
)


async def _keep_figures(
    session: AsyncSession, before: RequestState | None, after: RequestState
) -> None:
    """The public page's figures and the staff's, in the write's own transaction."""
    await count_change(session, before, after)
    keep_staff_figures(session, before, after)

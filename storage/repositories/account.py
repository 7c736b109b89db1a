"""The resident's account as a whole: what the export reads beyond the other repositories,
and the erasure of everything personal in one go (inside the caller's transaction)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, selectinload

from domain.booking.bookings import Booking
from domain.booking.notices import STAFF_BOOKING_CARD, STAFF_PERFORMER_CARD, booking_card_key
from domain.requests import OPEN_STATUSES, Request
from storage.booking_mappers import booking_from_row
from storage.figure_moves import forget_assignee
from storage.mappers import request_from_row
from storage.models import (
    AlertPreferencesRow,
    AlertSubscriptionRow,
    BackAnswerRow,
    Base,
    BookingClaimRow,
    BookingRow,
    FanoutRow,
    FsmStateRow,
    OutboxRow,
    PerformerRow,
    RequestEventRow,
    RequestFollowerRow,
    RequestPhotoRow,
    RequestRow,
    ResponseTemplateRow,
    SavedAddressRow,
    SignalRow,
    StaffMemberRow,
    UserRow,
    WaitlistRow,
)
from storage.repositories.card_messages import drop_unposted

_OPEN = [status.value for status in OPEN_STATUSES]


class SqlAccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def followed(self, user_id: int) -> list[tuple[Request, datetime]]:
        """Requests the person joined ("me too"), with when they joined, oldest first."""
        rows = await self._session.execute(
            select(RequestRow, RequestFollowerRow.joined_at)
            .join(RequestFollowerRow, RequestFollowerRow.request_id == RequestRow.id)
            .where(RequestFollowerRow.user_id == user_id)
            .options(selectinload(RequestRow.photos))
            .order_by(RequestFollowerRow.joined_at, RequestRow.id)
        )
        return [(request_from_row(row), joined) for row, joined in rows.tuples()]

    async def assigned(self, user_id: int) -> list[Request]:
        """Open requests the person (a staff member) has taken."""
        rows = await self._session.scalars(
            select(RequestRow)
            .where(RequestRow.assignee_id == user_id, RequestRow.status.in_(_OPEN))
            .options(selectinload(RequestRow.photos))
            .order_by(RequestRow.id)
        )
        return [request_from_row(row) for row in rows]

    async def bookings_of(self, performer_id: int) -> list[Booking]:
        """Every booking of the performer, past and future, in time order."""
        rows = await self._session.scalars(
            select(BookingRow)
            .where(BookingRow.performer_id == performer_id)
            .order_by(BookingRow.starts_at, BookingRow.id)
        )
        return [booking_from_row(row) for row in rows]

    async def waits_of(self, performer_id: int) -> list[tuple[int, datetime]]:
        rows = await self._session.execute(
            select(WaitlistRow.site_id, WaitlistRow.starts_at)
            .where(WaitlistRow.performer_id == performer_id)
            .order_by(WaitlistRow.starts_at)
        )
        return [(site_id, starts_at) for site_id, starts_at in rows.tuples()]

    async def erase(self, user_id: int) -> None:
        """Delete every row about the person and cut every link to them from what stays.

        The database would do much of this by itself when the users row goes (CASCADE and
        SET NULL), but the tables without a foreign key to users (the outbox, FSM state,
        staff members) would not be touched, so every step is spelled out here.
        """
        # The person's row locked first: a transaction pointing a row at them (a request
        # assigned to them, with its kept figures) has either committed before, and is seen
        # below, or waits and then fails its foreign key, never leaving the person's id in the
        # staff's figures while ON DELETE SET NULL takes the request from them unseen.
        await self._session.execute(
            select(UserRow.id).where(UserRow.id == user_id).with_for_update()
        )
        await self._erase_performer(user_id)
        for table, column in _OWNED_BY_USER:
            await self._session.execute(delete(table).where(column == user_id))
        await self._session.execute(delete(OutboxRow).where(OutboxRow.chat_id == user_id))
        await self._session.execute(
            delete(FsmStateRow).where(
                or_(FsmStateRow.user_id == user_id, FsmStateRow.chat_id == user_id)
            )
        )
        # A broadcast's cursor is the last user id it reached; one step back re-reads only
        # this id, which has nothing left to receive, so the broadcast goes on unchanged.
        await self._session.execute(
            update(FanoutRow).where(FanoutRow.cursor == user_id).values(cursor=user_id - 1)
        )
        # Their photos stay for staff but are no longer public: what the city chose to show
        # while they were here goes with them (issue 17).
        theirs = select(RequestRow.id).where(RequestRow.author_id == user_id)
        await self._session.execute(
            update(RequestPhotoRow)
            .where(RequestPhotoRow.request_id.in_(theirs), RequestPhotoRow.public.is_(True))
            .values(public=False)
        )
        # Their consent to show their words goes with them too: the descriptions stay for
        # staff, hidden from the public page and Open311 at once.
        await self._session.execute(
            update(RequestRow)
            .where(RequestRow.author_id == user_id, RequestRow.description_public.is_(True))
            .values(description_public=False)
        )
        for table, column in _POINTING_AT_USER:
            await self._session.execute(
                update(table).where(column == user_id).values({column.key: None})
            )
        # After their requests became nobody's: that UPDATE waits for (and then holds) the row
        # lock of each of their requests, so a concurrent change of one (a rating) has either
        # committed its figures, which the move below then sees, or will find nobody's request.
        await forget_assignee(self._session, user_id)
        await self._session.execute(delete(UserRow).where(UserRow.id == user_id))

    async def _erase_performer(self, user_id: int) -> None:
        """The profile with all its bookings (the caller has already freed the future ones),
        their claims and waiting places, and staff cards about them not yet posted."""
        performer_id = await self._session.scalar(
            select(PerformerRow.id).where(PerformerRow.user_id == user_id)
        )
        if performer_id is None:
            return
        booking_ids = list(
            await self._session.scalars(
                select(BookingRow.id).where(BookingRow.performer_id == performer_id)
            )
        )
        await self._drop_unsent_cards(performer_id, booking_ids)
        await self._session.execute(
            delete(BookingClaimRow).where(BookingClaimRow.booking_id.in_(booking_ids))
        )
        await self._session.execute(
            delete(BookingRow).where(BookingRow.performer_id == performer_id)
        )
        await self._session.execute(
            delete(WaitlistRow).where(WaitlistRow.performer_id == performer_id)
        )
        await self._session.execute(delete(PerformerRow).where(PerformerRow.id == performer_id))

    async def _drop_unsent_cards(self, performer_id: int, booking_ids: Sequence[int]) -> None:
        # Prefixes as domain/booking/notices.py builds the keys: a card already posted keeps
        # its rows (the last one redraws it as erased); one never posted is not posted now.
        await drop_unposted(self._session, STAFF_PERFORMER_CARD, f"staffperformer:{performer_id}")
        for booking_id in booking_ids:
            await drop_unposted(self._session, STAFF_BOOKING_CARD, booking_card_key(booking_id))


_Link = tuple[type[Base], InstrumentedAttribute[Any]]  # a table and its column naming a person

# Rows that are the person's own: they go.
_OWNED_BY_USER: tuple[_Link, ...] = (
    (RequestFollowerRow, RequestFollowerRow.user_id),
    (AlertSubscriptionRow, AlertSubscriptionRow.user_id),
    (SavedAddressRow, SavedAddressRow.user_id),
    (AlertPreferencesRow, AlertPreferencesRow.user_id),
    (StaffMemberRow, StaffMemberRow.user_id),
    (SignalRow, SignalRow.user_id),  # where they said water was off (a suspicion's card)
    (BackAnswerRow, BackAnswerRow.user_id),
)
# Rows that stay for the city but named the person: the link is cut.
_POINTING_AT_USER: tuple[_Link, ...] = (
    (RequestRow, RequestRow.author_id),
    (RequestRow, RequestRow.assignee_id),
    (RequestEventRow, RequestEventRow.actor_user_id),
    (StaffMemberRow, StaffMemberRow.added_by),
    (ResponseTemplateRow, ResponseTemplateRow.created_by),
)

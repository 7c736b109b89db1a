"""Fan-out jobs, and picking their recipients straight from SQL in batches of user ids."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.alerts.events import CityEvent
from domain.alerts.fanout import FanoutJob, Recipient
from domain.alerts.houses import Parity
from domain.alerts.outages import Outage, StreetSpan
from domain.alerts.subscriptions import (
    EVENT_PREFIX,
    EventDelivery,
    Scope,
    Subscription,
    event_topic,
    outage_topic,
)
from domain.notifications import Notification
from storage.alert_mappers import fanout_from_row, quiet_from_columns, subscription_from_row
from storage.dialects import insert_for
from storage.mappers import notification_values
from storage.models import (
    AlertPreferencesRow,
    AlertSubscriptionRow,
    FanoutRow,
    OutboxRow,
    StreetDistrictRow,
    UserRow,
)

_Sub = AlertSubscriptionRow
_Pref = AlertPreferencesRow


class SqlFanoutRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, job: FanoutJob) -> bool:
        """False when this change already fanned out (the key is taken)."""
        values = {
            "key": job.key,
            "subject": job.subject.value,
            "subject_id": job.subject_id,
            "phase": job.phase,
            "priority": job.priority,
            "urgent": job.urgent,
            "not_after": job.not_after,
            "cursor": job.cursor,
            "written": job.written,
            "created_at": job.created_at,
        }
        inserted = await self._session.scalar(
            insert_for(self._session, FanoutRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(FanoutRow.id)
        )
        return inserted is not None

    async def next_open(self) -> FanoutJob | None:
        """The most urgent unfinished job, locked for this transaction; a job another
        process is working on is skipped (SKIP LOCKED on PostgreSQL)."""
        row = await self._session.scalar(
            select(FanoutRow)
            .where(FanoutRow.finished_at.is_(None))
            .order_by(FanoutRow.priority, FanoutRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return fanout_from_row(row) if row is not None else None

    async def advance(
        self, job: FanoutJob, cursor: int, written: int, done_at: datetime | None
    ) -> None:
        await self._session.execute(
            update(FanoutRow)
            .where(FanoutRow.id == job.id)
            .values(cursor=cursor, written=job.written + written, finished_at=done_at)
        )

    async def pending_count(self) -> int:
        count = await self._session.scalar(
            select(func.count()).select_from(FanoutRow).where(FanoutRow.finished_at.is_(None))
        )
        return count or 0

    async def get(self, key: str) -> FanoutJob | None:
        row = await self._session.scalar(select(FanoutRow).where(FanoutRow.key == key))
        return fanout_from_row(row) if row is not None else None

    async def outage_recipients(self, outage: Outage, after: int, limit: int) -> list[Recipient]:
        """People following the outage's kind at an address inside its area, or in a
        district it touches; user ids above `after`, ascending, at most `limit`."""
        return await self._recipients(_outage_match(outage), after, limit)

    async def event_recipients(self, event: CityEvent, after: int, limit: int) -> list[Recipient]:
        """Instant subscribers of the event's category, city-wide or in its district."""
        scope = _Sub.scope == Scope.CITY.value
        if event.district is not None:
            scope = or_(
                scope, and_(_Sub.scope == Scope.DISTRICT.value, _Sub.district == event.district)
            )
        match = and_(_Sub.topic == event_topic(event.category), scope)
        instant = or_(_Pref.events.is_(None), _Pref.events == EventDelivery.INSTANT.value)
        return await self._recipients(and_(match, instant), after, limit)

    async def digest_batch(
        self, delivery: EventDelivery, after: int, limit: int
    ) -> list[tuple[Recipient, list[Subscription]]]:
        """People who take events as a `delivery` digest, with their event subscriptions."""
        rows = (
            await self._session.execute(
                select(_Pref.user_id, _Pref.quiet_start, _Pref.quiet_end)
                .join(UserRow, UserRow.id == _Pref.user_id)
                .where(
                    _Pref.events == delivery.value,
                    _Pref.user_id > after,
                    UserRow.blocked_bot.is_(False),
                )
                .order_by(_Pref.user_id)
                .limit(limit)
            )
        ).all()
        if not rows:
            return []
        subscriptions: dict[int, list[Subscription]] = {row.user_id: [] for row in rows}
        for sub in await self._session.scalars(
            select(_Sub).where(
                _Sub.user_id.in_(list(subscriptions)), _Sub.topic.startswith(EVENT_PREFIX)
            )
        ):
            subscriptions[sub.user_id].append(subscription_from_row(sub))
        return [
            (
                Recipient(row.user_id, quiet_from_columns(True, row.quiet_start, row.quiet_end)),
                subscriptions[row.user_id],
            )
            for row in rows
        ]

    async def write(self, notifications: Sequence[Notification]) -> int:
        """Outbox rows in one statement; keys already there are skipped. Returns how many
        were new."""
        if not notifications:
            return 0
        values = [notification_values(n) for n in notifications]
        for row in values:  # a row's place in its chat's order: when it was first due
            row["due_at"] = row["next_attempt_at"]
        inserted = await self._session.scalars(
            insert_for(self._session, OutboxRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(OutboxRow.id)
        )
        return len(inserted.all())

    async def _recipients(
        self, match: ColumnElement[bool], after: int, limit: int
    ) -> list[Recipient]:
        rows = await self._session.execute(
            select(
                _Sub.user_id,
                func.min(_Sub.address_id).label("address_id"),
                func.count(_Pref.user_id).label("has_preferences"),
                func.min(_Pref.quiet_start).label("quiet_start"),
                func.min(_Pref.quiet_end).label("quiet_end"),
            )
            # The cursor is repeated on the joined tables (it changes no row: the join is on
            # the same id) because PostgreSQL does not carry `> after` across a join: without
            # it each batch merge-joins users and preferences from the very first id.
            .join(UserRow, and_(UserRow.id == _Sub.user_id, UserRow.id > after))
            .outerjoin(_Pref, and_(_Pref.user_id == _Sub.user_id, _Pref.user_id > after))
            .where(match, _Sub.user_id > after, UserRow.blocked_bot.is_(False))
            .group_by(_Sub.user_id)
            .order_by(_Sub.user_id)
            .limit(limit)
        )
        return [
            Recipient(
                row.user_id,
                quiet_from_columns(bool(row.has_preferences), row.quiet_start, row.quiet_end),
                row.address_id,
            )
            for row in rows
        ]


def _outage_match(outage: Outage) -> ColumnElement[bool]:
    area = outage.area
    terms: list[ColumnElement[bool]] = []
    if area.districts:
        terms.append(_Sub.district.in_(area.districts))
    terms.extend(_span_match(span) for span in area.streets)
    if area.street_ids:
        # A district's followers hear of every outage on its streets.
        touched = select(StreetDistrictRow.district).where(
            StreetDistrictRow.street_id.in_(area.street_ids)
        )
        terms.append(and_(_Sub.scope == Scope.DISTRICT.value, _Sub.district.in_(touched)))
    return and_(_Sub.topic == outage_topic(outage.kind), or_(false(), *terms))


def _span_match(span: StreetSpan) -> ColumnElement[bool]:
    street = _Sub.street_id == span.street_id
    if span.whole_street:
        return street
    houses: list[ColumnElement[bool]] = []
    for house_range in span.ranges:
        term: Any = _Sub.house_number.between(house_range.first, house_range.last)
        if house_range.parity is not None:
            odd = 1 if house_range.parity is Parity.ODD else 0
            term = and_(term, _Sub.house_number % 2 == odd)
        houses.append(term)
    if span.houses:
        houses.append(_Sub.house.in_(span.houses))
    return and_(street, or_(*houses))

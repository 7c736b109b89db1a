"""The durable notification outbox."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, case, delete, exists, func, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.notifications import ClaimedBatch, Notification, NotificationStatus
from storage.dialects import insert_for
from storage.mappers import notification_from_row, notification_values
from storage.models import OutboxRow, OutboxWorkerRow, UserRow

_ERROR_MAX = 2000
_PENDING = NotificationStatus.PENDING.value
BLOCKED_ERROR = "the recipient has blocked the bot"


class SqlOutboxRepository:
    """Rows are written by the use cases (`add`) and worked off by the dispatcher.

    The dispatcher's side is a lease: `claim` moves the due rows' next_attempt_at to the end
    of the lease in one short transaction; the outcome is written later with the claimed
    notification as a fence (`mark_sent`, `retry_later`, `postpone`, `mark_failed` change
    the row only while that lease is still the row's, and say so by returning True). A
    dispatcher that dies leaves rows that fall due again when the lease runs out — or at
    once, when a live dispatcher sees its heartbeat gone stale (`release_dead`): a claim
    carries the claimer's worker id, and every live dispatcher beats (`beat`).
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, notification: Notification) -> bool:
        """False when the key is already there: the duplicate is dropped, the transaction lives."""
        values = notification_values(notification)
        values["due_at"] = values["next_attempt_at"]
        inserted = await self._session.scalar(
            insert_for(self._session, OutboxRow)
            .values(values)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(OutboxRow.id)
        )
        return inserted is not None

    async def pending(self, now: datetime, limit: int) -> Sequence[Notification]:
        """Due rows, most urgent then soonest first: a read-only look (the dispatcher
        claims with `claim`)."""
        rows = await self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.status == _PENDING, OutboxRow.next_attempt_at <= now)
            .order_by(OutboxRow.priority, OutboxRow.next_attempt_at, OutboxRow.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        return [notification_from_row(row) for row in rows]

    async def claim(
        self, now: datetime, lease_until: datetime, limit: int, worker: str | None = None
    ) -> ClaimedBatch:
        """Lease up to `limit` due rows, each the oldest waiting row of its chat.

        One UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED): on PostgreSQL parallel
        dispatchers skip each other's rows; on SQLite the single statement runs under the
        one writer lock. Rows of people who blocked the bot are failed here, unsent.
        """
        rows = await self._session.scalars(
            update(OutboxRow)
            .where(OutboxRow.id.in_(_chat_heads(now, limit)))
            .values(
                next_attempt_at=lease_until, attempts=OutboxRow.attempts + 1, claimed_by=worker
            )
            .returning(OutboxRow)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        # In the claim's order, so that the pass hands the overall limit's slots out to the
        # most urgent first.
        claimed = sorted(
            (notification_from_row(row) for row in rows), key=lambda n: (n.priority, n.id or 0)
        )
        blocked_chats = set(
            await self._session.scalars(
                select(UserRow.id).where(
                    UserRow.id.in_({n.chat_id for n in claimed}), UserRow.blocked_bot
                )
            )
        )
        blocked = 0
        for chat_id in blocked_chats:
            blocked += await self.fail_chat(chat_id, now, BLOCKED_ERROR)
        return ClaimedBatch([n for n in claimed if n.chat_id not in blocked_chats], blocked)

    async def mark_sent(self, claimed: Notification, at: datetime, message_id: int) -> bool:
        return await self._settle(
            claimed,
            status=NotificationStatus.SENT.value,
            sent_at=at,
            sent_message_id=message_id,
            last_error=None,
        )

    async def mark_sent_many(
        self, sent: Sequence[tuple[Notification, int]], at: datetime
    ) -> set[int]:
        """`mark_sent` for several claimed rows (with their message ids) in one statement per
        lease: a busy dispatcher's sends of one moment. Returns the ids it settled."""
        by_lease: dict[datetime, dict[int, int]] = defaultdict(dict)
        for claimed, message_id in sent:
            if claimed.id is None or claimed.next_attempt_at is None:
                raise ValueError("only a notification returned by claim() can be settled")
            by_lease[claimed.next_attempt_at][claimed.id] = message_id
        settled: set[int] = set()
        for lease, message_ids in by_lease.items():
            settled.update(
                await self._session.scalars(
                    update(OutboxRow)
                    .where(
                        OutboxRow.id.in_(list(message_ids)),
                        OutboxRow.status == _PENDING,
                        OutboxRow.next_attempt_at == lease,  # still our lease
                    )
                    .values(
                        status=NotificationStatus.SENT.value,
                        sent_at=at,
                        sent_message_id=case(message_ids, value=OutboxRow.id),
                        last_error=None,
                        claimed_by=None,
                    )
                    .returning(OutboxRow.id)
                    .execution_options(synchronize_session=False)
                )
            )
        return settled

    async def retry_later(self, claimed: Notification, at: datetime, error: str) -> bool:
        """A failed attempt (it stays counted): try again at `at`."""
        return await self._settle(claimed, next_attempt_at=at, last_error=error[:_ERROR_MAX])

    async def postpone(
        self, claimed: Notification, at: datetime, reason: str | None = None
    ) -> bool:
        """Not tried after all (flood control, pacing, shutting down): the attempt is given
        back, so waiting never uses up the row's tries."""
        values: dict[str, object] = {"next_attempt_at": at, "attempts": OutboxRow.attempts - 1}
        if reason is not None:
            values["last_error"] = reason[:_ERROR_MAX]
        return await self._settle(claimed, **values)

    async def mark_failed(self, claimed: Notification, error: str) -> bool:
        return await self._settle(
            claimed, status=NotificationStatus.FAILED.value, last_error=error[:_ERROR_MAX]
        )

    async def beat(self, worker: str, now: datetime) -> None:
        """The dispatcher `worker` is alive at `now`."""
        await self._session.execute(
            insert_for(self._session, OutboxWorkerRow)
            .values(worker_id=worker, heartbeat_at=now)
            .on_conflict_do_update(index_elements=["worker_id"], set_={"heartbeat_at": now})
        )

    async def release_dead(self, now: datetime, stale_before: datetime, alive: str) -> int:
        """Make the claims of dispatchers silent since `stale_before` due `now` (never those
        of `alive`, the caller) and forget those dispatchers. Returns the rows released."""
        dead = list(
            await self._session.scalars(
                select(OutboxWorkerRow.worker_id).where(
                    OutboxWorkerRow.heartbeat_at < stale_before, OutboxWorkerRow.worker_id != alive
                )
            )
        )
        if not dead:
            return 0
        result = await self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.claimed_by.in_(dead), OutboxRow.status == _PENDING)
            .values(next_attempt_at=now, claimed_by=None)
            .execution_options(synchronize_session=False)
        )
        await self.forget_workers(dead)
        return cast(CursorResult[Any], result).rowcount

    async def forget_workers(self, workers: Sequence[str]) -> None:
        """A dispatcher that stopped (or died and was released) beats no more."""
        await self._session.execute(
            delete(OutboxWorkerRow).where(OutboxWorkerRow.worker_id.in_(list(workers)))
        )

    async def fail_chat(self, chat_id: int, now: datetime, error: str) -> int:
        """Fail every row of the chat already due; rows planned for later stay (the person
        may be back by then, and the claim checks again)."""
        result = await self._session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.chat_id == chat_id,
                OutboxRow.status == _PENDING,
                OutboxRow.due_at <= now,
            )
            .values(status=NotificationStatus.FAILED.value, last_error=error[:_ERROR_MAX])
            .execution_options(synchronize_session=False)
        )
        return cast(CursorResult[Any], result).rowcount

    async def prune_delivered(self, before: datetime, keep_kinds: Sequence[str]) -> int:
        """Forget rows finished (sent or failed) before `before`, except kinds still read
        after delivery (the staff card's first row says where the card is)."""
        result = await self._session.execute(
            delete(OutboxRow).where(
                OutboxRow.status != _PENDING,
                OutboxRow.created_at < before,
                OutboxRow.kind.not_in(list(keep_kinds)),
            )
        )
        return cast(CursorResult[Any], result).rowcount

    async def next_due(self, now: datetime) -> datetime | None:
        """The soonest moment after `now` at which a pending row falls due."""
        return await self._session.scalar(
            select(func.min(OutboxRow.next_attempt_at)).where(
                OutboxRow.status == _PENDING, OutboxRow.next_attempt_at > now
            )
        )

    async def _settle(self, claimed: Notification, **values: object) -> bool:
        if claimed.id is None or claimed.next_attempt_at is None:
            raise ValueError("only a notification returned by claim() can be settled")
        changed = await self._session.scalar(
            update(OutboxRow)
            .where(
                OutboxRow.id == claimed.id,
                OutboxRow.status == _PENDING,
                OutboxRow.next_attempt_at == claimed.next_attempt_at,  # still our lease
            )
            .values(claimed_by=None, **values)
            .returning(OutboxRow.id)
            .execution_options(synchronize_session=False)
        )
        return changed is not None


def _chat_heads(now: datetime, limit: int) -> Any:
    """Ids of due rows that no older pending row of the same chat is waiting before.

    "Older" is (due_at, id): the order the messages were meant to go in. A chat's later
    messages wait while its head is leased or retrying, so a chat never sees them swapped.
    """
    row, older = aliased(OutboxRow), aliased(OutboxRow)
    waits_behind = exists().where(
        older.chat_id == row.chat_id,
        older.status == _PENDING,
        tuple_(older.due_at, older.id) < tuple_(row.due_at, row.id),
    )
    return (
        select(row.id)
        .where(row.status == _PENDING, row.next_attempt_at <= now, ~waits_behind)
        # Across chats the most urgent go first; within a chat `waits_behind` keeps the order.
        .order_by(row.priority, row.next_attempt_at, row.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )

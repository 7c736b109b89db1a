"""The outbox dispatcher: sends pending notifications at Telegram's pace, exactly once.

A pass claims a batch of due rows under a lease (one short committed transaction), sends
them outside any transaction, concurrently across chats but paced by the rate limiter, and
writes each outcome the moment the send returns (outcomes of the same moment share one
transaction: scheduler/outbox_batch.py), before the send's concurrency slot is let go.
A process killed mid-pass loses nothing: its rows fall due again when the lease runs out,
and only the messages in flight at the kill (at most `concurrency`) can go out twice.

The policy, per answer:
- sent: the message id and the time are recorded;
- 429 (RetryAfter): the row waits `retry_after` and the attempt is given back; every send
  of this process waits as long (Telegram counts the bot as a whole), and so do the other
  processes when the overall limit is shared (scheduler/limiter.py);
- 5xx, timeouts, network errors, unexpected exceptions: exponential backoff with jitter,
  failed with the error after `RetryPolicy.max_attempts`;
- 403 (RecipientBlocked): the person is marked as having blocked the bot, the row and the
  chat's other due rows fail unsent;
- other 4xx (PermanentFailure): failed at once with the error; never retried.
"""

import asyncio
import contextlib
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.errors import NotFound
from domain.notifications import (
    Notification,
    Outdated,
    PermanentFailure,
    RecipientBlocked,
    RetryAfter,
    Sender,
    TemporaryFailure,
)
from scheduler.limiter import LocalOverallLimit, OverallLimit
from scheduler.outbox_batch import GroupCommit
from scheduler.outbox_heartbeat import Heartbeat, new_worker_id
from scheduler.pacing import RateLimiter, RetryPolicy, paced_by_caller
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)

MIN_PAUSE = 0.01  # seconds; keeps an idle loop from spinning on a row due "now"


@dataclass(frozen=True, slots=True)
class DispatchReport:
    """What one pass did, counted in rows."""

    claimed: int = 0
    sent: int = 0
    retried: int = 0  # a temporary failure, to be tried again later
    postponed: int = 0  # not tried yet: flood control or pacing; the attempt is not counted
    failed: int = 0  # permanent failures and rows out of attempts
    blocked: int = 0  # failed unsent because the recipient blocked the bot
    flood_waits: int = 0  # 429 answers (RetryAfter); those rows are counted in postponed too

    @property
    def idle(self) -> bool:
        return self.claimed == 0 and self.blocked == 0


class _Kind(StrEnum):
    SENT = "sent"
    HOLD = "hold"  # not tried: a 429 wait began while the row waited for its slot
    RETRY_AFTER = "retry_after"
    TEMPORARY = "temporary"
    BLOCKED = "blocked"
    PERMANENT = "permanent"
    OUTDATED = "outdated"  # dropped unsent on purpose: nothing to say any more


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: _Kind
    message_id: int = 0
    seconds: float = 0.0
    error: str = ""


class OutboxDispatcher:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        limiter: RateLimiter,
        *,
        batch_size: int = 100,
        lease: timedelta = timedelta(seconds=60),
        retry: RetryPolicy | None = None,
        concurrency: int = 10,
        max_wait: float = 1.0,
        send_timeout: float = 20.0,
        poll_interval: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        on_report: Callable[[DispatchReport], None] | None = None,
        overall: OverallLimit | None = None,
        heartbeat_every: float = 1.0,
        dead_after: float = 5.0,
    ) -> None:
        """`max_wait`: a claimed row whose slot is further off goes back to the table with
        that time, so that one slow chat never holds up a pass. `send_timeout` bounds one
        send. The lease must outlast both, or a slow pass could see its rows claimed again.
        `overall`: the bot's overall limit, by default this process's own (`limiter.limits`);
        a given one belongs to the caller (the application shares it with the replies)."""
        if lease.total_seconds() <= max_wait + send_timeout:
            raise ValueError("the lease must be longer than max_wait + send_timeout")
        self._session_factory = session_factory
        self._sender = sender
        self._clock = clock
        self._limiter = limiter
        self._overall = overall or LocalOverallLimit(limiter.limits, monotonic)
        self._owns_overall = overall is None
        self._batch_size = batch_size
        self._lease = lease
        self._retry = retry or RetryPolicy()
        self._slots = asyncio.Semaphore(concurrency)
        self._max_wait = max_wait
        self._send_timeout = send_timeout
        self._poll_interval = poll_interval
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self._records = GroupCommit(self._uow, self._record_all)
        self._on_report = on_report  # metrics: told of every pass that did something
        # Claims carry this process's id; while `run` runs it beats, and takes over the claims
        # of dispatchers that stopped beating (scheduler/outbox_heartbeat.py).
        self._heartbeat = Heartbeat(
            self._uow, clock, new_worker_id(), every=heartbeat_every, dead_after=dead_after
        )

    async def run(self, stop: asyncio.Event, wake: asyncio.Event | None = None) -> None:
        """Drain until `stop` is set; between passes sleep until the next row is due, `wake`
        is set (right after a commit that added rows) or `poll_interval` passes (rows added
        by other processes)."""
        beating = asyncio.create_task(self._heartbeat.run(stop, wake))
        stopped_cleanly = False
        try:
            while not stop.is_set():
                if wake is not None:
                    wake.clear()  # before the pass: a row added during it wakes the next one
                try:
                    report = await self.drain_once()
                    pause = await self._idle_pause() if report.idle else 0.0
                except Exception:
                    logger.exception("outbox pass failed; next try in %s s", self._poll_interval)
                    pause = self._poll_interval
                if pause > 0:
                    await _wait_for_any(pause, stop, wake)
            stopped_cleanly = True
        finally:
            beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beating
            if stopped_cleanly:  # a crash (or a cancelled run) just stops beating
                await self._heartbeat.stop()
            if self._owns_overall:
                await self._overall.aclose()

    async def drain_once(self) -> DispatchReport:
        """One pass: claim what the overall limit lets go soon, send it, record it."""
        if self._limiter.paused_for(self._monotonic()) > self._max_wait:
            return DispatchReport()
        room = await self._overall.room(self._max_wait)
        if room == 0:
            return DispatchReport()
        now = self._clock.now()
        async with self._uow() as uow:
            batch = await uow.outbox.claim(
                now, now + self._lease, min(self._batch_size, room), self._heartbeat.worker
            )
            await uow.commit()
        tally: Counter[str] = Counter(blocked=batch.blocked)
        planned = await self._plan(batch.notifications, tally)
        async with asyncio.TaskGroup() as group:
            for notification, delay in planned:
                group.create_task(self._deliver(notification, delay, tally))
        report = DispatchReport(claimed=len(batch.notifications), **tally)
        if not report.idle:
            logger.debug("outbox pass: %s", report)
            if self._on_report is not None:
                self._on_report(report)
        return report

    async def _plan(
        self, notifications: Sequence[Notification], tally: Counter[str]
    ) -> list[tuple[Notification, float]]:
        """How long each row waits for its chat's turn; a row whose turn is far off goes
        back to the table with that time, so that one slow chat never holds up a pass."""
        planned: list[tuple[Notification, float]] = []
        later: list[tuple[Notification, float]] = []
        now = self._monotonic()
        for notification in notifications:
            wait = self._limiter.delay_for(notification.chat_id, now)
            (later if wait > self._max_wait else planned).append((notification, wait))
        if later:
            at = self._clock.now()
            async with self._uow() as uow:
                for notification, wait in later:
                    await uow.outbox.postpone(notification, at + timedelta(seconds=wait))
                await uow.commit()
            tally["postponed"] += len(later)
        return planned

    async def _deliver(
        self, notification: Notification, delay: float, tally: Counter[str]
    ) -> None:
        await asyncio.sleep(delay)
        outcome = await self._book(notification)
        # A slot covers the send and its record: what a crash can repeat is what holds one.
        async with self._slots:
            outcome = outcome or self._held(notification) or await self._attempt(notification)
            if outcome.kind is _Kind.RETRY_AFTER:  # at once: the other sends must hear of it
                await self._note_flood(notification.chat_id, outcome.seconds)
            key, count = await self._records.submit((notification, outcome))
        tally[key] += count
        if outcome.kind is _Kind.RETRY_AFTER:
            tally["flood_waits"] += 1

    async def _book(self, notification: Notification) -> _Outcome | None:
        """Take the chat's slot and the overall one, and wait for them; an outcome if the
        row must go back to the table instead."""
        chat_id = notification.chat_id
        if self._limiter.hold_for(chat_id, self._monotonic()):
            return None  # `_held` puts it back with the wait
        # The slots are taken only now: the overall limit is one line of slots, and booking
        # it ahead for a chat that must wait would hold every other chat back.
        chat_wait = self._limiter.take(chat_id, self._monotonic())
        # It may wait as long as its lease allows (several processes share the slots).
        budget = _seconds(notification.next_attempt_at, self._clock.now()) - self._send_timeout
        overall_wait = await self._overall.take(max(0.0, budget - self._max_wait))
        if overall_wait is None:
            return _Outcome(_Kind.HOLD, seconds=await self._overall.delay())
        await asyncio.sleep(max(chat_wait, overall_wait))
        return None

    def _held(self, notification: Notification) -> _Outcome | None:
        """Checked just before the send: a 429 may have come in while the row waited."""
        hold = self._limiter.hold_for(notification.chat_id, self._monotonic())
        if hold > 0:
            return _Outcome(_Kind.HOLD, seconds=hold)
        if _seconds(notification.next_attempt_at, self._clock.now()) <= self._send_timeout:
            return _Outcome(_Kind.HOLD)  # the pass stalled: do not race whoever claims next
        return None

    async def _attempt(self, notification: Notification) -> _Outcome:
        paced = paced_by_caller.set(True)  # this dispatcher paces and retries its own sends
        try:
            async with asyncio.timeout(self._send_timeout):
                message_id = await self._sender.send(notification)
        except RetryAfter as error:
            return _Outcome(_Kind.RETRY_AFTER, seconds=error.seconds, error=str(error))
        except RecipientBlocked as error:
            return _Outcome(_Kind.BLOCKED, error=str(error))
        except PermanentFailure as error:  # Outdated: dropped on purpose, logged quietly
            kind = _Kind.OUTDATED if isinstance(error, Outdated) else _Kind.PERMANENT
            return _Outcome(kind, error=str(error))
        except (TemporaryFailure, TimeoutError) as error:
            return _Outcome(_Kind.TEMPORARY, error=_describe(error))
        except Exception as error:  # a renderer's bug, say: logged, then backed off like a 5xx
            logger.exception("notification %s: unexpected error while sending", notification.id)
            return _Outcome(_Kind.TEMPORARY, error=_describe(error))
        finally:
            paced_by_caller.reset(paced)
        return _Outcome(_Kind.SENT, message_id=message_id)

    async def _record_all(
        self, uow: SqlUnitOfWork, outcomes: list[tuple[Notification, _Outcome]]
    ) -> list[tuple[str, int]]:
        """Write the outcomes of the sends of one moment, into one transaction: the sent ones
        in one statement (most are, in a broadcast), the others one by one."""
        now = self._clock.now()
        sent = [(n, outcome.message_id) for n, outcome in outcomes if outcome.kind is _Kind.SENT]
        settled = await uow.outbox.mark_sent_many(sent, now) if sent else set()
        for notification, _ in sent:
            if notification.id not in settled:
                logger.warning("notification %s was sent after its lease ran out", notification.id)
        return [
            ("sent", 1) if outcome.kind is _Kind.SENT else await self._record(uow, n, outcome, now)
            for n, outcome in outcomes
        ]

    async def _record(
        self, uow: SqlUnitOfWork, notification: Notification, outcome: _Outcome, now: datetime
    ) -> tuple[str, int]:
        outbox, kind = uow.outbox, outcome.kind
        if kind in (_Kind.HOLD, _Kind.RETRY_AFTER):
            at = now + timedelta(seconds=outcome.seconds)
            await outbox.postpone(notification, at, outcome.error or None)
            return "postponed", 1
        if kind is _Kind.TEMPORARY and notification.attempts < self._retry.max_attempts:
            delay = self._retry.delay(notification.attempts, self._rng)
            await outbox.retry_later(notification, now + timedelta(seconds=delay), outcome.error)
            return "retried", 1
        if kind is _Kind.BLOCKED:
            return "blocked", await self._fail_blocked(uow, notification, outcome.error, now)
        log = logger.info if kind is _Kind.OUTDATED else logger.warning
        log("notification %s failed: %s", notification.id, outcome.error)
        await outbox.mark_failed(notification, _final_error(notification, outcome))
        return "failed", 1

    async def _note_flood(self, chat_id: int, seconds: float) -> None:
        logger.warning("429 in chat %s: every send waits %s s", chat_id, seconds)
        self._limiter.on_retry_after(chat_id, seconds, self._monotonic())
        await self._overall.pause(seconds)

    async def _fail_blocked(
        self, uow: SqlUnitOfWork, notification: Notification, error: str, now: datetime
    ) -> int:
        logger.info("chat %s blocked the bot: %s", notification.chat_id, error)
        await uow.outbox.mark_failed(notification, error)
        if notification.chat_id > 0:  # a private chat's id is the person's id
            with contextlib.suppress(NotFound):  # someone never stored (a staff chat, say)
                await uow.users.set_blocked(notification.chat_id, True)
        return 1 + await uow.outbox.fail_chat(notification.chat_id, now, error)

    async def _idle_pause(self) -> float:
        now = self._clock.now()
        async with self._uow() as uow:
            due = await uow.outbox.next_due(now)
        pause = self._poll_interval
        if due is not None:
            pause = min(pause, _seconds(due, now))
        paused = self._limiter.paused_for(self._monotonic())
        return max(pause, paused, await self._overall.delay(), MIN_PAUSE)

    def _uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._session_factory, self._clock)


def _final_error(notification: Notification, outcome: _Outcome) -> str:
    if outcome.kind is _Kind.TEMPORARY:
        return f"gave up after {notification.attempts} attempts: {outcome.error}"
    return outcome.error


def _describe(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _seconds(until: datetime | None, now: datetime) -> float:
    return 0.0 if until is None else (until - now).total_seconds()


async def _wait_for_any(timeout: float, *events: asyncio.Event | None) -> None:
    waiters = [asyncio.ensure_future(event.wait()) for event in events if event is not None]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()

"""Claiming outbox rows under a lease: per-chat order, expiry, fences, parallel claimers."""

import asyncio
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.clock import SystemClock
from domain.notifications import Notification, NotificationStatus
from storage.models import OutboxRow
from storage.repositories.outbox import BLOCKED_ERROR
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW, make_user
from tests.storage.test_outbox import notice

LEASE = timedelta(seconds=60)
ANNA, BORIS, VERA = 2**40 + 1, 2**40 + 2, 2**40 + 3


async def add(uow: SqlUnitOfWork, *notifications: Notification) -> None:
    async with uow:
        for notification in notifications:
            assert await uow.outbox.add(notification)
        await uow.commit()


async def claim(uow: SqlUnitOfWork, at: datetime = NOW, limit: int = 10) -> list[Notification]:
    async with uow:
        batch = await uow.outbox.claim(at, at + LEASE, limit)
        await uow.commit()
    return list(batch.notifications)


async def rows(uow: SqlUnitOfWork) -> dict[str, OutboxRow]:
    async with uow:
        return {row.key: row for row in await uow.session.scalars(select(OutboxRow))}


async def test_claim_leases_the_oldest_row_of_each_chat(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        notice("anna-1", chat_id=ANNA),
        notice("anna-2", chat_id=ANNA),
        notice("boris-1", chat_id=BORIS),
        notice("later", chat_id=VERA, next_attempt_at=NOW + timedelta(hours=1)),
    )
    claimed = await claim(uow)
    assert [(n.key, n.attempts, n.next_attempt_at) for n in claimed] == [
        ("anna-1", 1, NOW + LEASE),
        ("boris-1", 1, NOW + LEASE),
    ]
    assert await claim(uow) == []  # leased rows are nobody else's; anna-2 waits its turn
    assert [n.key for n in await claim(uow, at=NOW + LEASE)] == ["anna-1", "boris-1"]


async def test_limit_takes_the_soonest_due(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        notice("b", chat_id=BORIS, created_at=NOW - timedelta(minutes=1)),
        notice("a", chat_id=ANNA, created_at=NOW - timedelta(minutes=2)),
        notice("c", chat_id=VERA),
    )
    assert {n.key for n in await claim(uow, limit=2)} == {"a", "b"}


async def test_an_expired_lease_is_claimed_again_and_the_old_claimer_is_fenced_off(
    uow: SqlUnitOfWork,
) -> None:
    await add(uow, notice("only", chat_id=ANNA))
    [first] = await claim(uow)
    [second] = await claim(uow, at=NOW + LEASE)  # the first claimer died, say
    assert second.attempts == 2
    async with uow:
        assert not await uow.outbox.mark_sent(first, NOW, message_id=1)
        assert await uow.outbox.mark_sent(second, NOW + LEASE, message_id=2)
        assert not await uow.outbox.mark_failed(second, "too late: already settled")
        await uow.commit()
    stored = (await rows(uow))["only"]
    assert (stored.status, stored.sent_message_id, stored.sent_at) == ("sent", 2, NOW + LEASE)


async def test_a_sent_head_lets_the_next_row_of_its_chat_go(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("first", chat_id=ANNA), notice("second", chat_id=ANNA))
    [first] = await claim(uow)
    async with uow:
        assert await uow.outbox.mark_sent(first, NOW, message_id=10)
        await uow.commit()
    assert [n.key for n in await claim(uow)] == ["second"]


async def test_a_retrying_head_holds_its_chat_back_until_it_is_sent(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("first", chat_id=ANNA), notice("second", chat_id=ANNA))
    [first] = await claim(uow)
    async with uow:
        assert await uow.outbox.retry_later(first, NOW + timedelta(seconds=5), "502 " * 1000)
        await uow.commit()
    assert await claim(uow, at=NOW + timedelta(seconds=4)) == []
    [again] = await claim(uow, at=NOW + timedelta(seconds=5))
    assert (again.key, again.attempts) == ("first", 2)  # a failed try stays counted
    assert len((await rows(uow))["first"].last_error or "") == 2000


async def test_postponing_gives_the_attempt_back(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("first", chat_id=ANNA), notice("second", chat_id=ANNA))
    [first] = await claim(uow)
    async with uow:
        at = NOW + timedelta(seconds=3)
        assert await uow.outbox.postpone(first, at, "Too Many Requests: retry after 3")
        await uow.commit()
    assert await claim(uow, at=NOW + timedelta(seconds=2)) == []  # second still waits
    [again] = await claim(uow, at=NOW + timedelta(seconds=3))
    assert (again.key, again.attempts) == ("first", 1)


async def test_a_failed_head_releases_its_chat(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("first", chat_id=ANNA), notice("second", chat_id=ANNA))
    [first] = await claim(uow)
    async with uow:
        assert await uow.outbox.mark_failed(first, "Bad Request: message is too long")
        await uow.commit()
    assert [n.key for n in await claim(uow)] == ["second"]
    assert (await rows(uow))["first"].status == "failed"


async def test_a_row_planned_for_later_does_not_hold_up_its_chat(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        notice("reminder", chat_id=ANNA, next_attempt_at=NOW + timedelta(hours=2)),
        notice("now", chat_id=ANNA),
    )
    [now] = await claim(uow)
    assert now.key == "now"
    async with uow:
        await uow.outbox.mark_sent(now, NOW, message_id=1)
        await uow.commit()
    assert await claim(uow, at=NOW + timedelta(hours=1)) == []
    assert [n.key for n in await claim(uow, at=NOW + timedelta(hours=2))] == ["reminder"]


async def test_rows_of_people_who_blocked_the_bot_fail_unsent(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        notice("blocked-1", chat_id=ANNA),
        notice("blocked-2", chat_id=ANNA),
        notice("blocked-later", chat_id=ANNA, next_attempt_at=NOW + timedelta(hours=1)),
        notice("fine", chat_id=BORIS),
    )
    async with uow:
        await uow.users.add(make_user(ANNA, blocked_bot=True))
        await uow.users.add(make_user(BORIS))
        batch = await uow.outbox.claim(NOW, NOW + LEASE, 10)
        await uow.commit()
    assert ([n.key for n in batch.notifications], batch.blocked) == (["fine"], 2)
    stored = await rows(uow)
    assert {key: row.status for key, row in stored.items()} == {
        "blocked-1": "failed",
        "blocked-2": "failed",
        "blocked-later": "pending",  # they may be back by then; the claim checks again
        "fine": "pending",
    }
    assert stored["blocked-2"].last_error == BLOCKED_ERROR


async def test_fail_chat_fails_only_what_is_due(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        notice("due", chat_id=ANNA),
        notice("later", chat_id=ANNA, next_attempt_at=NOW + timedelta(days=1)),
        notice("other", chat_id=BORIS),
    )
    async with uow:
        assert await uow.outbox.fail_chat(ANNA, NOW, "Forbidden: user is deactivated") == 1
        await uow.commit()
    statuses = {key: row.status for key, row in (await rows(uow)).items()}
    assert statuses == {"due": "failed", "later": "pending", "other": "pending"}


async def test_next_due_is_the_soonest_future_moment(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert await uow.outbox.next_due(NOW) is None
    await add(
        uow,
        notice("now", chat_id=ANNA),
        notice("soon", chat_id=BORIS, next_attempt_at=NOW + timedelta(seconds=7)),
        notice("later", chat_id=VERA, next_attempt_at=NOW + timedelta(minutes=7)),
        notice("done", chat_id=VERA, status=NotificationStatus.SENT),
    )
    async with uow:
        assert await uow.outbox.next_due(NOW) == NOW + timedelta(seconds=7)


async def test_parallel_claimers_never_share_a_row(
    session_factory: async_sessionmaker[AsyncSession], uow: SqlUnitOfWork
) -> None:
    await add(uow, *(notice(f"n{i}", chat_id=1000 + i) for i in range(60)))

    async def one_pass() -> list[int]:
        async with SqlUnitOfWork(session_factory, SystemClock()) as claimer:
            batch = await claimer.outbox.claim(NOW, NOW + LEASE, 20)
            await claimer.commit()
        return [n.id or 0 for n in batch.notifications]

    passes = await asyncio.gather(*(one_pass() for _ in range(6)))
    ids = [row_id for claimed in passes for row_id in claimed]
    assert len(ids) == len(set(ids)) == 60
    assert {row.attempts for row in (await rows(uow)).values()} == {1}


async def test_an_open_claim_is_skipped_not_waited_for(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession], uow: SqlUnitOfWork
) -> None:
    """Two dispatchers at the same instant: the second skips the rows the first is taking."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: a second claimer waits for the first to commit")
    await add(uow, *(notice(f"n{i}", chat_id=1000 + i) for i in range(10)))
    async with (
        SqlUnitOfWork(session_factory, SystemClock()) as first,
        SqlUnitOfWork(session_factory, SystemClock()) as second,
    ):
        mine = await first.outbox.claim(NOW, NOW + LEASE, 4)  # not committed yet: rows locked
        theirs = await asyncio.wait_for(second.outbox.claim(NOW, NOW + LEASE, 10), 5)
        await first.commit()
        await second.commit()
    mine_ids = {n.id for n in mine.notifications}
    theirs_ids = {n.id for n in theirs.notifications}
    assert len(mine_ids) == 4 and len(theirs_ids) == 6
    assert not mine_ids & theirs_ids

import asyncio
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import SystemClock
from domain.notifications import Notification, NotificationStatus
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW


def notice(key: str, **changes: object) -> Notification:
    values: dict[str, object] = {
        "key": key,
        "chat_id": 2**40,
        "kind": "status_changed",
        "payload": {"request_id": 7, "text": "Заявка принята в работу", "to": "in_progress"},
        "created_at": NOW,
    }
    values.update(changes)
    return Notification(**values)  # type: ignore[arg-type]


async def test_add_and_pending_roundtrip(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert await uow.outbox.add(notice("request:7:status:1"))
        await uow.commit()
    async with uow:
        [pending] = await uow.outbox.pending(NOW, 10)
    assert pending.id is not None
    assert pending.key == "request:7:status:1"
    assert pending.payload["text"] == "Заявка принята в работу"
    assert pending.chat_id == 2**40
    assert pending.status is NotificationStatus.PENDING
    assert pending.next_attempt_at == NOW  # due from the start


async def test_duplicate_key_is_dropped_without_breaking_the_transaction(
    uow: SqlUnitOfWork,
) -> None:
    async with uow:
        assert await uow.outbox.add(notice("same"))
        assert not await uow.outbox.add(notice("same", payload={"other": True}))
        assert await uow.outbox.add(notice("next"))
        await uow.commit()
    async with uow:
        rows = list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))
    assert [(row.key, row.payload.get("other")) for row in rows] == [
        ("same", None),
        ("next", None),
    ]


async def test_pending_is_due_oldest_first_and_limited(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.outbox.add(notice("later", next_attempt_at=NOW + timedelta(minutes=5)))
        await uow.outbox.add(notice("second", created_at=NOW - timedelta(minutes=1)))
        await uow.outbox.add(notice("first", created_at=NOW - timedelta(minutes=2)))
        await uow.outbox.add(notice("third"))
        await uow.outbox.add(notice("sent", status=NotificationStatus.SENT))
        await uow.commit()
    async with uow:
        assert [n.key for n in await uow.outbox.pending(NOW, 10)] == ["first", "second", "third"]
        assert [n.key for n in await uow.outbox.pending(NOW, 2)] == ["first", "second"]
        due_later = await uow.outbox.pending(NOW + timedelta(minutes=5), 10)
        assert [n.key for n in due_later] == ["first", "second", "third", "later"]


async def test_claim_update_only_once(uow: SqlUnitOfWork) -> None:
    async with uow:
        assert await uow.updates.claim(10**12, NOW)
        assert not await uow.updates.claim(10**12, NOW + timedelta(seconds=1))
        assert await uow.updates.claim(10**12 + 1, NOW)
        await uow.commit()
    async with uow:
        assert not await uow.updates.claim(10**12, NOW)


async def test_parallel_claims_let_exactly_one_through(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async def claim() -> bool:
        async with SqlUnitOfWork(session_factory, SystemClock()) as uow:
            claimed = await uow.updates.claim(77, NOW)
            await uow.commit()
            return claimed

    results = await asyncio.gather(*(claim() for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]


async def test_prune_old_update_ids(uow: SqlUnitOfWork) -> None:
    async with uow:
        await uow.updates.claim(1, NOW - timedelta(days=3))
        await uow.updates.claim(2, NOW)
        assert await uow.updates.prune(NOW - timedelta(days=1)) == 1
        assert await uow.updates.claim(1, NOW)  # forgotten, so new again
        assert not await uow.updates.claim(2, NOW)

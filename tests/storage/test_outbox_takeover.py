"""A dead dispatcher's claims are made due by a live one as soon as its heartbeat is stale."""

from datetime import timedelta

from domain.notifications import Notification
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW
from tests.storage.test_outbox import notice
from tests.storage.test_outbox_claim import ANNA, BORIS, LEASE, add, rows

STALE = timedelta(seconds=5)


async def claim_as(uow: SqlUnitOfWork, worker: str, limit: int = 10) -> list[Notification]:
    async with uow:
        batch = await uow.outbox.claim(NOW, NOW + LEASE, limit, worker)
        await uow.outbox.beat(worker, NOW)
        await uow.commit()
    return list(batch.notifications)


async def release(uow: SqlUnitOfWork, at: timedelta, alive: str) -> int:
    async with uow:
        now = NOW + at
        await uow.outbox.beat(alive, now)
        released = await uow.outbox.release_dead(now, now - STALE, alive)
        await uow.commit()
    return released


async def test_the_claims_of_a_silent_worker_are_due_at_once(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("anna", chat_id=ANNA), notice("boris", chat_id=BORIS))
    assert len(await claim_as(uow, "dead")) == 2
    assert await release(uow, timedelta(seconds=3), alive="live") == 0  # not stale yet
    assert await release(uow, timedelta(seconds=6), alive="live") == 2
    table = await rows(uow)
    assert {row.next_attempt_at for row in table.values()} == {NOW + timedelta(seconds=6)}
    assert {row.claimed_by for row in table.values()} == {None}
    assert await release(uow, timedelta(seconds=60), alive="live") == 0  # forgotten


async def test_settled_rows_and_the_callers_own_stay(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("anna", chat_id=ANNA), notice("boris", chat_id=BORIS))
    anna, boris = await claim_as(uow, "dead")
    async with uow:
        assert await uow.outbox.mark_sent(anna, NOW, 11)
        assert await uow.outbox.retry_later(boris, NOW + timedelta(minutes=5), "502")
        await uow.commit()
    assert await release(uow, timedelta(seconds=10), alive="live") == 0
    assert (await rows(uow))["boris"].next_attempt_at == NOW + timedelta(minutes=5)
    # A caller never releases its own claims, however late its own beat looks.
    await add(uow, notice("anna-2", chat_id=ANNA))
    assert len(await claim_as(uow, "live")) == 1
    assert await release(uow, timedelta(seconds=30), alive="live") == 0

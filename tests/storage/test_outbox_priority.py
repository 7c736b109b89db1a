"""Claiming by priority: urgent before normal before digest, each chat still in order."""

from datetime import timedelta

from domain.notifications import Priority
from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW
from tests.storage.test_outbox import notice
from tests.storage.test_outbox_claim import ANNA, BORIS, VERA, add, claim, rows


async def test_urgent_goes_before_normal_before_digest(uow: SqlUnitOfWork) -> None:
    # Written in the opposite order, and the digest has waited longest.
    await add(
        uow,
        notice(
            "digest", chat_id=ANNA, priority=Priority.DIGEST, created_at=NOW - timedelta(hours=1)
        ),
        notice("normal", chat_id=BORIS, created_at=NOW - timedelta(minutes=1)),
        notice("urgent", chat_id=VERA, priority=Priority.URGENT),
    )
    assert [n.key for n in await claim(uow, limit=1)] == ["urgent"]
    assert [n.key for n in await claim(uow, limit=1)] == ["normal"]
    assert [n.key for n in await claim(uow, limit=1)] == ["digest"]


async def test_a_batch_comes_most_urgent_first(uow: SqlUnitOfWork) -> None:
    await add(
        uow,
        *(notice(f"digest-{i}", chat_id=1000 + i, priority=Priority.DIGEST) for i in range(3)),
        *(notice(f"urgent-{i}", chat_id=2000 + i, priority=Priority.URGENT) for i in range(3)),
        *(notice(f"normal-{i}", chat_id=3000 + i) for i in range(3)),
    )
    claimed = await claim(uow, limit=7)
    assert [n.priority for n in claimed] == [0, 0, 0, 1, 1, 1, 2]
    assert all(isinstance(n.priority, int) for n in claimed)


async def test_an_urgent_row_never_overtakes_its_own_chats_earlier_message(
    uow: SqlUnitOfWork,
) -> None:
    """Priority orders chats against each other; a chat reads its messages as written."""
    await add(
        uow,
        notice("anna-digest", chat_id=ANNA, priority=Priority.DIGEST),
        notice("anna-urgent", chat_id=ANNA, priority=Priority.URGENT),
        notice("boris-normal", chat_id=BORIS),
    )
    assert [n.key for n in await claim(uow)] == ["boris-normal", "anna-digest"]


async def test_priority_is_stored_and_defaults_to_normal(uow: SqlUnitOfWork) -> None:
    await add(uow, notice("plain"), notice("alert", chat_id=ANNA, priority=Priority.URGENT))
    stored = await rows(uow)
    assert (stored["plain"].priority, stored["alert"].priority) == (1, 0)
    async with uow:
        pending = {n.key: n.priority for n in await uow.outbox.pending(NOW, 10)}
    assert pending == {"alert": Priority.URGENT, "plain": Priority.NORMAL}

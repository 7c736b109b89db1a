"""Several sends recorded in one statement: each row gets its own message id, and a row
whose lease has gone to another claimer is left alone."""

from datetime import timedelta

from storage.uow import SqlUnitOfWork
from tests.storage.samples import NOW
from tests.storage.test_outbox import notice
from tests.storage.test_outbox_claim import LEASE, add, claim, rows


async def test_mark_sent_many_records_each_message_id_under_its_lease(uow: SqlUnitOfWork) -> None:
    await add(uow, *(notice(f"n{i}", chat_id=1000 + i) for i in range(4)))
    first = await claim(uow)
    stale, *mine = first
    [again] = await claim(uow, at=NOW + LEASE, limit=1)  # n0's lease ran out: re-claimed
    assert again.key == stale.key
    async with uow:
        sent = [(n, 500 + i) for i, n in enumerate(first)]
        settled = await uow.outbox.mark_sent_many(sent, NOW + timedelta(seconds=1))
        await uow.commit()
    assert settled == {n.id for n in mine}
    stored = await rows(uow)
    assert [(stored[n.key].status, stored[n.key].sent_message_id) for n in mine] == [
        ("sent", 501),
        ("sent", 502),
        ("sent", 503),
    ]
    assert (stored["n0"].status, stored["n0"].sent_message_id) == ("pending", None)
    assert stored["n1"].sent_at == NOW + timedelta(seconds=1)

"""Group commit: outcomes of sends that return at about the same time share one transaction.

A send's outcome is handed over the moment the send returns; if no transaction is being
written, one starts at once with it alone; if one is, the outcome goes into the next, which
starts the moment the current one commits. Each sender waits until its outcome is committed
(and holds its concurrency slot meanwhile), so a kill can still repeat only the messages in
flight, while a busy dispatcher pays one commit per handful of messages instead of per one.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from storage.uow import SqlUnitOfWork

Item = TypeVar("Item")
Result = TypeVar("Result")


class GroupCommit(Generic[Item, Result]):
    def __init__(
        self,
        open_uow: Callable[[], SqlUnitOfWork],
        write: Callable[[SqlUnitOfWork, list[Item]], Awaitable[list[Result]]],
    ) -> None:
        """`write` writes a batch of items into the unit of work (the caller commits) and
        returns one result per item, in order."""
        self._open_uow = open_uow
        self._write = write
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        """Write `item` in the next transaction; return once it is committed."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())
        return await future

    async def _write_all(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                async with self._open_uow() as uow:
                    results = await self._write(uow, [item for item, _ in batch])
                    await uow.commit()
            except BaseException as error:  # each waiter learns its write failed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                if not isinstance(error, Exception):
                    self._fail_waiting(error)
                    raise
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():  # its sender may have been cancelled meanwhile
                    future.set_result(result)

    def _fail_waiting(self, error: BaseException) -> None:
        """The writer itself is cancelled: nobody may wait for a transaction never begun."""
        waiting, self._waiting = self._waiting, []
        for _, future in waiting:
            if not future.done():
                future.set_exception(error)

"""One owner of the commit, and the one reason a handler may commit first.

bot/middlewares.UnitOfWorkMiddleware opens one unit of work per update and commits it once,
after the handler returns, together with the update's claim and the buffered form state (see
docs/ARCHITECTURE.md, "Who commits"). Handlers do not call `commit()`.

The exception is a reply that tells the person a change is done — «Заявка принята», a booking
confirmed, a toast «Подтверждено»: it must not go out while a failed commit could still undo
the change, or the person is told something untrue. Such a handler calls `commit_before_telling`
right before that reply; the middleware's commit at the end then writes whatever came after (the
form state, the update's claim — the first commit already carried it).
"""

from domain.unit_of_work import CityUnitOfWork


async def commit_before_telling(uow: CityUnitOfWork) -> None:
    """Make the change durable now: the next reply tells the person it is done."""
    await uow.commit()

"""One owner of the commit, and the one reason a handler may commit first.

bot/middlewares.UnitOfWorkMiddleware opens one unit of work per update and commits it once,
after the handler returns, together with the update's claim and the buffered form state (see
docs/ARCHITECTURE.md, "Who commits"). Handlers do not call `commit()`.

The exception is a reply that tells the person a change is done — «Заявка принята», a booking
confirmed, a toast «Подтверждено»: it must not go out while a failed commit could still undo
the change, or the person is told something untrue. Such a handler calls `commit_before_telling`
right before that reply; the middleware's commit at the end then writes whatever came after (the
form state, the update's claim — the first commit already carried it).

A notice renderer has no update and no middleware: it opens a unit of work of its own through
the factory it was given, so it owns that commit, as a scheduled job owns its own. When what it
records must be durable before the message goes out (a forum topic created for the message), it
calls `commit_renderer_bookkeeping` inside its `async with` block.
"""

from domain.unit_of_work import CityUnitOfWork


async def commit_before_telling(uow: CityUnitOfWork) -> None:
    """Make the change durable now: the next reply tells the person it is done."""
    await uow.commit()


async def commit_renderer_bookkeeping(uow: CityUnitOfWork) -> None:
    """Commit the unit of work a notice renderer opened itself: what it wrote down (a forum
    topic remembered) is durable before the message that relies on it is posted."""
    await uow.commit()

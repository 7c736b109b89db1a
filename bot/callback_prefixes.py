"""A button press reaches only the handlers whose callback data prefix it carries.

aiogram tries the callback handlers in order, each through its whole chain of filters, and
a `CallbackData.filter()` is usually the last of them: a press went through ~100 handlers'
filter calls (keyword preparation, a coroutine each, and an exception from a failed unpack)
before the one it was for. Every such filter rejects data whose first part is not its
prefix, so that comparison is made first, once, and the handler's filters run only when it
holds: the same handlers match, in the same order, with the same data (issue 16).
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery

Check = Callable[..., Awaitable[tuple[bool, dict[str, Any]]]]


def check_prefix_first(root: Router) -> int:
    """Give each callback handler with a callback data filter its prefix check; how many."""
    changed = 0
    for router in root.chain_tail:
        for handler in router.callback_query.handlers:
            prefixes = {
                (f.callback.callback_data.__prefix__, f.callback.callback_data.__separator__)
                for f in handler.filters or ()
                if isinstance(f.callback, CallbackQueryFilter)
            }
            if len(prefixes) == 1:
                handler.check = _prefix_first(handler, *prefixes.pop())  # type: ignore[method-assign,assignment]
                changed += 1
    return changed


def _prefix_first(handler: HandlerObject, prefix: str, separator: str) -> Check:
    filters_check = handler.check

    async def check(event: Any, **kwargs: Any) -> tuple[bool, dict[str, Any]]:
        data = event.data if isinstance(event, CallbackQuery) else None
        if not data or data.split(separator, 1)[0] != prefix:
            return False, kwargs  # what its CallbackQueryFilter would have answered
        return await filters_check(event, **kwargs)

    return check

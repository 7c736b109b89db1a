"""A message or a press is offered only to the handlers its form state and command allow.

aiogram offers an event to every router in turn: a middleware chain built per router, its
filters, then each handler's filters, ~20 routers and ~100 handlers for a message that ends in
the fallback. Most handlers name what they serve in filters whose answer is known before any
of them runs: the form state (`State`, `StateFilter`; the FSM middleware gave `raw_state`), the
command (`Command`: the first word of the text) or the button (a `CallbackData` filter: the
prefix of the data). For each such key the handlers whose filters of these kinds could pass
are listed once, in the routers' order, and the event goes down that list only.

Every filter of a listed handler still runs, and a router's own filters once, before its
first listed handler, as aiogram runs them; the index only leaves out handlers that would
have refused. So the same handler answers, with the same arguments, and a handler's
SkipHandler, UNHANDLED or REJECTED continue the search as they would (issue 16).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED, SkipHandler
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.dispatcher.middlewares.manager import MiddlewareManager
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.index_guards import CALLBACK_SEPARATOR, Guard, Key, guard

_UNKNOWN_STATE = "\x00unknown"  # a state no filter names: only handlers for any state take it
INDEXED = ("message", "callback_query")


@dataclass(frozen=True, slots=True)
class Entry:
    chain: tuple[Router, ...]  # from the index's root down to the handler's router
    handler: HandlerObject
    guard: Guard


class EventIndex:
    """The handlers of one kind of event, in the order aiogram tries them, by key."""

    def __init__(
        self,
        update_type: str,
        entries: Sequence[Entry],
        key_of: Callable[[TelegramObject], Key | None],
    ) -> None:
        self.update_type = update_type
        self._entries = tuple(entries)
        self._key_of = key_of
        self._states = {s for e in entries if e.guard.states is not None for s in e.guard.states}
        self._keys = {k for e in entries if e.guard.keys is not None for k in e.guard.keys}
        self._lists: dict[tuple[str | None, Key | None], tuple[Entry, ...]] = {}

    def candidates(self, raw_state: str | None, event: TelegramObject) -> tuple[Entry, ...]:
        state = raw_state if raw_state in self._states else _UNKNOWN_STATE
        key = self._key_of(event)
        known = key if key in self._keys else None
        listed = self._lists.get((state, known))
        if listed is None:  # bounded: the states and keys the filters name, and one other
            listed = tuple(e for e in self._entries if e.guard.admits(state, known))
            self._lists[(state, known)] = listed
        return listed

    async def propagate(self, event: TelegramObject, kwargs: dict[str, Any]) -> Any:
        routed: dict[Router, dict[str, Any] | None] = {}  # what a router's handlers are given
        tried: dict[Router, dict[str, Any]] = {}  # aiogram's `trigger` keyword arguments
        finished: set[Router] = set()  # a handler answered UNHANDLED: its router's turn ends
        rejected: set[Router] = set()  # REJECTED: its sub-routers are skipped too
        for entry in self.candidates(kwargs.get("raw_state"), event):
            router = entry.chain[-1]
            if router in finished or (rejected and not rejected.isdisjoint(entry.chain)):
                continue
            data = await self._through_routers(entry.chain, event, kwargs, routed)
            if data is None:
                continue
            trigger = tried.get(router)
            if trigger is None:
                trigger = tried[router] = dict(data)
            trigger["handler"] = entry.handler
            passed, extra = await entry.handler.check(event, **trigger)
            if not passed:
                continue
            trigger.update(extra)
            observer = router.observers[self.update_type]
            call = MiddlewareManager.wrap_middlewares(
                observer._resolve_middlewares(), entry.handler.call
            )
            try:
                response = await call(event, trigger)
            except SkipHandler:
                continue
            if response is REJECTED:
                rejected.add(router)
            elif response is UNHANDLED:
                finished.add(router)
            else:
                return response
        return UNHANDLED

    async def _through_routers(
        self,
        chain: tuple[Router, ...],
        event: TelegramObject,
        kwargs: dict[str, Any],
        routed: dict[Router, dict[str, Any] | None],
    ) -> dict[str, Any] | None:
        """The routers' own filters, each once per event, top down as aiogram checks them."""
        data: dict[str, Any] | None = kwargs
        for router in chain:
            if router in routed:
                data = routed[router]
            else:
                assert data is not None
                data = {**data, "event_router": router}
                passed, extra = await router.observers[self.update_type].check_root_filters(
                    event, **data
                )
                data = {**data, **extra} if passed else None
                routed[router] = data
            if data is None:
                return None
        return data


def index_events(root: Router) -> list[EventIndex]:
    """Route messages and presses under `root` through indexes; call once, after every
    router, filter and middleware is in place. Returns the indexes installed."""
    indexes = [
        index for update_type in INDEXED if (index := build_index(root, update_type)) is not None
    ]
    if not indexes:
        return []
    through_routers = root.propagate_event
    by_type = {index.update_type: index for index in indexes}

    async def propagate_event(update_type: str, event: TelegramObject, **kwargs: Any) -> Any:
        index = by_type.get(update_type)
        if index is None:
            return await through_routers(update_type, event, **kwargs)
        return await index.propagate(event, kwargs)

    root.propagate_event = propagate_event  # type: ignore[method-assign]
    return indexes


def build_index(root: Router, update_type: str) -> EventIndex | None:
    """The index of one kind of event, or None when the routers need the full walk: an outer
    middleware of a router wraps its whole subtree, which a flat list cannot reproduce."""
    key_of = _message_key if update_type == "message" else _callback_key
    entries: list[Entry] = []

    def walk(router: Router, chain: tuple[Router, ...], above: Guard) -> bool:
        observer = router.observers[update_type]
        if observer.outer_middleware:
            return False
        chain += (router,)
        own = above.both(guard(observer._handler.filters or ()))
        entries.extend(
            Entry(chain, handler, own.both(guard(handler.filters or ())))
            for handler in observer.handlers
        )
        return all(walk(sub, chain, own) for sub in router.sub_routers)

    if not walk(root, (), Guard()):
        return None
    return EventIndex(update_type, entries, key_of)


def _message_key(event: TelegramObject) -> Key | None:
    """What aiogram's Command filter compares: the first word of the text or caption."""
    text = event.text or event.caption if isinstance(event, Message) else None
    words = text.split(maxsplit=1) if text else ()
    if not words:
        return None
    return words[0][0], words[0][1:].partition("@")[0].casefold()


def _callback_key(event: TelegramObject) -> Key | None:
    """What a CallbackData filter compares first: the prefix of the data."""
    data = event.data if isinstance(event, CallbackQuery) else None
    return (CALLBACK_SEPARATOR, data.split(CALLBACK_SEPARATOR, 1)[0]) if data else None

"""What a handler's filters say about the events they may let through, known before they run.

A guard is a necessary condition only: the form states it may take (from `State` and
`StateFilter`) and the keys (from `Command`: prefix character and command; from a
`CallbackData` filter: its prefix). A filter of any other kind, or one these cannot be read
from (a regular expression command, a state given some other way), says nothing: any state,
any key. The handler's filters still run in full on whatever the guard admits.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from inspect import isclass
from typing import Any, TypeVar

from aiogram.dispatcher.event.handler import FilterObject
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup

Key = tuple[str, str]  # (prefix character, command) or (separator, callback data prefix)
CALLBACK_SEPARATOR = ":"  # aiogram's default; a CallbackData with another one is not indexed
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Guard:
    states: frozenset[str | None] | None = None  # None: any state
    keys: frozenset[Key] | None = None  # None: any key, or none

    def both(self, other: "Guard") -> "Guard":
        """What passes two sets of filters (a router's and its handler's) passes both."""
        return Guard(_meet(self.states, other.states), _meet(self.keys, other.keys))

    def admits(self, state: str | None, key: Key | None) -> bool:
        return (self.states is None or state in self.states) and (
            self.keys is None or key in self.keys
        )


def guard(filters: Iterable[FilterObject]) -> Guard:
    result = Guard()
    for event_filter in filters:
        # bot/inline_callables.py wraps a synchronous filter (a `State`) and keeps the original
        callback = getattr(event_filter.callback, "__wrapped__", event_filter.callback)
        result = result.both(Guard(_states_of(callback), _keys_of(callback)))
    return result


def _states_of(callback: Any) -> frozenset[str | None] | None:
    if type(callback) is State:
        return _states((callback,))
    if type(callback) is StateFilter:
        return _states(callback.states)
    return None


def _states(allowed: Iterable[Any]) -> frozenset[str | None] | None:
    """The raw states aiogram's StateFilter would accept; None when any would do."""
    names: set[str | None] = set()
    for state in allowed:
        if isinstance(state, str) or state is None:
            names.add(state)
        elif isinstance(state, State):
            names.add(state.state)
        elif isinstance(state, StatesGroup):
            names.update(type(state).__all_states_names__)
        elif isclass(state) and issubclass(state, StatesGroup):
            names.update(state.__all_states_names__)
        else:
            return None
    return None if "*" in names else frozenset(names)


def _keys_of(callback: Any) -> frozenset[Key] | None:
    if type(callback) in (Command, CommandStart):
        if not all(isinstance(command, str) for command in callback.commands):
            return None  # a pattern matches names that cannot be listed
        return frozenset(
            (prefix, command.casefold())
            for prefix in callback.prefix
            for command in callback.commands
        )
    if type(callback) is CallbackQueryFilter:
        data = callback.callback_data
        if data.__separator__ != CALLBACK_SEPARATOR:
            return None
        return frozenset({(CALLBACK_SEPARATOR, data.__prefix__)})
    return None


def _meet(one: frozenset[T] | None, other: frozenset[T] | None) -> frozenset[T] | None:
    if one is None:
        return other
    return one if other is None else one & other

"""aiogram's inline keyboard builder without its deep copies, and keyboards built once.

aiogram's `KeyboardBuilder.export()` deep-copies every button, and `add()` (which `button()`
calls) exports the whole keyboard to append one button: a keyboard of n buttons costs n²/2
pydantic deep copies, ~19 % of the CPU of an average update (issue 16). Here only the rows
(lists) are copied, which keeps the builder's contract (adding to the builder later does not
change a markup already made); the buttons are shared, as nothing in this project changes a
button or a markup once made (a keyboard that differs is built anew, handlers/replies.py).
Handlers use this class; ruff bans aiogram's (TID251).
"""

import functools
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.keyboard import InlineKeyboardBuilder as _AiogramBuilder  # noqa: TID251

P = ParamSpec("P")
Markup = TypeVar("Markup", InlineKeyboardMarkup, ReplyKeyboardMarkup)
KEPT_PER_KEYBOARD = 256  # languages x argument values; more than any keyboard here has


class InlineKeyboardBuilder(_AiogramBuilder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]


def per_language(build: Callable[P, Markup]) -> Callable[P, Markup]:
    """A keyboard that is a function of its (hashable) arguments and the language of the
    update alone: built once per language and arguments, then the same markup is reused
    (building one is pydantic work on every button, at every update that shows it)."""

    @functools.lru_cache(maxsize=KEPT_PER_KEYBOARD)
    def built(
        locale: str, args: tuple[Hashable, ...], kwargs: tuple[tuple[str, Hashable], ...]
    ) -> Markup:
        return build(*args, **dict(kwargs))  # type: ignore[arg-type]

    @functools.wraps(build)
    def keyboard(*args: P.args, **kwargs: P.kwargs) -> Markup:
        return built(get_i18n().current_locale, args, tuple(sorted(kwargs.items())))

    return keyboard

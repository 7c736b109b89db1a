"""aiogram's inline keyboard builder without its deep copies.

aiogram's `KeyboardBuilder.export()` deep-copies every button, and `add()` (which `button()`
calls) exports the whole keyboard to append one button: a keyboard of n buttons costs n²/2
pydantic deep copies, ~19 % of the CPU of an average update (issue 16). Here only the rows
(lists) are copied, which keeps the builder's contract (adding to the builder later does not
change a markup already made); the buttons are shared, as nothing in this project changes a
button once made (a keyboard that differs is built anew, handlers/replies.py). Handlers use
this class; ruff bans aiogram's (TID251).
"""

from aiogram.types import InlineKeyboardButton
from aiogram.utils.keyboard import InlineKeyboardBuilder as _AiogramBuilder  # noqa: TID251


class InlineKeyboardBuilder(_AiogramBuilder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]

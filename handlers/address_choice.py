"""The "did you mean" choice between address candidates, shared by every address form.

The question is a bubble whose only content is its buttons; once a candidate is pressed it
must not stay behind as an empty «Вы имели в виду:» with nothing under it.
"""

import contextlib
from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from handlers.keyboard_builder import InlineKeyboardBuilder

BUTTON_TEXT_MAX = 60
RETYPE = -1  # the index of "none of these"


def address_candidates(labels: Sequence[tuple[str, str | None]]) -> InlineKeyboardMarkup:
    """One button per (address, district) candidate, then "none of these"."""
    kb = InlineKeyboardBuilder()
    for index, (address, district) in enumerate(labels):
        label = f"{address} ({district})" if district else address
        kb.button(text=label[:BUTTON_TEXT_MAX], callback_data=AddressCb(index=index))
    kb.button(text=_("Нет нужного — ввести заново"), callback_data=AddressCb(index=RETYPE))
    kb.adjust(1)
    return kb.as_markup()


async def retire_question(question: Message, chosen: str) -> None:
    """The choice is made and the form says it in a new message (which can also take the
    reply keyboard away, as no edit can): the question disappears. Where Telegram refuses
    (a message older than 48 hours) it becomes the choice, `chosen` without buttons."""
    try:
        await question.delete()
        return
    except TelegramBadRequest:
        pass
    with contextlib.suppress(TelegramBadRequest):  # gone already: nothing is left to tidy
        await question.edit_text(chosen, reply_markup=None)


async def question_becomes(question: Message, text: str) -> None:
    """The question turns into the answer to it ("type it again"), without its buttons."""
    if question.text == text and question.reply_markup is None:
        return  # already says it (a replayed press): an identical edit is a Bot API error
    with contextlib.suppress(TelegramBadRequest):  # deleted meanwhile: the form goes on
        await question.edit_text(text, reply_markup=None)


class AddressCb(CallbackData, prefix="ad"):
    index: int  # position in the candidate list kept in the form; -1 = none of these

""" "Is it back?" answered from under a "restored" message (domain/services/is_back.py counts
it for the building of the address the message reached the person at). The buttons stay:
the other one changes the answer, the same one again is only told it is counted. A press on
a question that no longer stands (too late, the outage or address gone) says so, and its
buttons go; the alert's own buttons below them (unsubscribe) stay."""

import asyncio
import contextlib

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.alerts.crowd_rules import CrowdRules
from domain.clock import Clock
from domain.errors import DomainError
from domain.services.is_back import Counted, TooLate, answer_is_back
from domain.unit_of_work import CityUnitOfWork
from handlers.alerts import crowd_texts as texts
from handlers.alerts.callbacks import BackCb
from handlers.replies import alert, set_buttons, toast
from handlers.transaction import commit_before_telling


async def answered(
    query: CallbackQuery,
    callback_data: BackCb,
    uow: CityUnitOfWork,
    clock: Clock,
    crowd_rules: CrowdRules,
    fanout_wake: asyncio.Event,
    callback_answer: CallbackAnswer,
) -> None:
    back = bool(callback_data.back)
    try:
        outcome = await answer_is_back(
            uow,
            clock,
            crowd_rules,
            query.from_user.id,
            callback_data.outage_id,
            callback_data.address_id,
            back,
        )
    except DomainError as error:
        alert(callback_answer, texts.too_late() if isinstance(error, TooLate) else texts.gone())
        if isinstance(query.message, Message):
            with contextlib.suppress(TelegramBadRequest):  # deleted meanwhile: said anyway
                await set_buttons(query.message, without_question(query.message.reply_markup))
        return
    if outcome.counted is Counted.SAME:
        toast(callback_answer, texts.already_counted())
        return
    await commit_before_telling(uow)
    if outcome.reopened is not None:
        fanout_wake.set()  # a reopening's announcement, if this answer made it
    if outcome.counted is Counted.CHANGED:
        toast(callback_answer, texts.changed(back))
    elif not back and outcome.reopened is not None:
        toast(callback_answer, texts.reopened_for_house())
    else:
        toast(callback_answer, texts.thanks(back))


def without_question(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The message's buttons less the "is it back?" ones (None: nothing else was there)."""
    if markup is None:
        return None
    rows = [
        row
        for row in markup.inline_keyboard
        if not any((b.callback_data or "").startswith(f"{BackCb.__prefix__}:") for b in row)
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def register(router: Router) -> None:
    router.callback_query.register(answered, BackCb.filter())

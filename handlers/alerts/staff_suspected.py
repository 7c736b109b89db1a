"""Staff decide on a suspected outage from its card: confirm at once (the outage is published
and the reporters follow it), or dismiss with a reason typed as the next message (nobody but
the card hears of it). The card is redrawn through the outbox either way: the decision, who
made it, buttons gone. A press on a card already decided says who decided, and changes
nothing.

Registered on the staff router (only its chat), before the replies-to-cards handler, so that
a reason typed in reply to the prompt is not taken for an answer to a resident.
"""

import asyncio

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.alerts.crowd import SuspicionStatus
from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.crowd_decisions import AlreadyKnown, confirm_suspicion, dismiss_suspicion
from domain.unit_of_work import CityUnitOfWork
from handlers.alerts import crowd_texts as texts
from handlers.alerts.callbacks import SuspectedAction, SuspectedCb
from handlers.replies import alert, toast
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling


class DismissReason(StatesGroup):
    text = State()  # the next message of this staff member is why it is not an outage


async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, texts.not_staff())


async def decided_already(uow: CityUnitOfWork, suspicion_id: int, answer: CallbackAnswer) -> None:
    alert(answer, texts.already_decided(await uow.crowd.get_suspicion(suspicion_id)))


async def confirm(
    query: CallbackQuery,
    callback_data: SuspectedCb,
    uow: CityUnitOfWork,
    clock: Clock,
    fanout_wake: asyncio.Event,
    callback_answer: CallbackAnswer,
) -> None:
    suspicion_id = callback_data.suspicion_id
    try:
        await confirm_suspicion(uow, clock, suspicion_id, query.from_user.full_name)
    except AlreadyKnown as known:
        alert(callback_answer, texts.already_known(known.outage_id))
        return
    except DomainError:
        await decided_already(uow, suspicion_id, callback_answer)
        return
    await commit_before_telling(uow)  # the card is redrawn through the outbox
    fanout_wake.set()  # the outage's announcement goes out now, not at the next poll
    toast(callback_answer, texts.confirmed_toast())


async def ask_reason(
    query: CallbackQuery,
    callback_data: SuspectedCb,
    state: FSMContext,
    uow: CityUnitOfWork,
    callback_answer: CallbackAnswer,
) -> None:
    suspicion = await uow.crowd.get_suspicion(callback_data.suspicion_id)
    if suspicion is None or suspicion.status is not SuspicionStatus.OPEN:
        await decided_already(uow, callback_data.suspicion_id, callback_answer)
        return
    if isinstance(query.message, Message):
        await state.set_state(DismissReason.text)
        await state.update_data(suspicion_id=callback_data.suspicion_id)
        await query.message.reply(texts.reason_prompt())


async def cancel_reason(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.reply(texts.cancelled())


async def reason_given(
    message: Message, state: FSMContext, uow: CityUnitOfWork, clock: Clock
) -> None:
    assert message.from_user is not None and message.text is not None
    suspicion_id = int((await state.get_data())["suspicion_id"])
    by = message.from_user.full_name
    try:
        await dismiss_suspicion(uow, clock, suspicion_id, message.text, by)
    except InvalidInput:
        await message.reply(texts.reason_too_long())
        return
    except DomainError:  # decided by someone else while the reason was typed
        await state.clear()
        await message.reply(texts.already_decided(await uow.crowd.get_suspicion(suspicion_id)))
        return
    await state.clear()
    await commit_before_telling(uow)
    await message.reply(texts.dismissed_reply())


def register(router: Router) -> None:
    router.callback_query.register(not_staff, SuspectedCb.filter(), ~IsStaff())
    router.callback_query.register(
        confirm, SuspectedCb.filter(F.action == SuspectedAction.CONFIRM)
    )
    router.callback_query.register(
        ask_reason, SuspectedCb.filter(F.action == SuspectedAction.DISMISS)
    )
    router.message.register(cancel_reason, DismissReason.text, Command("cancel"))
    router.message.register(
        reason_given, DismissReason.text, F.text, ~F.text.startswith("/"), IsStaff()
    )

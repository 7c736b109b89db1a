"""Staff decide on performer profiles from their cards: approve at once, or decline with a
reason typed as the next message (as requests are rejected). The card is redrawn through the
outbox (the outcome and who decided, its buttons gone), as at every change of the profile.

Registered on the staff router (only its chat) before the replies-to-cards handler, so that
a reason typed as a reply to the prompt is not taken for an answer to a resident.
"""

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer, PerformerStatus
from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.performers import decide_performer
from domain.unit_of_work import CityUnitOfWork
from handlers.performers import staff_texts as texts
from handlers.performers.callbacks import PerformerDecision, StaffPerformerCb, revision_of
from handlers.performers.staff_card import card_text, superseded_card_text
from handlers.replies import alert, toast
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling


class PerformerReason(StatesGroup):
    text = State()  # the next message of this staff member is why the profile is declined


def why_not(performer: Performer | None, revision: int) -> str | None:
    """Why a card's button can no longer decide (None: it still can)."""
    if performer is None:
        return texts.unknown()
    if performer.status is not PerformerStatus.PENDING:
        return texts.already_decided(performer.status)
    if revision_of(performer.updated_at) != revision:
        return texts.changed_since()
    return None


async def stale_press(
    query: CallbackQuery, performer: Performer | None, revision: int, answer: CallbackAnswer
) -> None:
    """A decision button of a card that no longer tells the truth: what happened, and the
    pressed message redrawn as that version now stands, its dead buttons gone."""
    alert(answer, why_not(performer, revision) or texts.unknown())
    message = query.message
    if performer is None or not isinstance(message, Message) or message.reply_markup is None:
        return  # a forged id, or already without buttons (an edit would change nothing)
    if revision_of(performer.updated_at) == revision:
        text = card_text(performer)
    else:
        text = superseded_card_text(performer)
    with contextlib.suppress(TelegramBadRequest):  # deleted meanwhile: the alert said it
        await message.edit_text(text, reply_markup=None)


async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, _("Эти кнопки — для сотрудников города."))


async def decide(
    query: CallbackQuery,
    callback_data: StaffPerformerCb,
    uow: CityUnitOfWork,
    clock: Clock,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    performer = await uow.performers.get(callback_data.performer_id)
    refusal = why_not(performer, callback_data.revision)
    if refusal is not None or performer is None or not isinstance(query.message, Message):
        await stale_press(query, performer, callback_data.revision, callback_answer)
        return
    if callback_data.action is PerformerDecision.DECLINE:
        await state.set_state(PerformerReason.text)
        await state.update_data(
            performer_id=performer.id,
            revision=callback_data.revision,
            card_id=query.message.message_id,
        )
        await query.message.reply(texts.ask_reason(performer.stage_name))
        return
    by = query.from_user.full_name
    try:
        await decide_performer(uow, clock, performer.id or 0, True, by=by)
    except DomainError:
        alert(callback_answer, texts.unknown())
        return
    await commit_before_telling(uow)  # the card is redrawn through the outbox, with who decided
    toast(callback_answer, texts.approved())


async def cancel_reason(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.reply(_("Отменено."))


async def reason_given(
    message: Message,
    uow: CityUnitOfWork,
    clock: Clock,
    state: FSMContext,
) -> None:
    assert message.text is not None and message.from_user is not None
    data = await state.get_data()
    performer_id = int(data["performer_id"])
    refusal = why_not(await uow.performers.get(performer_id), int(data["revision"]))
    if refusal is not None:
        await state.clear()
        await message.reply(refusal)
        return
    by = message.from_user.full_name
    try:
        await decide_performer(uow, clock, performer_id, False, message.text, by=by)
    except InvalidInput:
        await message.reply(texts.reason_too_long())  # the state stays: type it shorter
        return
    except DomainError:
        await state.clear()
        await message.reply(texts.unknown())
        return
    await state.clear()
    await commit_before_telling(uow)  # the card is redrawn through the outbox, with who decided
    await message.reply(texts.declined())


async def reason_other(message: Message) -> None:
    await message.reply(texts.reason_hint())


def register(router: Router) -> None:
    router.callback_query.register(not_staff, StaffPerformerCb.filter(), ~IsStaff())
    router.callback_query.register(decide, StaffPerformerCb.filter())
    router.message.register(cancel_reason, PerformerReason.text, Command("cancel"))
    router.message.register(
        reason_given, PerformerReason.text, F.text, ~F.text.startswith("/"), IsStaff()
    )
    router.message.register(reason_other, PerformerReason.text, IsStaff())

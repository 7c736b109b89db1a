"""Staff decide on performer profiles from their cards: approve at once, or decline with a
reason typed as the next message (as requests are rejected). The card then shows the outcome
and who decided, its buttons gone.

Registered on the staff router (only its chat) before the replies-to-cards handler, so that
a reason typed as a reply to the prompt is not taken for an answer to a resident.
"""

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer, PerformerStatus
from domain.booking.ports import BookingUnitOfWork
from domain.clock import Clock
from domain.errors import DomainError, InvalidInput
from domain.services.performers import decide_performer
from handlers import replies
from handlers.replies import alert, toast
from handlers.staff import performer_texts as texts
from handlers.staff.filters import IsStaff
from handlers.staff.performer_callbacks import PerformerDecision, StaffPerformerCb, revision_of
from handlers.staff.performer_card import card_text


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


async def show_outcome(
    bot: Bot, chat_id: int, message_id: int, performer: Performer, by: str
) -> None:
    # A deleted card cannot show it: the reply in the chat still tells the outcome.
    with contextlib.suppress(TelegramBadRequest):
        await bot.edit_message_text(
            card_text(performer, by), chat_id=chat_id, message_id=message_id, reply_markup=None
        )


async def drop_buttons(query: CallbackQuery) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # already without buttons
            await replies.drop_buttons(query.message)


def register(router: Router) -> None:
    @router.callback_query(StaffPerformerCb.filter(), ~IsStaff())
    async def not_staff(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
        alert(callback_answer, _("Эти кнопки — для сотрудников города."))

    @router.callback_query(StaffPerformerCb.filter())
    async def decide(
        query: CallbackQuery,
        callback_data: StaffPerformerCb,
        uow: BookingUnitOfWork,
        clock: Clock,
        state: FSMContext,
        bot: Bot,
        callback_answer: CallbackAnswer,
    ) -> None:
        performer = await uow.performers.get(callback_data.performer_id)
        refusal = why_not(performer, callback_data.revision)
        if refusal is not None or performer is None or not isinstance(query.message, Message):
            alert(callback_answer, refusal or texts.unknown())
            if performer is not None:  # a real card of a decided or changed profile: tidy it
                await drop_buttons(query)
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
        try:
            decided = await decide_performer(uow, clock, callback_data.performer_id, True)
        except DomainError:
            alert(callback_answer, texts.unknown())
            return
        await uow.commit()
        await show_outcome(
            bot,
            query.message.chat.id,
            query.message.message_id,
            decided,
            query.from_user.full_name,
        )
        toast(callback_answer, texts.approved())

    @router.message(PerformerReason.text, Command("cancel"))
    async def cancel_reason(message: Message, state: FSMContext) -> None:
        await state.clear()
        await message.reply(_("Отменено."))

    @router.message(PerformerReason.text, F.text, ~F.text.startswith("/"), IsStaff())
    async def reason_given(
        message: Message, uow: BookingUnitOfWork, clock: Clock, state: FSMContext, bot: Bot
    ) -> None:
        assert message.text is not None and message.from_user is not None
        data = await state.get_data()
        performer_id = int(data["performer_id"])
        refusal = why_not(await uow.performers.get(performer_id), int(data["revision"]))
        if refusal is not None:
            await state.clear()
            await message.reply(refusal)
            return
        try:
            decided = await decide_performer(uow, clock, performer_id, False, message.text)
        except InvalidInput:
            await message.reply(texts.reason_too_long())  # the state stays: type it shorter
            return
        except DomainError:
            await state.clear()
            await message.reply(texts.unknown())
            return
        await state.clear()
        await uow.commit()
        await show_outcome(
            bot, message.chat.id, int(data["card_id"]), decided, message.from_user.full_name
        )
        await message.reply(texts.declined())

    @router.message(PerformerReason.text, IsStaff())
    async def reason_other(message: Message) -> None:
        await message.reply(texts.reason_hint())

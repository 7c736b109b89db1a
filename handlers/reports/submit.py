"""The last step: the summary, similar requests nearby, submit or join, edit, cancel."""

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.clock import Clock
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.services.my_requests import join_request
from domain.services.reports import similar_open_requests, submit_request
from domain.users import User
from handlers.callbacks import JoinCb, SummaryAction, SummaryCb
from handlers.keyboards import main_menu, open_request_button
from handlers.replies import alert
from handlers.reports import keyboards, texts
from handlers.reports.navigation import (
    ask_category,
    ask_description,
    ask_photos,
    ask_place,
)
from handlers.reports.states import ReportForm, draft_from_data

EDIT_STEPS = {
    SummaryAction.EDIT_PLACE: ask_place,
    SummaryAction.EDIT_PHOTOS: ask_photos,
    SummaryAction.EDIT_DESCRIPTION: ask_description,
}


async def _submit(
    message: Message,
    state: FSMContext,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    check_similar: bool,
    answer: CallbackAnswer,
) -> None:
    data = await state.get_data()
    draft = draft_from_data(data)
    if draft is None:
        alert(answer, texts.stale_form())
        return
    if check_similar:
        similar = await similar_open_requests(uow, draft)
        if similar:
            await message.edit_reply_markup(reply_markup=None)
            await message.answer(
                texts.similar_found(similar), reply_markup=keyboards.similar(similar)
            )
            return
    request = await submit_request(uow, clock, user.id, draft)
    # The form's state lives in the same transaction: a crash leaves both or neither.
    await state.clear()
    await uow.commit()
    await message.edit_reply_markup(reply_markup=None)
    assert request.id is not None
    await message.answer(texts.submitted(request), reply_markup=open_request_button(request.id))


def register(router: Router) -> None:
    @router.callback_query(ReportForm.summary, SummaryCb.filter())
    async def summary_action(
        query: CallbackQuery,
        callback_data: SummaryCb,
        state: FSMContext,
        uow: UnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
    ) -> None:
        if not isinstance(query.message, Message):
            return
        action = callback_data.action
        if action is SummaryAction.CANCEL:
            await state.clear()
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(texts.cancelled(), reply_markup=main_menu())
        elif action in (SummaryAction.SUBMIT, SummaryAction.SUBMIT_ANYWAY):
            check = action is SummaryAction.SUBMIT
            await _submit(query.message, state, uow, user, clock, check, callback_answer)
        else:
            await state.update_data(editing=True)
            await query.message.edit_reply_markup(reply_markup=None)
            if action is SummaryAction.EDIT_CATEGORY:
                await ask_category(query.message, state, uow, user)
            else:
                await EDIT_STEPS[action](query.message, state)

    @router.callback_query(ReportForm.summary, JoinCb.filter())
    async def join(
        query: CallbackQuery,
        callback_data: JoinCb,
        state: FSMContext,
        uow: UnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
    ) -> None:
        if not isinstance(query.message, Message):
            return
        try:
            request = await join_request(uow, clock, user.id, callback_data.request_id)
        except DomainError:
            alert(callback_answer, texts.stale_form())
            return
        await state.clear()
        await uow.commit()
        await query.message.edit_reply_markup(reply_markup=None)
        assert request.id is not None
        await query.message.answer(
            texts.joined(request), reply_markup=open_request_button(request.id)
        )

    @router.message(ReportForm.summary)
    async def summary_other(message: Message) -> None:
        await message.answer(texts.summary_hint())

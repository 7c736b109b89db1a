"""The last step: the summary, similar requests nearby, submit or join, edit, cancel."""

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.alerts.crowd_rules import CrowdRules
from domain.clock import Clock
from domain.errors import DomainError
from domain.services.crowd import note_request
from domain.services.my_requests import join_request
from domain.services.reports import similar_open_requests, submit_request
from handlers.menu import main_menu
from handlers.my_requests.keyboards import open_request_button
from handlers.replies import alert, drop_buttons
from handlers.reports import keyboards, texts
from handlers.reports.callbacks import JoinCb, SummaryAction, SummaryCb
from handlers.reports.form import Form
from handlers.reports.navigation import ask_category, ask_description, ask_photos, ask_place
from handlers.reports.states import ReportForm, draft_from_data
from handlers.transaction import commit_before_telling

EDIT_STEPS = {
    SummaryAction.EDIT_CATEGORY: ask_category,
    SummaryAction.EDIT_PLACE: ask_place,
    SummaryAction.EDIT_PHOTOS: ask_photos,
    SummaryAction.EDIT_DESCRIPTION: ask_description,
}


async def _submit(
    message: Message,
    form: Form,
    clock: Clock,
    check_similar: bool,
    answer: CallbackAnswer,
    rules: CrowdRules,
) -> None:
    data = await form.state.get_data()
    draft = draft_from_data(data)
    if draft is None:
        alert(answer, texts.stale_form())
        return
    if check_similar:
        if data.get("similar_shown"):  # «✅ Отправить» pressed twice: the offer is below
            alert(answer, texts.similar_below())
            return
        similar = await similar_open_requests(form.uow, draft)
        if similar:
            await form.state.update_data(similar_shown=True)
            await drop_buttons(message)
            await message.answer(
                texts.similar_found(similar), reply_markup=keyboards.similar(similar)
            )
            return
    request = await submit_request(form.uow, clock, form.user.id, draft)
    # "No water" at an address where no outage is known: one more resident for staff's card.
    declined = data.get("declined_outage_id")
    await note_request(form.uow, clock, rules, form.user.id, request, declined)
    # The form's state lives in the same transaction: a crash leaves both or neither.
    await form.state.clear()
    await commit_before_telling(form.uow)
    await drop_buttons(message)
    assert request.id is not None
    await message.answer(texts.submitted(request), reply_markup=open_request_button(request.id))


async def summary_action(
    query: CallbackQuery,
    callback_data: SummaryCb,
    form: Form,
    clock: Clock,
    crowd_rules: CrowdRules,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    action = callback_data.action
    if action is SummaryAction.CANCEL:
        await form.state.clear()
        await drop_buttons(query.message)
        await query.message.answer(texts.cancelled(), reply_markup=main_menu())
    elif action in (SummaryAction.SUBMIT, SummaryAction.SUBMIT_ANYWAY):
        check = action is SummaryAction.SUBMIT
        await _submit(query.message, form, clock, check, callback_answer, crowd_rules)
    else:
        await form.state.update_data(editing=True)
        await drop_buttons(query.message)
        await EDIT_STEPS[action](query.message, form)


async def join(
    query: CallbackQuery,
    callback_data: JoinCb,
    form: Form,
    clock: Clock,
    crowd_rules: CrowdRules,
    callback_answer: CallbackAnswer,
) -> None:
    if not isinstance(query.message, Message):
        return
    try:
        request = await join_request(form.uow, clock, form.user.id, callback_data.request_id)
    except DomainError:
        alert(callback_answer, texts.stale_form())
        return
    await note_request(form.uow, clock, crowd_rules, form.user.id, request)  # a neighbour too
    await form.state.clear()
    await commit_before_telling(form.uow)
    await drop_buttons(query.message)
    assert request.id is not None
    await query.message.answer(texts.joined(request), reply_markup=open_request_button(request.id))


async def summary_other(message: Message) -> None:
    await message.answer(texts.summary_hint())


def register(router: Router) -> None:
    router.callback_query.register(summary_action, ReportForm.summary, SummaryCb.filter())
    router.callback_query.register(join, ReportForm.summary, JoinCb.filter())
    router.message.register(summary_other, ReportForm.summary)

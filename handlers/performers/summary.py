"""The last step: the summary; send it to staff (or save), change a step, or cancel."""

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.errors import DomainError
from domain.services.performers import submit_profile
from handlers.menu import main_menu
from handlers.performers import keyboards, profile_texts, texts
from handlers.performers.callbacks import ProfileAction, ProfileCb
from handlers.performers.form import Form
from handlers.performers.navigation import (
    Step,
    ask_description,
    ask_equipment,
    ask_genre,
    ask_group,
    ask_links,
    ask_name,
    ask_sound,
)
from handlers.performers.states import PerformerForm
from handlers.replies import alert, drop_buttons
from handlers.transaction import commit_before_telling

EDIT_STEPS: dict[ProfileAction, Step] = {
    ProfileAction.EDIT_NAME: ask_name,
    ProfileAction.EDIT_GENRE: ask_genre,
    ProfileAction.EDIT_GROUP: ask_group,
    ProfileAction.EDIT_SOUND: ask_sound,
    ProfileAction.EDIT_EQUIPMENT: ask_equipment,
    ProfileAction.EDIT_DESCRIPTION: ask_description,
    ProfileAction.EDIT_LINKS: ask_links,
}


async def _submit(message: Message, form: Form, answer: CallbackAnswer) -> None:
    draft = await form.draft()
    if draft is None:
        alert(answer, profile_texts.stale_form())
        return
    try:
        stored = await submit_profile(form.uow, form.clock, draft)
    except DomainError:
        alert(answer, profile_texts.stale_form())
        return
    # The form's state lives in the same transaction: a crash leaves both or neither.
    await form.state.clear()
    await commit_before_telling(form.uow)
    await drop_buttons(message)
    await message.answer(
        profile_texts.submitted(stored), reply_markup=keyboards.profile(stored.status)
    )


async def summary_action(
    query: CallbackQuery, callback_data: ProfileCb, form: Form, callback_answer: CallbackAnswer
) -> None:
    if not isinstance(query.message, Message):
        return
    action = callback_data.action
    if action is ProfileAction.SUBMIT:
        await _submit(query.message, form, callback_answer)
        return
    await drop_buttons(query.message)
    if action is ProfileAction.CANCEL:
        await form.state.clear()
        await query.message.answer(profile_texts.cancelled(), reply_markup=main_menu())
        return
    await form.state.update_data(editing=True)
    await EDIT_STEPS[action](query.message, form)


async def summary_other(message: Message) -> None:
    await message.answer(texts.summary_hint())


def register(router: Router) -> None:
    router.callback_query.register(summary_action, PerformerForm.summary, ProfileCb.filter())
    router.message.register(summary_other, PerformerForm.summary)

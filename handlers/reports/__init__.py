"""Report a problem: the guided form, from the category to a filed request."""

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.i18n import lazy_gettext as __

from handlers import commands
from handlers.menu import MenuAction, MenuCb, main_menu, menu_text
from handlers.reports import details, outage_offer, submit, texts, where
from handlers.reports.form import Form, form_middleware
from handlers.reports.navigation import ask_category
from handlers.reports.states import ReportForm


async def report_command(message: Message, form: Form) -> None:
    await form.state.clear()
    await ask_category(message, form)


async def report_button(query: CallbackQuery, form: Form) -> None:
    if isinstance(query.message, Message):
        await form.state.clear()
        await ask_category(query.message, form)


async def cancel_button(message: Message, form: Form) -> None:
    await form.state.clear()
    await message.answer(texts.cancelled(), reply_markup=ReplyKeyboardRemove())
    await message.answer(menu_text(), reply_markup=main_menu())


def create_router() -> Router:
    router = Router(name="reports")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.middleware(form_middleware())
    router.callback_query.middleware(form_middleware())
    router.message.register(report_command, Command(commands.REPORT.name))
    router.callback_query.register(report_button, MenuCb.filter(F.action == MenuAction.REPORT))
    router.message.register(cancel_button, StateFilter(ReportForm), F.text == __("✖️ Отмена"))
    details.register(router)  # first: a photo is kept at any step, before the steps' hints
    where.register(router)
    submit.register(router)
    outage_offer.register(router)  # "no water" where a known outage covers the address
    return router

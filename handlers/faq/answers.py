"""A free-text question answered from the FAQ; votes; a request started in the right category."""

from collections.abc import Sequence

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.alerts.crowd_rules import CrowdRules
from domain.categories import Category
from domain.clock import Clock
from domain.contacts import Contact, city_hotlines
from domain.faq.library import FaqLibrary
from domain.faq.model import FaqEntry
from domain.services.crowd import note_faq_question
from domain.services.faq import vote
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.common import stale_button_text
from handlers.faq import keyboards, texts
from handlers.faq.callbacks import FaqAction, FaqCb
from handlers.replies import alert, set_buttons, toast
from handlers.reports.form import Form
from handlers.reports.navigation import start_with_category

QUESTION_MAX = 300  # longer text is not a question; matching it all would only cost time


async def category(uow: CityUnitOfWork, code: str | None) -> Category | None:
    """A category still on offer: an entry, a topic or an old button may name a retired one,
    and a request cannot be filed in it."""
    if not code:
        return None
    return next((c for c in await uow.categories.list_active() if c.code == code), None)


async def show_answer(
    chat: Message,
    uow: CityUnitOfWork,
    locale: str,
    entry: FaqEntry,
    contacts: Sequence[Contact],
    others: Sequence[FaqEntry] = (),
    described: str | None = None,  # a category the question itself describes
) -> None:
    """The answer with its votes, a couple of other questions and, where it leads to one,
    a request in the entry's category."""
    by_name = {contact.name_ru: contact for contact in contacts}
    leads_to = await category(uow, entry.category or described)
    await chat.answer(
        texts.answer(entry, locale, by_name),
        reply_markup=keyboards.answer(entry, others, leads_to, locale),
    )


def entry_contacts(entry: FaqEntry, contacts: Sequence[Contact]) -> list[Contact]:
    """The contacts an entry names, in its order (a name no longer listed is skipped)."""
    by_name = {contact.name_ru: contact for contact in contacts}
    return [by_name[name] for name in entry.contacts if name in by_name]


def _still_offered(message: Message, data: str | None) -> bool:
    """A vote counts once: after it the buttons are gone, so a replayed press finds none."""
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    return any(button.callback_data == data for row in rows for button in row)


async def answer_question(
    chat: Message,
    question: str,
    uow: CityUnitOfWork,
    user: User,
    faq: FaqLibrary,
    contacts: Sequence[Contact],
    about: str | None = None,  # the category of the request the text was first meant for
) -> str | None:
    """Free text taken as a question; also for text that first looked like an answer to
    staff (handlers/resident_answers) and turned out not to be one. Returns the id of the
    entry shown, if one was."""
    found = faq.matcher.answer(question[:QUESTION_MAX], user.locale, about)
    others = [hit.entry for hit in found.others]
    if found.best is not None:
        entry = found.best.entry
        await show_answer(chat, uow, user.locale, entry, contacts, others, found.category)
        return entry.id
    described = await category(uow, found.category)
    text = (
        texts.category_offer(described.name(user.locale), bool(others))
        if described is not None
        else texts.nothing_found(bool(others), city_hotlines(contacts), user.locale)
    )
    await chat.answer(text, reply_markup=keyboards.offer(others, described, user.locale))
    return None


async def question(
    message: Message,
    uow: CityUnitOfWork,
    user: User,
    faq: FaqLibrary,
    contacts: list[Contact],
    clock: Clock,
    crowd_rules: CrowdRules,
) -> None:
    assert message.text is not None
    shown = await answer_question(message, message.text, uow, user, faq, contacts)
    if shown is not None:  # "нет воды" asked by someone whose address is known: a signal
        await note_faq_question(uow, clock, crowd_rules, user.id, shown)


async def show(
    query: CallbackQuery,
    callback_data: FaqCb,
    uow: CityUnitOfWork,
    user: User,
    faq: FaqLibrary,
    contacts: list[Contact],
    callback_answer: CallbackAnswer,
) -> None:
    entry = faq.matcher.entry(callback_data.ref)
    if entry is None or not isinstance(query.message, Message):
        alert(callback_answer, texts.entry_gone())
        return
    await show_answer(query.message, uow, user.locale, entry, contacts)


async def voted(
    query: CallbackQuery,
    callback_data: FaqCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    faq: FaqLibrary,
    contacts: list[Contact],
    callback_answer: CallbackAnswer,
) -> None:
    message = query.message
    if not isinstance(message, Message) or not _still_offered(message, query.data):
        alert(callback_answer, texts.already_voted())
        return
    helpful = callback_data.action is FaqAction.HELPFUL
    if not await vote(uow, clock, callback_data.ref, helpful, user.locale):
        alert(callback_answer, texts.entry_gone())
        return
    toast(callback_answer, texts.thanks())
    await set_buttons(message, keyboards.voted(message.reply_markup))
    if not helpful:
        entry = faq.matcher.entry(callback_data.ref)
        leads_to = await category(uow, entry.category if entry else None)
        phones = entry_contacts(entry, contacts) if entry is not None else []
        await message.answer(
            texts.not_helpful(phones, user.locale),
            reply_markup=keyboards.offer((), leads_to, user.locale),
        )


async def thanks_pressed(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    toast(callback_answer, texts.already_voted())


async def report_in_category(
    query: CallbackQuery, callback_data: FaqCb, form: Form, callback_answer: CallbackAnswer
) -> None:
    chosen = await category(form.uow, callback_data.ref)
    if chosen is None or not isinstance(query.message, Message):
        alert(callback_answer, stale_button_text())
        return
    await start_with_category(query.message, form, chosen)


def register(router: Router) -> None:
    router.message.register(
        question, StateFilter(None), F.text, ~F.text.startswith("/"), F.via_bot.is_(None)
    )
    router.callback_query.register(show, FaqCb.filter(F.action == FaqAction.SHOW))
    router.callback_query.register(
        voted, FaqCb.filter(F.action.in_({FaqAction.HELPFUL, FaqAction.UNHELPFUL}))
    )
    router.callback_query.register(thanks_pressed, FaqCb.filter(F.action == FaqAction.VOTED))
    router.callback_query.register(report_in_category, FaqCb.filter(F.action == FaqAction.REPORT))

"""`/faq` in the staff chat: which FAQ answers residents find unhelpful, worst first.

Answers are edited through the admin API; this only shows where to look.
"""

from html import escape

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.faq.feedback import EntryFeedback, worst_first
from domain.faq.library import FaqLibrary
from domain.unit_of_work import CityUnitOfWork
from handlers.common import shorten
from handlers.staff.filters import IsStaff

LINES = 15
QUESTION_TEXT = 80


def feedback_line(faq: FaqLibrary, rated: EntryFeedback, locale: str) -> str:
    entry = faq.matcher.entry(rated.entry_id)
    question = entry.text(locale).question if entry is not None else rated.entry_id
    shown = escape(shorten(question, QUESTION_TEXT))
    votes = f"👍 {rated.helpful} / 👎 {rated.not_helpful}"
    return f"{shown} — {votes} · <code>{escape(rated.entry_id)}</code>"


def feedback_report(faq: FaqLibrary, feedback: dict[str, tuple[int, int]], locale: str) -> str:
    ranked = worst_first(feedback)
    if not ranked:
        return _("Оценок пока нет.")
    lines = [_("<b>Оценки ответов справки</b>, сначала наименее полезные:")]
    lines += [feedback_line(faq, rated, locale) for rated in ranked[:LINES]]
    total = sum(rated.votes for rated in ranked)
    lines += [
        "",
        _("Всего оценок: {total}.").format(total=total),
        _("Ответы правятся через API: <code>PUT /api/v1/faq/{id}</code>."),
    ]
    return "\n".join(lines)


async def faq_command(message: Message, uow: CityUnitOfWork, faq: FaqLibrary, i18n: I18n) -> None:
    locale = i18n.current_locale  # the staff chat's language (the locale middleware)
    await message.reply(feedback_report(faq, await uow.faq.feedback(), locale))


def register(router: Router) -> None:
    router.message.register(faq_command, Command("faq"), IsStaff())

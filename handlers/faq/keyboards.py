"""Keyboards of the FAQ screens, as pure functions of what they show."""

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.categories import Category
from domain.faq.model import FaqEntry
from handlers.common import page_buttons, shorten
from handlers.faq.callbacks import FaqAction, FaqCb
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.menu import MenuAction, MenuCb

QUESTION_LABEL = 60


def _fits(data: FaqCb) -> bool:
    try:
        data.pack()
    except ValueError:  # over Telegram's 64 bytes
        return False
    return True


def _questions(kb: InlineKeyboardBuilder, entries: Sequence[FaqEntry], locale: str) -> int:
    """A button per question; an id too long for a button is left out. Returns the count."""
    count = 0
    for entry in entries:
        data = FaqCb(action=FaqAction.SHOW, ref=entry.id)
        if _fits(data):
            label = shorten(entry.text(locale).question, QUESTION_LABEL)
            kb.button(text=f"❓ {label}", callback_data=data)
            count += 1
    return count


def _report(kb: InlineKeyboardBuilder, category: Category | None, locale: str) -> None:
    if category is None:
        kb.button(text=_("📝 Сообщить о проблеме"), callback_data=MenuCb(action=MenuAction.REPORT))
    else:
        kb.button(
            text=_("📝 Сообщить о проблеме: {category}").format(category=category.name(locale)),
            callback_data=FaqCb(action=FaqAction.REPORT, ref=category.code),
        )


def _contacts(kb: InlineKeyboardBuilder) -> None:
    kb.button(text=_("☎️ Телефоны служб"), callback_data=FaqCb(action=FaqAction.CONTACTS))


def answer(
    entry: FaqEntry, others: Sequence[FaqEntry], category: Category | None, locale: str
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    sizes = []
    helpful = FaqCb(action=FaqAction.HELPFUL, ref=entry.id)
    if _fits(helpful):  # both vote buttons are the same length
        kb.button(text=_("👍 Помогло"), callback_data=helpful)
        kb.button(
            text=_("👎 Не помогло"), callback_data=FaqCb(action=FaqAction.UNHELPFUL, ref=entry.id)
        )
        sizes.append(2)
    _questions(kb, others, locale)
    if category is not None:
        _report(kb, category, locale)
    kb.adjust(*sizes, 1)
    return kb.as_markup()


def offer(
    others: Sequence[FaqEntry], category: Category | None, locale: str
) -> InlineKeyboardMarkup:
    """When no answer fits: a request (in the category the text describes), phones, guesses."""
    kb = InlineKeyboardBuilder()
    _report(kb, category, locale)
    _contacts(kb)
    _questions(kb, others, locale)
    kb.adjust(1)
    return kb.as_markup()


def voted(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup:
    """The answer's buttons after a vote: the two vote buttons become one short thanks."""
    thanks = InlineKeyboardButton(
        text=_("✅ Спасибо за оценку"), callback_data=FaqCb(action=FaqAction.VOTED).pack()
    )
    rows = [
        [thanks] if any(is_vote(button.callback_data) for button in row) else row
        for row in (markup.inline_keyboard if markup else [])
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def is_vote(data: str | None) -> bool:
    if not data or not data.startswith(FaqCb.__prefix__ + FaqCb.__separator__):
        return False
    return FaqCb.unpack(data).action in (FaqAction.HELPFUL, FaqAction.UNHELPFUL)


def info(entries: Sequence[FaqEntry], page: int, pages: int, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    _questions(kb, entries, locale)
    kb.adjust(1)
    kb.attach(page_buttons(page, pages, lambda to: FaqCb(action=FaqAction.PAGE, page=to)))
    tail = InlineKeyboardBuilder()
    _contacts(tail)
    tail.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    tail.adjust(1)
    kb.attach(tail)
    return kb.as_markup()


def contacts_back() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("ℹ️ Справка"), callback_data=MenuCb(action=MenuAction.INFO))
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(2)
    return kb.as_markup()

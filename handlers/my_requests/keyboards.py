"""The buttons of the request list and of a request's card."""

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.categories import Category
from domain.requests import Request, RequestStatus
from handlers.common import day, page_buttons, shorten
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.menu import MenuAction, MenuCb
from handlers.my_requests.callbacks import PageCb, RateCb, RequestAction, RequestCb
from handlers.my_requests.texts import STATUS_MARKS


def open_request_button(request_id: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("Открыть заявку"),
        callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
    )
    kb.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def request_list(
    requests: Sequence[Request],
    categories: dict[str, Category],
    locale: str,
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for request in requests:
        assert request.id is not None
        category = categories.get(request.category)
        name = category.name(locale) if category else request.category
        label = f"{STATUS_MARKS[request.status]} {request.number} · {shorten(name, 24)}"
        kb.button(
            text=f"{label} · {day(request.created_at)}",
            callback_data=RequestCb(action=RequestAction.OPEN, request_id=request.id, page=page),
        )
    kb.adjust(1)
    nav = page_buttons(page, pages, lambda to: PageCb(page=to))
    nav.button(text=_("🏠 В меню"), callback_data=MenuCb(action=MenuAction.HOME))
    kb.attach(nav)
    return kb.as_markup()


def request_card_keyboard(
    request: Request, is_author: bool, page: int, can_reopen: bool = False
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    assert request.id is not None
    sizes: list[int] = []
    if is_author and request.is_open:
        asked = request.status is RequestStatus.NEED_INFO
        label = _("💬 Ответить на вопрос") if asked else _("💬 Комментарий или фото")
        kb.button(text=label, callback_data=_act(RequestAction.COMMENT, request.id, page))
        kb.button(
            text=_("↩️ Отозвать заявку"),
            callback_data=_act(RequestAction.WITHDRAW, request.id, page),
        )
        sizes += [1, 1]
    if is_author and request.status is RequestStatus.RESOLVED:
        for stars in range(1, 6):
            mark = "★" if request.rating is not None and stars <= request.rating else "☆"
            kb.button(
                text=f"{mark}{stars}", callback_data=RateCb(request_id=request.id, stars=stars)
            )
        sizes.append(5)
        if can_reopen:
            kb.button(
                text=_("🔄 Проблема осталась"),
                callback_data=_act(RequestAction.REOPEN, request.id, page),
            )
            sizes.append(1)
    if is_author:  # the author's consent to show their words, at any status (issue 17)
        if request.description_public:
            label = _("🙈 Скрыть описание с публичной страницы")
            action = RequestAction.HIDE_DESCRIPTION
        else:
            label = _("🌐 Показать моё описание на публичной странице")
            action = RequestAction.SHOW_DESCRIPTION
        kb.button(text=label, callback_data=_act(action, request.id, page))
        sizes.append(1)
    kb.button(text=_("📋 К списку"), callback_data=PageCb(page=page))
    kb.adjust(*sizes, 1)
    return kb.as_markup()


def _act(action: RequestAction, request_id: int, page: int) -> RequestCb:
    return RequestCb(action=action, request_id=request_id, page=page)


def withdraw_confirm(request_id: int, page: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("Да, отозвать"),
        callback_data=RequestCb(
            action=RequestAction.WITHDRAW_CONFIRM, request_id=request_id, page=page
        ),
    )
    kb.button(
        text=_("Нет, оставить"),
        callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id, page=page),
    )
    kb.adjust(2)
    return kb.as_markup()


def show_description_confirm(request_id: int, page: int) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text=_("✅ Да, показать описание"),
        callback_data=_act(RequestAction.SHOW_DESCRIPTION_CONFIRM, request_id, page),
    )
    kb.button(text=_("Нет, не надо"), callback_data=_act(RequestAction.OPEN, request_id, page))
    kb.adjust(1)
    return kb.as_markup()

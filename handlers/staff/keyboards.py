"""The staff card's buttons: what can be done next with the request."""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.departments import Department
from domain.requests import Request, RequestStatus
from domain.services.staff_actions import Audience
from handlers.common import shorten
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.staff import photo_texts
from handlers.staff.callbacks import PhotoCb, ReassignCb, StaffAction, StaffCb, TemplateCb


def staff_card(
    request: Request, audience: Audience, public_photos: tuple[int, ...] = ()
) -> InlineKeyboardMarkup | None:
    """None for a closed request: its card keeps the history and loses the buttons.

    The reply button says who reads the reply, and is gone when nobody would
    (`staff_actions.reply_audience`); "ask the author" is gone with the author."""
    if not request.is_open or request.id is None:
        return None
    labels = {
        StaffAction.TAKE: _("🙋 Взять"),
        StaffAction.IN_PROGRESS: _("🛠 В работу"),
        StaffAction.NEED_INFO: _("❓ Уточнить"),
        StaffAction.RESOLVE: _("✅ Решено"),
        StaffAction.REJECT: _("⛔ Отклонить"),
        StaffAction.DUPLICATE: _("🔁 Дубликат"),
        StaffAction.REPLY: _("💬 Ответить жителю"),
        StaffAction.REASSIGN: _("🏢 Передать"),
    }
    if request.assignee_id is not None:  # someone has it (the card says who): a colleague
        del labels[StaffAction.TAKE]  # may still take it over, its taker is told it is theirs
        labels = {StaffAction.TAKE_OVER: _("🔀 Забрать себе"), **labels}
    if request.status is RequestStatus.IN_PROGRESS:
        del labels[StaffAction.IN_PROGRESS]
    if request.status is RequestStatus.NEED_INFO or request.author_id is None:
        del labels[StaffAction.NEED_INFO]  # asked already, or nobody left to answer
    if audience is Audience.FOLLOWERS:
        labels[StaffAction.REPLY] = _("💬 Ответить подписчикам")
    elif audience is Audience.NOBODY:
        del labels[StaffAction.REPLY]
    kb = InlineKeyboardBuilder()
    for action, label in labels.items():
        kb.button(text=label, callback_data=StaffCb(action=action, request_id=request.id))
    kb.adjust(3)
    kb.attach(photo_buttons(request.id, len(request.photos), public_photos))
    return kb.as_markup()


def photo_buttons(
    request_id: int, count: int, public_photos: tuple[int, ...]
) -> InlineKeyboardBuilder:
    """One button a photo (at most 10 by the report's rules), three a row: show it on the
    public pages, or hide it again."""
    kb = InlineKeyboardBuilder()
    for number in range(1, count + 1):
        public = number in public_photos
        label = photo_texts.hide_button(number) if public else photo_texts.show_button(number)
        kb.button(
            text=label,
            callback_data=PhotoCb(request_id=request_id, number=number, public=not public),
        )
    kb.adjust(3)
    return kb


TEMPLATE_BUTTON_TEXT = 40


def template_picker(templates: list[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    """Ready-made answers to pick instead of typing (None when there are none)."""
    if not templates:
        return None
    kb = InlineKeyboardBuilder()
    for template_id, text in templates[:10]:
        label = shorten(text, TEMPLATE_BUTTON_TEXT)
        kb.button(text=label, callback_data=TemplateCb(template_id=template_id))
    kb.adjust(1)
    return kb.as_markup()


def reassign_picker(
    request_id: int,
    departments: list[Department],
    people: list[tuple[int, str]],
    locale: str,
) -> InlineKeyboardMarkup:
    """The departments (the request's own left out) and the staff members to give it to."""
    kb = InlineKeyboardBuilder()
    for department in departments:
        kb.button(
            text="🏢 " + shorten(department.name(locale), TEMPLATE_BUTTON_TEXT),
            callback_data=ReassignCb(request_id=request_id, department=department.code),
        )
    for user_id, name in people:
        kb.button(
            text="🙋 " + shorten(name, TEMPLATE_BUTTON_TEXT),
            callback_data=ReassignCb(request_id=request_id, staff_id=user_id),
        )
    kb.adjust(1)
    return kb.as_markup()

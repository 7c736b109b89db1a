"""What the author reads when a request no longer takes what they did: someone else's
request, a request that moved on since the button or the prompt was shown, text refused."""

import logging
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.errors import (
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotFound,
    ReopenWindowClosed,
)
from domain.requests import format_number
from domain.services.author_steps import MovedOn
from handlers.common import shorten
from handlers.my_requests.texts import status_name

logger = logging.getLogger(__name__)


def not_yours() -> str:
    # One answer for "no such request" and "not yours": other people's numbers reveal nothing.
    return _("Заявка не найдена среди ваших.")


def moved_on_text(error: InvalidTransition, request_id: int) -> str:
    """What changed since the button (or the prompt) was shown; short enough for an alert."""
    number = format_number(request_id)
    if isinstance(error, ReopenWindowClosed):
        return _(
            "Заявка {number} решена больше 14 дней назад — вернуть её в работу уже нельзя. "
            "Если проблема осталась, подайте новую заявку."
        ).format(number=number)
    if isinstance(error, MovedOn):
        status = status_name(error.request.status)
        return _(
            "Заявка {number} уже в статусе «{status}» — эта кнопка больше не действует."
        ).format(number=number, status=status)
    return _("С заявкой {number} так уже нельзя.").format(number=number)


def refusal(error: DomainError) -> str:
    if isinstance(error, NotFound | NotAllowed):
        logger.warning("follow-up refused: %r", error)  # forged or stale: on record
        return not_yours()
    if isinstance(error, InvalidInput):
        return _("Слишком длинно или пусто: до 2000 символов.")
    return _("С этой заявкой так уже нельзя.")


def text_not_added(error: InvalidTransition, request_id: int, typed: str | None) -> str:
    """The request moved on while the prompt was open: say why, and give the text back."""
    text = moved_on_text(error, request_id) + "\n" + _("Ваш текст не добавлен.")
    if typed:
        text += "\n\n" + _("Вы написали:") + "\n" + escape(shorten(typed, 3000))
    return text

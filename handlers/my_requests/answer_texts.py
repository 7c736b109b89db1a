"""What the resident reads when text finds its request by itself: where it went and the
undo's time limit (handlers/my_requests/resident_answers)."""

from aiogram.utils.i18n import gettext as _

from domain.services.resident_answers import UNDO_WINDOW, Addition
from handlers.my_requests.texts import status_label


def went_to(added: Addition, photo: bool) -> str:
    number, status = added.request.number, status_label(added.request.status)
    if added.resumed:
        text = _("Ответ ушёл в заявку {number}. Статус: {status}.")
    elif photo:
        text = _("Фото добавлено в заявку {number}. Статус: {status}.")
    else:
        text = _("Комментарий добавлен в заявку {number}. Статус: {status}.")
    minutes = int(UNDO_WINDOW.total_seconds() // 60)
    hint = _("Не туда? «Отменить» — в течение {minutes} мин.").format(minutes=minutes)
    return text.format(number=number, status=status) + "\n" + hint


def undo_too_late() -> str:
    minutes = int(UNDO_WINDOW.total_seconds() // 60)
    return _(
        "Отменить уже нельзя: {minutes} мин. прошли или после этого добавлено ещё что-то."
    ).format(minutes=minutes)

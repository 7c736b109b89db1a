"""What a performer reads while checking in at the site (handlers/booking/check_in.py)."""

from html import escape

from aiogram.utils.i18n import gettext as _

from domain.booking.check_in import CheckInRefusal, CheckInRefused
from handlers.common import distance_text


def ask_location(site: str, radius_m: int) -> str:
    return _(
        "📍 Отметьтесь на месте: <b>{site}</b>. Лучше всего — трансляцией геопозиции "
        "(📎 → Геопозиция → «Транслировать геопозицию»): как только вы окажетесь в {radius} м "
        "от площадки, отметка появится сама. Или нажмите кнопку внизу."
    ).format(site=escape(site), radius=radius_m)


def checked_in(site: str, distance_m: float) -> str:
    return _(
        "✅ Вы на месте: <b>{site}</b> ({distance} от точки площадки). Вас видно в «Кто "
        "выступает сегодня». Хорошего выступления!"
    ).format(site=escape(site), distance=distance_text(distance_m))


def refused(refusal: CheckInRefused) -> str:
    if refusal.refusal is CheckInRefusal.TOO_FAR and refusal.distance_m is not None:
        return _(
            "📍 До площадки {distance}, а отметиться можно в {radius} м от неё. Подойдите "
            "ближе: трансляция обновится сама, или отправьте геопозицию ещё раз."
        ).format(distance=distance_text(refusal.distance_m), radius=refusal.radius_m)
    texts = {
        CheckInRefusal.TOO_EARLY: _(
            "Отметиться можно за 15 минут до начала слота. Загляните в «Мои брони» чуть позже."
        ),
        CheckInRefusal.TOO_LATE: _("Время отметки для этой брони прошло."),
        CheckInRefusal.NOT_CONFIRMED: _("Эта бронь не подтверждена: отмечаться не нужно."),
        CheckInRefusal.NO_SITE_POINT: _(
            "У этой площадки нет точки на карте, отметка по геопозиции невозможна. "
            "Сотрудники отметят вас сами."
        ),
    }
    return texts[refusal.refusal]


def keeps_waiting() -> str:
    return _("Жду геопозицию: кнопка «📍 Отправить геопозицию» внизу или «✖️ Отмена».")


def cancelled() -> str:
    return _("Отметка отменена. Вернуться к ней можно из «Мои брони».")


def gone() -> str:
    return _("Эту бронь уже нельзя отметить: откройте «Мои брони» заново.")

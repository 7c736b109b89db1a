"""The public page's words, through the bot's catalogues (Russian first, Tatar, English).

Called inside `i18n.use_locale(...)`; the status names and a few history lines are the
same messages the resident reads in the bot, so they read alike in both places."""

from aiogram.utils.i18n import gettext as _

from domain.history import EventKind, RequestEvent, is_reopen
from handlers.menu import LANGUAGE_NAMES

LANGUAGES = LANGUAGE_NAMES  # each in its own language, as in the bot's language picker


def page_title() -> str:
    return _("Заявки жителей Казани")


def intro() -> str:
    return _(
        "Что жители сообщили городу и как город отвечает. Имён, телефонов, текстов жителей "
        "и номеров домов здесь нет; фото — только те, что город открыл для всех."
    )


def labels() -> dict[str, str]:
    return {
        "district": _("Район"),
        "category": _("Категория"),
        "status": _("Статус"),
        "all": _("все"),
        "open": _("открытые"),
        "show": _("Показать"),
        "map": _("Открытые заявки по районам"),
        "by_category": _("По категориям"),
        "by_district": _("По районам"),
        "on_time": _("Решено в срок, по службам"),
        "department": _("Служба"),
        "resolved": _("Решено"),
        "share": _("В срок"),
        "no_department": _("служба не назначена"),
        "no_district": _("вне районов"),
        "median": _("Медиана времени до первого ответа города"),
        "nothing": _("пока нет данных"),
        "newest": _("Последние заявки"),
        "number": _("Номер"),
        "street": _("Улица"),
        "filed": _("Подана"),
        "updated": _("Обновлена"),
        "older": _("Ранее поданные"),
        "no_requests": _("Заявок с такими условиями нет."),
        "total": _("Всего заявок с этими условиями: {count}"),
        "history": _("История"),
        "photos": _("Фото, открытые городом"),
        "description": _("Описание от жителя (опубликовано с его согласия)"),
        "deadline": _("Срок ответа: до {date}"),
        "back": _("Все заявки города"),
        "osm": _("Границы районов © участники OpenStreetMap, ODbL 1.0"),
    }


def photo_alt(number: int) -> str:
    return _("Фото {number}").format(number=number)


def duration(minutes: int) -> str:
    if minutes < 60:
        return _("{minutes} мин").format(minutes=minutes)
    if minutes < 24 * 60:
        return _("{hours} ч {minutes} мин").format(hours=minutes // 60, minutes=minutes % 60)
    return _("{days} дн {hours} ч").format(days=minutes // 1440, hours=minutes % 1440 // 60)


def not_found(number: str) -> str:
    return _("Заявки {number} нет.").format(number=number)


def bad_number() -> str:
    return _("Это не номер заявки. Номер выглядит так: KZN-000123.")


def bad_filter() -> str:
    return _("Такого значения фильтра нет. Выберите его из списка.")


def event_text(event: RequestEvent) -> str:
    """A line of the official history (official_history already dropped the rest); `{at}`,
    `{status}` and `{text}` are filled by the caller, escaped."""
    if is_reopen(event):
        return _("{at} — открыта повторно")
    if event.kind is EventKind.STATUS_CHANGED:
        return _("{at} — статус: {status}. {text}") if event.text else _("{at} — статус: {status}")
    lines = {
        EventKind.CREATED: _("{at} — заявка подана"),
        EventKind.TAKEN: _("{at} — заявку взял в работу сотрудник города"),
        EventKind.QUESTION: _("{at} — город попросил автора уточнить детали"),
        EventKind.ANSWER: _("{at} — ответ города: {text}"),
    }
    return lines.get(event.kind, "{at}")

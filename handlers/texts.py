"""Shared texts and formatting: statuses, dates, the request card. Every string via gettext."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.categories import Category
from domain.clock import to_city_time
from domain.history import EventKind, RequestEvent
from domain.requests import Place, Request, RequestStatus

STATUS_MARKS = {
    RequestStatus.NEW: "🆕",
    RequestStatus.IN_PROGRESS: "🛠",
    RequestStatus.NEED_INFO: "❓",
    RequestStatus.RESOLVED: "✅",
    RequestStatus.REJECTED: "⛔",
    RequestStatus.DUPLICATE: "🔁",
    RequestStatus.WITHDRAWN: "↩️",
}
MESSAGE_LIMIT = 4096


def menu_text() -> str:
    return _("Главное меню. Что сделаем?")


def status_name(status: RequestStatus) -> str:
    names = {
        RequestStatus.NEW: _("новая"),
        RequestStatus.IN_PROGRESS: _("в работе"),
        RequestStatus.NEED_INFO: _("нужны уточнения"),
        RequestStatus.RESOLVED: _("решена"),
        RequestStatus.REJECTED: _("отклонена"),
        RequestStatus.DUPLICATE: _("дубликат"),
        RequestStatus.WITHDRAWN: _("отозвана автором"),
    }
    return names[status]


def status_label(status: RequestStatus) -> str:
    return f"{STATUS_MARKS[status]} {status_name(status)}"


def when(at: datetime) -> str:
    return to_city_time(at).strftime("%d.%m.%Y %H:%M")


def day(at: datetime) -> str:
    return to_city_time(at).strftime("%d.%m.%Y")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def place_text(place: Place) -> str:
    """A street address as matched, or a shared point (its label is just coordinates)."""
    if place.street_id is None and place.lat is not None and place.lon is not None:
        return _("точка на карте {lat:.5f}, {lon:.5f}").format(lat=place.lat, lon=place.lon)
    return place.label


def event_line(event: RequestEvent) -> str:
    stamp = when(event.at)
    if event.kind is EventKind.CREATED:
        return _("{at} — заявка подана").format(at=stamp)
    if event.kind is EventKind.STATUS_CHANGED and event.to_status is not None:
        return _("{at} — статус: {status}").format(at=stamp, status=status_name(event.to_status))
    if event.kind is EventKind.ANSWER:
        return _("{at} — ответ города: {text}").format(at=stamp, text=escape(event.text or ""))
    if event.kind is EventKind.COMMENT:
        return _("{at} — комментарий: {text}").format(at=stamp, text=escape(event.text or ""))
    if event.kind is EventKind.PHOTO_ADDED:
        return _("{at} — добавлено фото").format(at=stamp)
    return _("{at} — к заявке присоединился ещё один житель").format(at=stamp)


def request_card(
    request: Request,
    category: Category | None,
    history: list[RequestEvent],
    locale: str,
    now: datetime,
    district: str | None,
) -> str:
    lines = [
        _("<b>Заявка {number}</b>").format(number=request.number),
        _("Статус: {status}").format(status=status_label(request.status)),
        _("Категория: {category}").format(
            category=escape(category.name(locale) if category else request.category)
        ),
        _("Адрес: {place}").format(place=escape(place_text(request.place))),
    ]
    if district:
        lines.append(_("Район: {district}").format(district=escape(district)))
    deadline = _("Срок ответа: до {date}").format(date=day(request.deadline_at))
    if request.is_overdue(now):
        deadline += " " + _("— <b>просрочено</b>")
    lines.append(deadline)
    if request.photos:
        lines.append(_("Фото: {count}").format(count=len(request.photos)))
    head = "\n".join(lines)
    description = escape(shorten(request.description, 1500))
    timeline = "\n".join(event_line(e) for e in history)
    history_title = _("История")
    text = f"{head}\n\n{description}\n\n<b>{history_title}</b>\n{timeline}"
    if len(text) > MESSAGE_LIMIT:
        # Keep the newest events: they are what the resident opened the card for.
        keep = "\n".join(event_line(e) for e in history[-10:])
        text = f"{head}\n\n{escape(shorten(request.description, 500))}\n\n…\n{keep}"
    return text

"""What a resident reads about a request: its status, its timeline and its card."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.address.english import english_label
from domain.categories import Category
from domain.history import EventKind, RequestEvent, is_reopen, reopened
from domain.requests import Place, Request, RequestStatus
from handlers.common import MESSAGE_LIMIT, shorten, when
from handlers.my_requests.deadline_texts import resident_deadline, staff_deadline

STATUS_MARKS = {
    RequestStatus.NEW: "🆕",
    RequestStatus.IN_PROGRESS: "🛠",
    RequestStatus.NEED_INFO: "❓",
    RequestStatus.RESOLVED: "✅",
    RequestStatus.REJECTED: "⛔",
    RequestStatus.DUPLICATE: "🔁",
    RequestStatus.WITHDRAWN: "↩️",
}


EVENT_TEXT_IN_LONG_CARD = 300  # a card too long for Telegram shortens what people wrote


FOOTER_ROOM = 300  # the staff card adds a map link and a date under the resident's card


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


REOPENED_MARK = "🔄"


def request_status_label(request: Request, history: list[RequestEvent]) -> str:
    """The status as people should read it: a reopened request is not simply «new»."""
    if reopened(request.status, history):
        name = _("открыта повторно")
        return f"{REOPENED_MARK} {name}"
    return status_label(request.status)


def place_text(place: Place) -> str:
    """A street address as matched, or a shared point (its label is just coordinates).

    The label is kept in Russian (staff and the city read it); an English reader gets the
    street in Latin with the Russian beside it."""
    if place.street_id is None and place.lat is not None and place.lon is not None:
        return _("точка на карте {lat:.5f}, {lon:.5f}").format(lat=place.lat, lon=place.lon)
    if get_i18n().current_locale == "en":
        return english_label(place.label)
    return place.label


def event_line(event: RequestEvent, limit: int | None = None) -> str:
    """One line of the timeline; a status change that came with the event is named too.

    `limit` shortens the words a person wrote (a long card keeps more events that way)."""
    status = status_name(event.to_status) if event.to_status is not None else ""
    said = event.text or ""
    said = shorten(said, limit) if limit is not None else said
    line = _event_text(event).format(at=when(event.at), text=escape(said), status=status)
    moved = event.to_status is not None and event.to_status != event.from_status
    if moved and event.kind not in (EventKind.STATUS_CHANGED, EventKind.CREATED):
        line += " " + _("(статус: {status})").format(status=status)
    return line


def _event_text(event: RequestEvent) -> str:
    if is_reopen(event):
        return _("{at} — открыта повторно: {text}") if event.text else _("{at} — открыта повторно")
    if event.kind is EventKind.STATUS_CHANGED and event.to_status is not None:
        if event.text:
            return _("{at} — статус: {status}. {text}")
        return _("{at} — статус: {status}")
    if (addition := _addition_text(event)) is not None:
        return addition
    texts = {
        EventKind.CREATED: _("{at} — заявка подана"),
        EventKind.TAKEN: _("{at} — заявку взял в работу сотрудник города"),
        EventKind.QUESTION: _("{at} — вопрос от города: {text}"),
        EventKind.ANSWER: _("{at} — ответ города: {text}"),
        EventKind.COMMENT: _("{at} — комментарий автора: {text}"),
        EventKind.PHOTO_ADDED: _("{at} — добавлено фото"),
        EventKind.RATED: _("{at} — оценка решения: {text} из 5"),
        EventKind.AUTHOR_LEFT: _("{at} — автор удалил аккаунт"),
        EventKind.REASSIGNED: _("{at} — заявка передана другому подразделению")
        if (event.text or "").startswith("department:")
        else _("{at} — заявку передали другому сотруднику города"),
    }
    return texts.get(event.kind, _("{at} — к заявке присоединился ещё один житель"))


def _addition_text(event: RequestEvent) -> str | None:
    """A photo with its caption, and the author taking back a comment or a photo."""
    if event.kind is EventKind.PHOTO_ADDED and event.text:
        return _("{at} — добавлено фото с подписью: {text}")
    if event.kind is EventKind.ADDITION_WITHDRAWN:
        if event.text:
            return _("{at} — автор отозвал свой комментарий: {text}")
        return _("{at} — автор отозвал добавленное фото")
    return None


def request_card(
    request: Request,
    category: Category | None,
    history: list[RequestEvent],
    locale: str,
    now: datetime,
    district: str | None,
    *,
    for_staff: bool = False,
) -> str:
    lines = [
        _("<b>Заявка {number}</b>").format(number=request.number),
        _("Статус: {status}").format(status=request_status_label(request, history)),
        _("Категория: {category}").format(
            category=escape(category.name(locale) if category else request.category)
        ),
        _("Адрес: {place}").format(place=escape(place_text(request.place))),
    ]
    if district:
        lines.append(_("Район: {district}").format(district=escape(district)))
    lines.append(staff_deadline(request, now) if for_staff else resident_deadline(request, now))
    if request.photos:
        lines.append(_("Фото: {count}").format(count=len(request.photos)))
    head = "\n".join(lines)
    description = escape(shorten(request.description, 1500))
    timeline = "\n".join(event_line(e) for e in history)
    history_title = _("История")
    text = f"{head}\n\n{description}\n\n<b>{history_title}</b>\n{timeline}"
    if len(text) > MESSAGE_LIMIT - FOOTER_ROOM:
        # Keep the newest events: they are what the resident opened the card for.
        short = f"{head}\n\n{escape(shorten(request.description, 500))}\n\n…"
        text = short + _newest_lines(history[-10:], MESSAGE_LIMIT - FOOTER_ROOM - len(short))
    return text


def _newest_lines(history: list[RequestEvent], room: int) -> str:
    """The newest events, each person's words shortened, as many as fit in `room` characters
    (escaping may lengthen a text fivefold, so each line is measured as it will be sent)."""
    kept: list[str] = []
    for event in reversed(history):
        line = "\n" + event_line(event, EVENT_TEXT_IN_LONG_CARD)
        if len(line) > room:
            break
        kept.append(line)
        room -= len(line)
    return "".join(reversed(kept))


def public_page_line(url: str, number: str) -> str:
    """The link to the request's public page (no name, phone or words of the author)."""
    link = f'<a href="{escape(url)}">{escape(number)}</a>'
    return _("Страница заявки для всех: {link}").format(link=link)


def description_shown_line() -> str:
    """On the author's card while they agree to show their description (issue 17)."""
    return _("🌐 Ваше описание видно на публичной странице заявки.")

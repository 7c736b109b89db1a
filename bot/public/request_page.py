"""A request's public page: its status, where (street, no house), the author's description
while they agree to show it, and the official history."""

from aiogram.utils.i18n import gettext as _

from bot.public.city_page import CITY_PATH
from bot.public.html import esc, href
from bot.public.texts import event_text, labels, photo_alt
from domain.categories import Category
from domain.history import EventKind, RequestEvent
from domain.public_page import PublicRequest, photo_path
from domain.requests import format_number
from handlers.common import day, when
from handlers.my_requests.texts import status_name


def request_body(
    locale: str, request: PublicRequest, category: Category | None, district: str | None
) -> str:
    words = labels()
    number = format_number(request.id)
    facts = [
        (words["status"], status_name(request.status)),
        (words["category"], category.name(locale) if category else request.category),
        (words["street"], request.street or "—"),
        (words["district"], district or "—"),
        (words["filed"], day(request.created_at)),
        (words["updated"], day(request.updated_at)),
    ]
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
    deadline = words["deadline"].format(date=day(request.deadline_at))
    history = "".join(f"<li>{_event_line(event)}</li>" for event in request.history)
    back = href(CITY_PATH, lang=locale)
    return (
        f"<h1>{esc(number)}</h1><table>{rows}</table><p>{esc(deadline)}</p>"
        f"{_description(request.description)}{_photos(request.id, request.photos)}"
        f"<h2>{esc(words['history'])}</h2><ol>{history}</ol>"
        f'<p><a href="{back}">{esc(words["back"])}</a></p>'
    )


def _description(text: str | None) -> str:
    """The author's words (None: not agreed, no section), escaped line by line."""
    if not text:
        return ""
    lines = "<br>".join(esc(line) for line in text.splitlines())
    return f"<h2>{esc(labels()['description'])}</h2><blockquote>{lines}</blockquote>"


def _photos(request_id: int, photos: tuple[int, ...]) -> str:
    """The photos staff made public (none: no section). Loaded by the browser on their own
    address: the page renders whether Telegram answers or not."""
    if not photos:
        return ""
    images = "".join(
        f'<a href="{esc(photo_path(request_id, n))}">'
        f'<img src="{esc(photo_path(request_id, n))}" alt="{esc(photo_alt(n))}" '
        'loading="lazy"></a>'
        for n in photos
    )
    return f'<h2>{esc(labels()["photos"])}</h2><p class="photos">{images}</p>'


def _event_line(event: RequestEvent) -> str:
    status = status_name(event.to_status) if event.to_status is not None else ""
    line = event_text(event).format(
        at=esc(when(event.at)), status=esc(status), text=esc(event.text or "")
    )
    moved = event.to_status is not None and event.to_status != event.from_status
    if moved and event.kind not in (EventKind.STATUS_CHANGED, EventKind.CREATED):
        line += " " + esc(_("(статус: {status})").format(status=status))
    return line

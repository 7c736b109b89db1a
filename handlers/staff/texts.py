"""Texts of the staff chat: the card, the escalation, the overdue list."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.categories import Category
from domain.clock import CITY_TZ
from domain.history import RequestEvent
from domain.requests import Request
from handlers.texts import day, place_text, request_card, when

MAP_LINK = "https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17&l=map"


def staff_card(
    request: Request,
    category: Category | None,
    history: list[RequestEvent],
    locale: str,
    now: datetime,
    district: str | None,
    *,
    phone: str | None,  # the author's, when shared with consent (domain.account.author_phone)
) -> str:
    text = request_card(request, category, history, locale, now, district)
    lines = [""]
    place = request.place
    if place.lat is not None and place.lon is not None:
        link = MAP_LINK.format(lat=place.lat, lon=place.lon)
        lines.append(_('<a href="{link}">Карта</a>').format(link=escape(link)))
    lines.append(_("Подана: {at}").format(at=when(request.created_at)))
    if request.author_id is None:
        lines.append(_("👤 Житель удалил аккаунт"))
    elif phone:
        lines.append(f"📞 {escape(phone)}")  # Telegram makes a number in text tap-to-call
    return text + "\n".join(lines)


def escalation(request: Request, category: Category | None, locale: str) -> str:
    name = category.name(locale) if category else request.category
    return _(
        "⏰ Заявку {number} ({category}, {place}) никто не взял за отведённое время. "
        "Откройте её: /find {number}"
    ).format(number=request.number, category=escape(name), place=escape(place_text(request.place)))


def overdue_list(requests: list[Request], now: datetime, title: str) -> str:
    if not requests:
        return _("Просроченных заявок нет.")
    today = now.astimezone(CITY_TZ).date()
    lines = [f"<b>{escape(title)}</b>"]
    for request in requests:
        late = (today - request.deadline_at.astimezone(CITY_TZ).date()).days
        mark = "🔴" if request.is_overdue(now) else "🟡"
        line = _("{mark} {number} — срок {date}").format(
            mark=mark, number=request.number, date=day(request.deadline_at)
        )
        if late > 0:
            line += " " + ngettext(
                "(просрочено на {days} день)", "(просрочено на {days} дней)", late
            ).format(days=late)
        lines.append(line)
    return "\n".join(lines)

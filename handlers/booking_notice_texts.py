"""Texts about one booking: what the performer is told, the staff card, the slot's when/where.

Every name a person typed (stage name, place, staff's reason) is escaped here, once.
"""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.notices import BookingNews
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import to_city_time
from handlers.common import day
from handlers.performers.labels import profile_lines
from handlers.staff.texts import MAP_LINK


def hhmm(at: datetime) -> str:
    return to_city_time(at).strftime("%H:%M")


def slot_when(booking: Booking) -> str:
    """The slot as "05.12.2026 12:00–14:00", in city time."""
    return f"{day(booking.starts_at)} {hhmm(booking.starts_at)}–{hhmm(booking.ends_at)}"


def map_link(site: Site) -> str | None:
    if site.lat is None or site.lon is None:
        return None
    link = MAP_LINK.format(lat=site.lat, lon=site.lon)
    return _('<a href="{link}">Точка на карте</a>').format(link=escape(link))


def where_lines(site: Site) -> list[str]:
    """The exact place and, when the site has coordinates, its map point."""
    lines = [_("📍 {place}").format(place=escape(site.place))] if site.place else []
    link = map_link(site)
    return [*lines, link] if link else lines


def performer_notice(
    news: BookingNews, booking: Booking, site: Site, performer: Performer, locale: str
) -> str:
    """The performer's message about `news`; the place and map where they help to get there."""
    values = {"site": escape(site.name(locale)), "when": slot_when(booking)}
    if news is BookingNews.DECLINED:
        values["reason"] = escape(booking.reason or "—")
    if news is BookingNews.OFFERED and booking.offer_expires_at is not None:
        values["deadline"] = hhmm(booking.offer_expires_at)
    if news in (BookingNews.REMINDER_DAY, BookingNews.REMINDER_HOUR):
        values["time"] = hhmm(booking.starts_at)
    if news is BookingNews.SUSPENDED and performer.suspended_until is not None:
        values["until"] = day(performer.suspended_until)
    lines = [_headline(news).format(**values)]
    if news in _WITH_PLACE:
        lines += where_lines(site)
    return "\n".join(lines)


_WITH_PLACE = frozenset(
    {
        BookingNews.CONFIRMED,
        BookingNews.APPROVED,
        BookingNews.OFFERED,
        BookingNews.REMINDER_DAY,
        BookingNews.REMINDER_HOUR,
    }
)


def _headline(news: BookingNews) -> str:
    texts = {
        BookingNews.CONFIRMED: _("✅ Бронь подтверждена: <b>{site}</b>, {when}"),
        BookingNews.PENDING: _(
            "⏳ Бронь отправлена на проверку: <b>{site}</b>, {when}. "
            "Сообщим, как только сотрудники решат."
        ),
        BookingNews.APPROVED: _("✅ Сотрудники подтвердили бронь: <b>{site}</b>, {when}"),
        BookingNews.DECLINED: _("❌ Бронь отклонена: <b>{site}</b>, {when}.\nПричина: {reason}"),
        BookingNews.CANCELLED: _("↩️ Бронь отменена: <b>{site}</b>, {when}. Слот свободен."),
        BookingNews.OFFERED: _(
            "🎉 Освободился слот: <b>{site}</b>, {when}. Он ваш, если подтвердите до {deadline}."
        ),
        BookingNews.OFFER_LAPSED: _(
            "⌛ Время на подтверждение вышло: слот <b>{site}</b>, {when} "
            "предложен следующему в очереди."
        ),
        BookingNews.REMINDER_DAY: _("🔔 Завтра в {time} выступление: <b>{site}</b>, {when}"),
        BookingNews.REMINDER_HOUR: _("🔔 Через час, в {time}, выступление: <b>{site}</b>"),
        BookingNews.NO_SHOW: _(
            "🚫 Сотрудники отметили неявку: <b>{site}</b>, {when}. Если не получается прийти, "
            "отменяйте бронь заранее: повторные неявки приостанавливают бронирование."
        ),
        BookingNews.SUSPENDED: _(
            "⛔ Бронирование приостановлено до {until} из-за повторных неявок."
        ),
    }
    return texts[news]


def offer_buttons() -> tuple[str, str]:
    return _("✅ Беру слот"), _("Не смогу")


def status_label(booking: Booking) -> str:
    labels = {
        BookingStatus.PENDING: _("⏳ ждёт решения"),
        BookingStatus.CONFIRMED: _("✅ подтверждена"),
        BookingStatus.OFFERED: _("🎉 предложена из очереди"),
        BookingStatus.DECLINED: _("❌ отклонена"),
        BookingStatus.CANCELLED: _("↩️ отменена исполнителем"),
        BookingStatus.EXPIRED: _("⌛ не подтверждена вовремя"),
        BookingStatus.NO_SHOW: _("🚫 неявка"),
    }
    if booking.status is BookingStatus.DECLINED and booking.reason:
        return _("❌ отклонена: {reason}").format(reason=escape(booking.reason))
    return labels[booking.status]


def staff_card(booking: Booking, site: Site, performer: Performer, decided_by: str = "") -> str:
    """The staff chat's card of a booking (in the staff chat's language): the act as in its
    profile, so staff judge whether it fits the site without opening anything else."""
    lines = [
        _("🎭 <b>Бронь площадки</b>"),
        _("Площадка: {site}").format(site=escape(site.name(get_i18n().current_locale))),
        _("Когда: {when}").format(when=slot_when(booking)),
        "",
        *profile_lines(performer),
        "",
        _("Статус: {status}").format(status=status_label(booking)),
    ]
    if decided_by:
        lines.append(_("Решение принял(а): {name}").format(name=escape(decided_by)))
    return "\n".join(lines)


def staff_card_erased(site: Site, starts_at: datetime, ends_at: datetime) -> str:
    """The card of a booking whose performer deleted their account: nothing of the person
    is left on it, only that the slot is free again."""
    when = f"{day(starts_at)} {hhmm(starts_at)}–{hhmm(ends_at)}"
    return "\n".join(
        [
            _("🎭 <b>Бронь площадки</b>"),
            _("Площадка: {site}").format(site=escape(site.name(get_i18n().current_locale))),
            _("Когда: {when}").format(when=when),
            "",
            _("Статус: ↩️ снята — исполнитель удалил аккаунт, слот свободен"),
        ]
    )


def staff_refusal(booking: Booking | None) -> str:
    """Why a card's decision button does nothing now: what really happened (a pop-up, so
    plain text; short, as Telegram keeps 200 characters of it)."""
    if booking is None:
        return _("Этой брони больше нет: исполнитель удалил аккаунт.")
    if booking.status is BookingStatus.CANCELLED:
        return _("Исполнитель сам отменил эту бронь — решение не нужно, слот свободен.")
    if booking.status is BookingStatus.CONFIRMED:
        return _("С этой бронью так уже нельзя: решение уже принято — бронь подтверждена.")
    if booking.status is BookingStatus.DECLINED:
        return _("С этой бронью так уже нельзя: решение уже принято — бронь отклонена.")
    if booking.status is BookingStatus.NO_SHOW:
        return _("С этой бронью так уже нельзя: по ней отмечена неявка.")
    return _("С этой бронью так уже нельзя: она уже не ждёт решения.")

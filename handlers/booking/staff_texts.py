"""The staff chat's texts of one booking: its card, its status, why a button does nothing now.
Every name a person typed (stage name, place, staff's reason) is escaped here, once."""

from datetime import datetime
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.performers import Performer
from domain.booking.sites import Site
from handlers.booking.texts import slot_time, slot_when
from handlers.common import day
from handlers.performers.labels import profile_lines


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
    if booking.status is BookingStatus.CONFIRMED and booking.checked_in_at is not None:
        return _("📍 на месте")
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
    when = f"{day(starts_at)} {slot_time(starts_at, ends_at)}"
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

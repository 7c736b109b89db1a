"""Texts of "My bookings": upcoming, past, the waiting lists, and the questions before a
cancellation."""

from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape

from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking, BookingStatus
from domain.clock import to_city_time
from handlers.booking.texts import day_label, slot_time, time_in_city

SiteName = Callable[[int], str]  # a site id → its name in the person's language (unescaped)


def day_and_slot(starts_at: datetime, ends_at: datetime) -> str:
    return f"{day_label(to_city_time(starts_at).date())}, {slot_time(starts_at, ends_at)}"


def upcoming_status(booking: Booking) -> str:
    if booking.status is BookingStatus.OFFERED and booking.offer_expires_at is not None:
        return _("🎁 предложена вам — ответьте до {time}").format(
            time=time_in_city(booking.offer_expires_at)
        )
    if booking.status is BookingStatus.PENDING:
        return _("🕓 на проверке")
    if booking.checked_in_at is not None:
        return _("📍 вы на месте")
    return _("✅ подтверждена")


def past_status(booking: Booking) -> str:
    if booking.status is BookingStatus.DECLINED:
        return _("отклонена: {reason}").format(reason=escape(booking.reason or "—"))
    names = {
        BookingStatus.CONFIRMED: _("выступили"),
        BookingStatus.CANCELLED: _("отменена"),
        BookingStatus.EXPIRED: _("предложение не принято"),
        BookingStatus.NO_SHOW: _("неявка"),
        BookingStatus.PENDING: _("не рассмотрена"),
        BookingStatus.OFFERED: _("предложение не принято"),
    }
    return names[booking.status]


def mine(
    upcoming: Sequence[Booking],
    past: Sequence[Booking],
    waits: Sequence[tuple[int, datetime, datetime]],
    site_name: SiteName,
    called_off: Sequence[Booking] = (),
) -> str:
    """`called_off`: bookings of slots still ahead that will not take place (cancelled,
    declined, an offer not taken): listed as such, not among the past ones."""
    lines = [_("<b>Мои брони</b>")]
    if upcoming:
        for n, booking in enumerate(upcoming, 1):
            place = escape(site_name(booking.site_id))
            at = day_and_slot(booking.starts_at, booking.ends_at)
            lines.append(f"{n}. {place} — {at} — {upcoming_status(booking)}")
    else:
        lines.append(_("Предстоящих броней нет."))
    if waits:
        lines += ["", _("<b>Листы ожидания</b> (предложим слот, если его освободят):")]
        lines += [f"• {escape(site_name(s))} — {day_and_slot(at, end)}" for s, at, end in waits]
    if called_off:
        lines += ["", _("<b>Отменённые</b>")]
        for booking in called_off:
            place = escape(site_name(booking.site_id))
            at = day_and_slot(booking.starts_at, booking.ends_at)
            lines.append(f"• {place} — {at} — {past_status(booking)}")
    if past:
        lines += ["", _("<b>Прошедшие</b>")]
        for booking in past:
            place = escape(site_name(booking.site_id))
            at = day_and_slot(booking.starts_at, booking.ends_at)
            lines.append(f"• {place} — {at} — {past_status(booking)}")
    return "\n".join(lines)


def ask_cancel(site: str, booking: Booking) -> str:
    return _(
        "Отменить бронь: {site}, {when}?\nСлот освободится и перейдёт первому в листе ожидания."
    ).format(site=escape(site), when=day_and_slot(booking.starts_at, booking.ends_at))


def ask_decline(site: str, booking: Booking) -> str:
    return _(
        "Отказаться от предложенного слота: {site}, {when}?\nЕго предложат следующему в очереди."
    ).format(site=escape(site), when=day_and_slot(booking.starts_at, booking.ends_at))


def cancelled() -> str:
    return _("Бронь отменена.")


def declined() -> str:
    return _("Вы отказались; слот предложен следующему в очереди.")


def accepted(site: str, booking: Booking, where: Sequence[str] = ()) -> str:
    """The one confirmation of a taken offer (no notice follows); `where`: the place and
    its map point, for a confirmed one."""
    if booking.status is BookingStatus.PENDING:
        text = _("📨 Слот ваш, бронь отправлена на проверку: {site}, {when}.")
        where = ()
    else:
        text = _("✅ Слот ваш, бронь подтверждена: {site}, {when}.")
    head = text.format(site=escape(site), when=day_and_slot(booking.starts_at, booking.ends_at))
    return "\n".join([head, *where])


def left() -> str:
    return _("Вы вышли из листа ожидания.")


def no_longer_active() -> str:
    return _("Эта бронь уже не действует — вот список на сейчас.")


def moved_on(booking: Booking | None, now: datetime) -> str:
    """What became of a booking whose button is pressed too late (a short pop-up)."""
    if booking is None:
        return _("Такой брони у вас нет — возможно, кнопка устарела. Ничего не изменилось.")
    if booking.ends_at <= now:
        return _("Этот слот уже прошёл — кнопка больше не действует.")
    gone = _("Предложение уже не действует: время на ответ вышло или вы отказались.")
    if booking.offer_expires_at is not None and booking.offer_expires_at <= now:
        return gone  # an offer past its time, before the job has passed it on
    texts = {
        BookingStatus.CANCELLED: _("Эта бронь уже отменена — кнопка больше не действует."),
        BookingStatus.DECLINED: _("Эту бронь отклонили сотрудники — причина в списке броней."),
        BookingStatus.NO_SHOW: _("По этой брони отмечена неявка."),
        BookingStatus.CONFIRMED: _("Эта бронь уже подтверждена."),
        BookingStatus.PENDING: _("Слот уже ваш: бронь ждёт решения сотрудников."),
        BookingStatus.OFFERED: _("Слот всё ещё предложен вам — ответьте в списке броней."),
        BookingStatus.EXPIRED: gone,
    }
    return texts[booking.status]

"""Texts of the calendar, a day's slots, the confirm screen and the booking's outcome."""

from collections.abc import Sequence
from datetime import date
from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from domain.booking.bookings import Booking, BookingPolicy, BookingStatus
from domain.booking.sites import Slot
from handlers.booking.texts import day_label, duration, slot_time


def calendar(site_name: str, any_free: bool, horizon_days: int) -> str:
    if not any_free:
        return ngettext(
            "<b>{site}</b>\nНа сегодня и {days} день вперёд свободных слотов нет. "
            "Загляните позже или выберите другую площадку.",
            "<b>{site}</b>\nНа сегодня и {days} дней вперёд свободных слотов нет. "
            "Загляните позже или выберите другую площадку.",
            horizon_days,
        ).format(site=escape(site_name), days=horizon_days)
    return _(
        "<b>{site}</b>\nВыберите день. Число — есть свободные слоты; ·число· — свободных нет."
    ).format(site=escape(site_name))


def no_free_slots(day: date) -> str:
    return _("{day}: свободных слотов нет — выберите другой день.").format(day=day_label(day))


def out_of_range(horizon_days: int) -> str:
    return ngettext(
        "Бронь открыта на сегодня и {days} день вперёд.",
        "Бронь открыта на сегодня и {days} дней вперёд.",
        horizon_days,
    ).format(days=horizon_days)


def day_slots(site_name: str, day: date, free: int, taken: int) -> str:
    head = f"<b>{escape(site_name)}</b>, {day_label(day)}"
    if not free and not taken:
        return head + "\n" + _("Свободных слотов нет — выберите другой день.")
    lines = [head, _("Свободно: {free}. Нажмите на время, чтобы забронировать.").format(free=free)]
    if taken:
        lines.append(
            _(
                "Занятый слот можно подождать: если его освободят, мы предложим его первому "
                "в листе ожидания."
            )
        )
    return "\n".join(lines)


def confirm(site_name: str, slot: Slot, auto_approve: bool, policy: BookingPolicy) -> str:
    approval = (
        _("Бронь подтвердится сразу.")
        if auto_approve
        else _("Бронь проверит сотрудник города; ответ придёт сюда сообщением.")
    )
    return "\n".join(
        [
            _("<b>Проверьте бронь</b>"),
            f"{escape(site_name)}, {day_label(slot.local_day())}, "
            f"{slot_time(slot.starts_at, slot.ends_at)}",
            approval,
            _("Отменить можно не позже чем за {time} до начала.").format(
                time=duration(policy.cancel_before)
            ),
        ]
    )


def booked(site_name: str, booking: Booking, where: Sequence[str] = ()) -> str:
    """The one confirmation of a booking (no notice follows it); `where`: the place and its
    map point, shown once the booking is confirmed."""
    when = (
        f"{day_label(booking.slot.local_day())}, {slot_time(booking.starts_at, booking.ends_at)}"
    )
    if booking.status is BookingStatus.PENDING:
        return _(
            "📨 Отправлено на проверку: {site}, {when}. Слот держится за вами, пока сотрудник "
            "не ответит; ответ придёт сюда."
        ).format(site=escape(site_name), when=when)
    head = _("✅ Бронь подтверждена: {site}, {when}. Ждём вас!").format(
        site=escape(site_name), when=when
    )
    return "\n".join([head, *where])


def waiting(site_name: str, slot: Slot, policy: BookingPolicy, already: bool) -> str:
    when = f"{day_label(slot.local_day())}, {slot_time(slot.starts_at, slot.ends_at)}"
    head = (
        _("Вы уже в листе ожидания: {site}, {when}.")
        if already
        else _("⏳ Вы в листе ожидания: {site}, {when}.")
    )
    return (
        head.format(site=escape(site_name), when=when)
        + "\n"
        + _(
            "Если слот освободится, мы предложим его вам первым в очереди; на ответ будет "
            "{ttl}. Выйти из очереди можно здесь или в «Мои брони»."
        ).format(ttl=duration(policy.offer_ttl))
    )


def freed_meanwhile() -> str:
    return _("Этот слот как раз освободился — его можно забронировать.")


def left_waitlist() -> str:
    return _("Вы вышли из листа ожидания.")

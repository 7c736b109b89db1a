"""Buttons of booking cards and of the day's list in the staff chat."""

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking, BookingStatus
from handlers.booking.callbacks import BookingDecision, NoShowCb, NoShowUndoCb, StaffBookingCb
from handlers.keyboard_builder import InlineKeyboardBuilder


def booking_card_keyboard(booking: Booking) -> InlineKeyboardMarkup | None:
    """Approve / decline while the booking waits; None once decided (the card keeps its text)."""
    if booking.status is not BookingStatus.PENDING or booking.id is None:
        return None
    keyboard = InlineKeyboardBuilder()
    for action, label in (
        (BookingDecision.APPROVE, _("✅ Подтвердить")),
        (BookingDecision.DECLINE, _("❌ Отклонить")),
    ):
        keyboard.button(
            text=label, callback_data=StaffBookingCb(action=action, booking_id=booking.id)
        )
    keyboard.adjust(2)
    return keyboard.as_markup()


def no_show_keyboard(
    rows: list[tuple[int, str]], undo: Sequence[tuple[int, str]] = ()
) -> InlineKeyboardMarkup | None:
    """One "🚫 Неявка" per (booking id, its short label) of the day's list, and one
    "↩️ Снять неявку" per no-show in `undo`."""
    if not rows and not undo:
        return None
    keyboard = InlineKeyboardBuilder()
    for booking_id, label in rows:
        keyboard.button(
            text=_("🚫 Неявка: {booking}").format(booking=label),
            callback_data=NoShowCb(booking_id=booking_id),
        )
    for booking_id, label in undo:
        keyboard.button(
            text=_("↩️ Снять неявку: {booking}").format(booking=label),
            callback_data=NoShowUndoCb(booking_id=booking_id),
        )
    keyboard.adjust(1)
    return keyboard.as_markup()

"""Keyboards of "My bookings"."""

from collections.abc import Collection, Sequence
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import Booking, BookingStatus
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking.callbacks import MineAction, MineCb, SlotAction, SlotCb, to_unix
from handlers.booking.texts import day_and_time
from handlers.keyboard_builder import InlineKeyboardBuilder


def mine(
    upcoming: Sequence[Booking],
    waits: Sequence[tuple[int, datetime, datetime]],
    check_in: Collection[int] = (),
) -> InlineKeyboardMarkup:
    """`check_in`: ids of the bookings whose check-in is open now."""
    kb = InlineKeyboardBuilder()
    for booking in upcoming:
        assert booking.id is not None
        at = day_and_time(booking.starts_at)
        if booking.id in check_in:
            kb.button(
                text=_("📍 Отметиться на месте: {at}").format(at=at),
                callback_data=_act(MineAction.CHECK_IN, booking),
            )
        if booking.status is BookingStatus.OFFERED:
            kb.button(
                text=_("✅ Беру: {at}").format(at=at),
                callback_data=_act(MineAction.ACCEPT, booking),
            )
            kb.button(
                text=_("Отказаться: {at}").format(at=at),
                callback_data=_act(MineAction.DECLINE, booking),
            )
        else:
            kb.button(
                text=_("Отменить: {at}").format(at=at),
                callback_data=_act(MineAction.CANCEL, booking),
            )
    for site_id, starts_at, _ends_at in waits:
        kb.button(
            text=_("Выйти из очереди: {at}").format(at=day_and_time(starts_at)),
            callback_data=SlotCb(
                action=SlotAction.LEAVE_MINE, site_id=site_id, at=to_unix(starts_at)
            ),
        )
    kb.button(text=_("⬅️ Арт-проспект"), callback_data=ArtCb(action=ArtAction.HOME))
    kb.adjust(1)
    return kb.as_markup()


def _act(action: MineAction, booking: Booking) -> MineCb:
    assert booking.id is not None
    return MineCb(action=action, booking_id=booking.id)


def ask(booking_id: int, decline: bool) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    yes = MineAction.DECLINE_YES if decline else MineAction.CANCEL_YES
    kb.button(
        text=_("Да, отказаться") if decline else _("Да, отменить"),
        callback_data=MineCb(action=yes, booking_id=booking_id),
    )
    kb.button(text=_("Нет, оставить"), callback_data=ArtCb(action=ArtAction.MINE))
    kb.adjust(2)
    return kb.as_markup()

"""Booking notices rendered at send time: the performer's in their language, staff cards in
the staff chat's.

A notice may wait in the outbox (Telegram's pace, a retry): it is written from the booking as
it is then, and one that has become pointless meanwhile (an offer already taken or lapsed, a
reminder for a cancelled booking) is refused with Outdated, so the
dispatcher drops it unsent. A staff card is never outdated once posted: every change of the
booking redraws it with the state then (buttons only while staff's decision is awaited).
"""

from datetime import datetime
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from domain.booking.bookings import Booking, BookingStatus
from domain.booking.notices import (
    BOOKING_NOTICE,
    STAFF_BOOKING_CARD,
    BookingNews,
    booking_card_key,
    outdated,
)
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import Clock
from domain.notifications import Notification, Outdated, PermanentFailure
from domain.services.booking_staff import booking_view
from domain.unit_of_work import CityUnitOfWork, UnitOfWorkFactory
from handlers.art_prospect_notices import CARD_THREAD, CardLookup, card_lookup
from handlers.booking import notice_texts, staff_texts
from handlers.booking.callbacks import MineAction, MineCb
from handlers.booking.staff_keyboards import booking_card_keyboard
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale

PENDING = BookingStatus.PENDING


class BookingRenderers:
    def __init__(
        self,
        uows: UnitOfWorkFactory,
        i18n: I18n,
        clock: Clock,
        *,
        cards: CardLookup | None = None,
    ) -> None:
        """Reads through a unit of work of `uows`; `cards`: where the staff cards stand (read
        the same way unless given)."""
        self._open = uows
        self._cards: CardLookup = cards or card_lookup(uows)
        self._i18n = i18n
        self._clock = clock

    def register(self, renderer: NoticeKinds) -> None:
        renderer.register(BOOKING_NOTICE, self.notice)
        renderer.register(STAFF_BOOKING_CARD, self.staff_card)

    async def notice(self, notification: Notification) -> RenderedMessage:
        news = BookingNews(notification.payload["news"])
        async with self._open() as uow:
            booking, site, performer = await _load(uow, int(notification.payload["booking_id"]))
            user = await uow.users.get(notification.chat_id)
        reason = outdated(booking, performer, news, self._clock.now())
        if reason is not None:
            raise Outdated(f"{reason}")
        locale = user.locale if user is not None else self._i18n.default_locale
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = notice_texts.performer_notice(news, booking, site, performer, locale)
            markup = _offer_keyboard(booking) if news is BookingNews.OFFERED else None
        return RenderedMessage(text, reply_markup=markup)

    async def staff_card(self, notification: Notification) -> RenderedMessage:
        """The booking's card as it stands now: posted while it waits, edited in place at
        every change after (the newest message it reached). A change of a booking staff
        never had a card of (auto-approved, an offer) posts nothing."""
        payload = notification.payload
        booking_id = int(payload["booking_id"])
        card = await self._cards(STAFF_BOOKING_CARD, booking_card_key(booking_id), notification)
        async with self._open() as uow:
            booking = await uow.bookings.get(booking_id)
            site_id = booking.site_id if booking is not None else payload.get("site_id")
            site = await uow.sites.get(int(site_id)) if site_id is not None else None
            performer = (
                await uow.performers.get(booking.performer_id) if booking is not None else None
            )
            locale = await staff_chat_locale(uow, notification.chat_id)
        if card.message_id is None and (booking is None or booking.status is not PENDING):
            state = booking.status.value if booking is not None else "gone"
            raise Outdated(f"booking {booking_id} is {state}, no card to redraw")
        with self._i18n.context(), self._i18n.use_locale(locale):
            text, markup = _card(payload, booking, site, performer, card.by)
        # Booking cards live in the chat's main thread: said on every row, so that an edit
        # falling back to a new message posts it there too.
        return RenderedMessage(
            text, reply_markup=markup, edit_message_id=card.message_id, thread_id=CARD_THREAD
        )


async def _load(uow: CityUnitOfWork, booking_id: int) -> tuple[Booking, Site, Performer]:
    view = await booking_view(uow, booking_id)
    if view is None:
        raise PermanentFailure(f"booking {booking_id} is gone")
    if view.site is None or view.performer is None:
        raise PermanentFailure(f"the site or performer of booking {booking_id} is gone")
    return view.booking, view.site, view.performer


def _card(
    payload: dict[str, Any],
    booking: Booking | None,
    site: Site | None,
    performer: Performer | None,
    by: str | None,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The card's text and buttons (in the current locale); an erased booking's from what
    its row kept: the site and the time, nothing of the person."""
    booking_id = payload["booking_id"]
    if booking is None:
        if not payload.get("erased") or site is None:
            raise PermanentFailure(f"booking {booking_id} is gone")
        starts_at, ends_at = _moment(payload["starts_at"]), _moment(payload["ends_at"])
        return staff_texts.staff_card_erased(site, starts_at, ends_at), None
    if site is None or performer is None:
        raise PermanentFailure(f"the site or performer of booking {booking_id} is gone")
    return staff_texts.staff_card(booking, site, performer, by or ""), booking_card_keyboard(
        booking
    )


def _moment(value: object) -> datetime:
    return datetime.fromisoformat(str(value))


def _offer_keyboard(booking: Booking) -> InlineKeyboardMarkup:
    """The buttons of "my bookings" for an offer (handlers/booking answers them)."""
    assert booking.id is not None
    take, refuse = notice_texts.offer_buttons()
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=take, callback_data=MineCb(action=MineAction.ACCEPT, booking_id=booking.id)
    )
    keyboard.button(
        text=refuse, callback_data=MineCb(action=MineAction.DECLINE, booking_id=booking.id)
    )
    keyboard.adjust(2)
    return keyboard.as_markup()

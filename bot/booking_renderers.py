"""Booking notices rendered at send time: the performer's in their language, staff cards in
the staff chat's.

A notice may wait in the outbox (Telegram's pace, a retry): it is written from the booking as
it is then, and one that has become pointless meanwhile (an offer already taken or lapsed, a
reminder for a cancelled booking) is refused with Outdated, so the
dispatcher drops it unsent. A staff card is never outdated once posted: every change of the
booking redraws it with the state then (buttons only while staff's decision is awaited).
"""

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from functools import partial
from typing import Any, Protocol, TypeVar

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.notifier import RenderedMessage
from bot.renderers import ChatLocale, NotificationRenderer, fixed_locale
from domain.booking.bookings import Booking, BookingStatus
from domain.booking.notices import (
    BOOKING_NOTICE,
    STAFF_BOOKING_CARD,
    BookingNews,
    booking_card_key,
)
from domain.booking.performers import Performer
from domain.booking.sites import Site
from domain.clock import Clock
from domain.notifications import Notification, Outdated, PermanentFailure
from domain.users import User
from handlers import booking_notice_texts as texts
from handlers.booking.callbacks import MineAction, MineCb
from handlers.staff.booking_buttons import booking_card_keyboard
from storage.repositories.card_messages import CardState, card_state
from storage.uow import SqlUnitOfWork

T_co = TypeVar("T_co", covariant=True)


class _ById(Protocol[T_co]):
    async def get(self, row_id: int, /) -> T_co | None: ...


class BookingReads(Protocol):
    """What rendering reads: a unit of work's repositories (faked in unit tests)."""

    @property
    def users(self) -> _ById[User]: ...
    @property
    def sites(self) -> _ById[Site]: ...
    @property
    def performers(self) -> _ById[Performer]: ...
    @property
    def bookings(self) -> _ById[Booking]: ...


OpenReads = Callable[[], AbstractAsyncContextManager[BookingReads]]
# (kind, the card's key, the row being rendered) → where that card stands in the row's chat
CardLookup = Callable[[str, str, Notification], Awaitable[CardState]]
CARD_THREAD: int | None = None  # the staff chat's main thread (or General topic)
PENDING = BookingStatus.PENDING


def outbox_cards(session_factory: async_sessionmaker[AsyncSession]) -> CardLookup:
    async def lookup(kind: str, card_key: str, notification: Notification) -> CardState:
        async with session_factory() as session:
            return await card_state(session, kind, card_key, notification.chat_id)

    return lookup


async def _never_posted(_kind: str, _key: str, _notification: Notification) -> CardState:
    return CardState(None, None)


# The states in which each piece of news is still true.
_STILL_TRUE = {
    BookingNews.CONFIRMED: BookingStatus.CONFIRMED,
    BookingNews.APPROVED: BookingStatus.CONFIRMED,
    BookingNews.REMINDER_DAY: BookingStatus.CONFIRMED,
    BookingNews.REMINDER_HOUR: BookingStatus.CONFIRMED,
    BookingNews.PENDING: BookingStatus.PENDING,
    BookingNews.DECLINED: BookingStatus.DECLINED,
    BookingNews.CANCELLED: BookingStatus.CANCELLED,
    BookingNews.OFFERED: BookingStatus.OFFERED,
    BookingNews.OFFER_LAPSED: BookingStatus.EXPIRED,
    BookingNews.NO_SHOW: BookingStatus.NO_SHOW,
    BookingNews.SUSPENDED: BookingStatus.NO_SHOW,
}
_BEFORE_START = frozenset(
    {
        BookingNews.CONFIRMED,
        BookingNews.APPROVED,
        BookingNews.REMINDER_DAY,
        BookingNews.REMINDER_HOUR,
        BookingNews.OFFERED,
    }
)


def outdated(
    booking: Booking, performer: Performer, news: BookingNews, now: datetime
) -> str | None:
    """Why the notice would no longer be true, or None while it still is."""
    if booking.status is not _STILL_TRUE[news]:
        return f"booking {booking.id} is {booking.status.value} now, not {news.value}"
    if news in _BEFORE_START and booking.starts_at <= now:
        return f"booking {booking.id} has begun"
    if news is BookingNews.OFFERED and (
        booking.offer_expires_at is None or booking.offer_expires_at <= now
    ):
        return f"the offer of booking {booking.id} has lapsed"
    if news is BookingNews.SUSPENDED and not performer.suspended(now):
        return f"performer {performer.id} is no longer suspended"
    return None


class BookingRenderers:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession] | None,
        i18n: I18n,
        clock: Clock,
        *,
        open_reads: OpenReads | None = None,
        cards: CardLookup | None = None,
        staff_locale: str = "ru",
    ) -> None:
        """Reads through a SqlUnitOfWork on `session_factory`, or through `open_reads` (and
        `cards`: where the staff cards stand; without it, none was ever posted)."""
        if open_reads is None:
            assert session_factory is not None
            open_reads = partial(SqlUnitOfWork, session_factory, clock)
            cards = cards or outbox_cards(session_factory)
        self._open = open_reads
        self._cards: CardLookup = cards or _never_posted
        self._i18n = i18n
        self._clock = clock
        self._chat_locale: ChatLocale = fixed_locale(staff_locale)

    def register(self, renderer: NotificationRenderer) -> None:
        self._chat_locale = renderer.chat_locale  # the staff chat's language as set there
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
            text = texts.performer_notice(news, booking, site, performer, locale)
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
        if card.message_id is None and (booking is None or booking.status is not PENDING):
            state = booking.status.value if booking is not None else "gone"
            raise Outdated(f"booking {booking_id} is {state}, no card to redraw")
        locale = await self._chat_locale(notification.chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            text, markup = _card(payload, booking, site, performer, card.by)
        # Booking cards live in the chat's main thread: said on every row, so that an edit
        # falling back to a new message posts it there too.
        return RenderedMessage(
            text, reply_markup=markup, edit_message_id=card.message_id, thread_id=CARD_THREAD
        )


async def _load(uow: BookingReads, booking_id: int) -> tuple[Booking, Site, Performer]:
    booking = await uow.bookings.get(booking_id)
    if booking is None:
        raise PermanentFailure(f"booking {booking_id} is gone")
    site = await uow.sites.get(booking.site_id)
    performer = await uow.performers.get(booking.performer_id)
    if site is None or performer is None:
        raise PermanentFailure(f"the site or performer of booking {booking_id} is gone")
    return booking, site, performer


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
        return texts.staff_card_erased(site, starts_at, ends_at), None
    if site is None or performer is None:
        raise PermanentFailure(f"the site or performer of booking {booking_id} is gone")
    return texts.staff_card(booking, site, performer, by or ""), booking_card_keyboard(booking)


def _moment(value: object) -> datetime:
    return datetime.fromisoformat(str(value))


def _offer_keyboard(booking: Booking) -> InlineKeyboardMarkup:
    """The buttons of "my bookings" for an offer (handlers/booking answers them)."""
    assert booking.id is not None
    take, refuse = texts.offer_buttons()
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=take, callback_data=MineCb(action=MineAction.ACCEPT, booking_id=booking.id)
    )
    keyboard.button(
        text=refuse, callback_data=MineCb(action=MineAction.DECLINE, booking_id=booking.id)
    )
    keyboard.adjust(2)
    return keyboard.as_markup()

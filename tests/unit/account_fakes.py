"""The whole city in memory (domain/unit_of_work.CityUnitOfWork): the requests' fakes, the
booking and alert ones, and the account repository reading and erasing across them, as
storage/repositories/account.py does."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from domain.booking.bookings import Booking
from domain.booking.notices import (
    STAFF_BOOKING_CARD,
    STAFF_PERFORMER_CARD,
    booking_card_key,
)
from domain.booking.sites import Site
from domain.categories import Category
from domain.notifications import NotificationStatus
from domain.requests import OPEN_STATUSES, Request
from tests.unit.alert_fakes import FakeEvents, FakeFanouts, FakeOutages, FakeSubscriptions
from tests.unit.booking_fakes import FakeBookings, FakePerformers, FakeSites
from tests.unit.fakes import ROADS, WASTE, FakeUnitOfWork
from tests.unit.faq_fakes import FakeFaq


class FakeTopics:
    def __init__(self) -> None:
        self.threads: dict[tuple[int, str], int] = {}

    async def thread_for(self, chat_id: int, category: str) -> int | None:
        return self.threads.get((chat_id, category))

    async def remember(self, chat_id: int, category: str, thread_id: int) -> None:
        self.threads[chat_id, category] = thread_id


class FakeChatSettings:
    def __init__(self) -> None:
        self.locales: dict[int, str] = {}

    async def locale(self, chat_id: int) -> str | None:
        return self.locales.get(chat_id)

    async def set_locale(self, chat_id: int, locale: str, at: datetime) -> None:
        self.locales[chat_id] = locale


class FakeAccount:
    """Reads and erases through the other fakes: what the person's rows are is theirs."""

    def __init__(self, uow: "FakeCityUnitOfWork") -> None:
        self._uow = uow

    async def followed(self, user_id: int) -> list[tuple[Request, datetime]]:
        requests = self._uow.requests
        joined = [
            (requests.rows[request_id], at)
            for (request_id, follower), at in requests.joined_at.items()
            if follower == user_id and (request_id, follower) in requests.follows
        ]
        return sorted(joined, key=lambda pair: (pair[1], pair[0].id or 0))

    async def assigned(self, user_id: int) -> list[Request]:
        taken = self._uow.requests.rows.values()
        found = [r for r in taken if r.assignee_id == user_id and r.status in OPEN_STATUSES]
        return sorted(found, key=lambda r: r.id or 0)

    async def bookings_of(self, performer_id: int) -> list[Booking]:
        theirs = [b for b in self._uow.bookings.rows.values() if b.performer_id == performer_id]
        return sorted(theirs, key=lambda b: (b.starts_at, b.id or 0))

    async def waits_of(self, performer_id: int) -> list[tuple[int, datetime]]:
        theirs = [w for w in self._uow.bookings.waits if w.performer_id == performer_id]
        return [(w.site_id, w.starts_at) for w in sorted(theirs, key=lambda w: w.starts_at)]

    async def erase(self, user_id: int) -> None:
        uow = self._uow
        await self._erase_performer(user_id)
        requests = uow.requests
        requests.follows = {(r, u) for r, u in requests.follows if u != user_id}
        requests.joined_at = {k: at for k, at in requests.joined_at.items() if k[1] != user_id}
        subscriptions = uow.subscriptions
        subscriptions.rows = {i: s for i, s in subscriptions.rows.items() if s.user_id != user_id}
        subscriptions.addresses_by_id = {
            i: a for i, a in subscriptions.addresses_by_id.items() if a.user_id != user_id
        }
        subscriptions.prefs.pop(user_id, None)
        uow.staff.rows.pop(user_id, None)
        outbox = uow.outbox
        outbox.rows = {k: n for k, n in outbox.rows.items() if n.chat_id != user_id}
        # What stays for the city no longer names them.
        for request_id, request in requests.rows.items():
            requests.rows[request_id] = replace(
                request,
                author_id=None if request.author_id == user_id else request.author_id,
                assignee_id=None if request.assignee_id == user_id else request.assignee_id,
            )
        requests.events = [
            replace(e, actor_user_id=None) if e.actor_user_id == user_id else e
            for e in requests.events
        ]
        del uow.users.rows[user_id]

    async def _erase_performer(self, user_id: int) -> None:
        uow = self._uow
        performer = await uow.performers.by_user(user_id)
        if performer is None or performer.id is None:
            return
        bookings = uow.bookings
        theirs = [i for i, b in bookings.rows.items() if b.performer_id == performer.id]
        self._drop_unposted(STAFF_PERFORMER_CARD, f"staffperformer:{performer.id}")
        for booking_id in theirs:
            self._drop_unposted(STAFF_BOOKING_CARD, booking_card_key(booking_id))
            await bookings.discard(booking_id)
        bookings.waits = [w for w in bookings.waits if w.performer_id != performer.id]
        del uow.performers.rows[performer.id]

    def _drop_unposted(self, kind: str, card_key: str) -> None:
        """Rows of a card staff never saw go; a card already posted keeps its rows."""
        outbox = self._uow.outbox
        rows = {
            key: n
            for key, n in outbox.rows.items()
            if n.kind == kind and (key == card_key or key.startswith(card_key + ":"))
        }
        if any(n.sent_message_id is not None for n in rows.values()):
            return
        for key, n in rows.items():
            if n.status is NotificationStatus.PENDING:
                del outbox.rows[key]


class FakeCityUnitOfWork(FakeUnitOfWork):
    """Every port of the city; the booking, alert and request sides share one outbox."""

    def __init__(
        self,
        categories: Sequence[Category] = (ROADS, WASTE),
        staff_chat_id: int | None = None,
        sites: Sequence[Site] = (),
    ) -> None:
        super().__init__(categories, staff_chat_id)
        self.sites = FakeSites(sites)
        self.performers = FakePerformers()
        self.bookings = FakeBookings()
        self.outages = FakeOutages()
        self.events = FakeEvents()
        self.subscriptions = FakeSubscriptions()
        self.fanouts = FakeFanouts(self.outbox)
        self.topics = FakeTopics()
        self.chat_settings = FakeChatSettings()
        self.faq = FakeFaq()
        self.account = FakeAccount(self)

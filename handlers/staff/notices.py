"""What the staff chat is told about requests: each request's card (posted, then edited in
place), its photos, the author's news in reply to the card, escalations and the overdue list.

Rendered at send time from the state then, in the staff chat's language as set there now
(read with the rest at each render, not cached: /language may be pressed in another process).
Cards already sent keep their language until they are next refreshed.
"""

from datetime import timedelta

from aiogram import Bot
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.history import EventKind
from domain.notifications import Notification, PermanentFailure
from domain.services.deadlines_watch import STAFF_ESCALATION, STAFF_OVERDUE, overdue
from domain.services.follow_up import added_photo, photo_burst
from domain.services.notify import LEFT_BEHIND, STAFF_ALBUM, STAFF_CARD, STAFF_NEWS, staff_card_key
from domain.services.staff_card_view import staff_card_view
from domain.unit_of_work import UnitOfWorkFactory
from handlers.common import day
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale
from handlers.staff import texts as staff_texts
from handlers.staff.card_message import card_message
from handlers.staff.forum_topics import ForumTopics


class StaffNotices:
    def __init__(
        self,
        bot: Bot,
        open_uow: UnitOfWorkFactory,
        i18n: I18n,
        districts: DistrictDirectory,
        clock: Clock,
    ) -> None:
        self._open = open_uow
        self._topics = ForumTopics(bot, open_uow)
        self._i18n = i18n
        self._districts = districts
        self._clock = clock

    def register(self, renderers: NoticeKinds) -> None:
        renderers.register(STAFF_CARD, self.card)
        renderers.register(STAFF_ALBUM, self.album)
        renderers.register(STAFF_NEWS, self.news)
        renderers.register(STAFF_ESCALATION, self.escalation)
        renderers.register(STAFF_OVERDUE, self.overdue)

    async def card(self, notification: Notification) -> RenderedMessage:
        request_id, chat_id = int(notification.payload["request_id"]), notification.chat_id
        async with self._open() as uow:
            view = await staff_card_view(uow, request_id)
            if view is None:
                raise PermanentFailure(f"request {request_id} is gone")
            existing = await uow.cards.message_id(STAFF_CARD, staff_card_key(request_id), chat_id)
            locale = await staff_chat_locale(uow, chat_id)
        request, category = view.request, view.category
        with self._i18n.context(), self._i18n.use_locale(locale):
            text, keyboard = card_message(view, locale, self._clock.now(), self._districts)
            name = category.name(locale) if category else request.category
        if notification.payload.get(LEFT_BEHIND):  # passed on: the new chat acts on it
            keyboard = None
        # The topic even for an edit: a card deleted by hand is posted anew there.
        thread = await self._topics.thread_for(chat_id, request, name)
        return RenderedMessage(
            text, reply_markup=keyboard, edit_message_id=existing, thread_id=thread
        )

    async def album(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        async with self._open() as uow:
            request = await uow.requests.get(request_id)
            if request is None or not request.photos:
                raise PermanentFailure(f"request {request_id} has no photos to show")
            category = await uow.categories.get(request.category)
            locale = await staff_chat_locale(uow, notification.chat_id)
        # Telegram takes 2 to 10 photos in a media group; a single photo is sent on its own.
        photos = request.photos[:10]
        name = category.name(locale) if category else request.category
        thread = await self._topics.thread_for(notification.chat_id, request, name)
        if len(photos) == 1:
            return RenderedMessage(request.number, photo=photos[0], thread_id=thread)
        return RenderedMessage(request.number, album=photos, thread_id=thread)

    async def news(self, notification: Notification) -> RenderedMessage:
        """The author's addition, in reply to the card; photos sent together come as one."""
        request_id = int(notification.payload["request_id"])
        event_id = int(notification.payload["event_id"])
        chat_id = notification.chat_id
        async with self._open() as uow:
            request = await uow.requests.get(request_id)
            history = await uow.requests.history(request_id)
            category = await uow.categories.get(request.category) if request else None
            card = await uow.cards.message_id(STAFF_CARD, staff_card_key(request_id), chat_id)
            locale = await staff_chat_locale(uow, chat_id)
        event = next((e for e in history if e.id == event_id), None)
        if request is None or event is None:
            raise PermanentFailure(f"request {request_id} or event {event_id} is gone")
        burst = photo_burst(history, event_id) if event.kind is EventKind.PHOTO_ADDED else []
        photos = [p for e in burst if (p := added_photo(request, history, e)) is not None]
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = staff_texts.author_news(request, event, len(burst))
        name = category.name(locale) if category else request.category
        thread = await self._topics.thread_for(chat_id, request, name)
        if len(photos) == 1:
            return RenderedMessage(text, photo=photos[0], thread_id=thread, reply_to=card)
        if photos:
            return RenderedMessage(text, album=tuple(photos[:10]), thread_id=thread, reply_to=card)
        return RenderedMessage(text, thread_id=thread, reply_to=card)

    async def escalation(self, notification: Notification) -> RenderedMessage:
        """In the card's topic, in reply to the card: where the people who act on it read."""
        request_id, chat_id = int(notification.payload["request_id"]), notification.chat_id
        async with self._open() as uow:
            request = await uow.requests.get(request_id)
            if request is None:
                raise PermanentFailure(f"request {request_id} is gone")
            category = await uow.categories.get(request.category)
            card = await uow.cards.message_id(STAFF_CARD, staff_card_key(request_id), chat_id)
            locale = await staff_chat_locale(uow, chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = staff_texts.escalation(request, category, locale)
        name = category.name(locale) if category else request.category
        thread = await self._topics.thread_for(chat_id, request, name)
        return RenderedMessage(text, thread_id=thread, reply_to=card)

    async def overdue(self, notification: Notification) -> RenderedMessage:
        now = self._clock.now()
        async with self._open() as uow:
            requests = await overdue(uow, now, soon=timedelta(0))
            locale = await staff_chat_locale(uow, notification.chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            title = _("Просроченные заявки на {date}").format(date=day(now))
            return RenderedMessage(staff_texts.overdue_list(requests, now, title))

"""Outbox rows become messages at send time: in the recipient's language, from the state then.

A notification waiting in the queue therefore never shows a stale status, and a staff card
refreshed twice in a row shows the same truth twice ("not modified" counts as delivered).

The staff chat's language is read with the rest at each render, not cached: /language may be
pressed in another process (several bot processes share one database), and one primary-key
read beside the request, its category and history costs nothing next to Telegram's pace.
Cards already sent keep their language until they are next refreshed.
"""

from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.notifier import RenderedMessage, Renderer
from domain.account import author_phone
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.history import EventKind
from domain.notifications import Notification, PermanentFailure
from domain.ports import UnitOfWork
from domain.requests import Request
from domain.services.chat_settings import chat_locale
from domain.services.deadlines_watch import STAFF_ESCALATION, STAFF_OVERDUE, overdue
from domain.services.follow_up import added_photo, photo_burst
from domain.services.notify import (
    REQUEST_EVENT,
    STAFF_ALBUM,
    STAFF_CARD,
    STAFF_NEWS,
    staff_card_key,
)
from domain.services.staff_actions import reply_audience, staff_name
from handlers.common import day
from handlers.my_requests.callbacks import RequestAction, RequestCb
from handlers.my_requests.texts import event_line, request_status_label
from handlers.staff import texts as staff_texts
from handlers.staff.keyboards import staff_card as staff_card_keyboard
from storage.repositories.card_messages import card_message_id
from storage.repositories.staff import SqlTopicRepository
from storage.uow import SqlUnitOfWork

ChatLocale = Callable[[int], Awaitable[str]]  # a group chat's id → its language now


def fixed_locale(locale: str) -> ChatLocale:
    """Every chat in one language: for a renderer used without the notification renderer."""

    async def locale_of(_chat_id: int) -> str:
        return locale

    return locale_of


class NotificationRenderer:
    def __init__(
        self,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        i18n: I18n,
        districts: DistrictDirectory,
        clock: Clock,
        staff_locale: str = "ru",
    ) -> None:
        self._bot = bot
        self._factory = session_factory
        self._is_forum: dict[int, bool] = {}
        self._i18n = i18n
        self._districts = districts
        self._clock = clock
        self._staff_locale = staff_locale
        self._extra: dict[str, Renderer] = {}

    def register(self, kind: str, render: Renderer) -> None:
        """Teach the renderer another kind of notification (alerts, incidents...)."""
        if kind in self._extra:
            raise ValueError(f"a renderer for {kind!r} is already registered")
        self._extra[kind] = render

    async def __call__(self, notification: Notification) -> RenderedMessage:
        own: dict[str, Renderer] = {
            REQUEST_EVENT: self._resident,
            STAFF_CARD: self._staff_card,
            STAFF_ALBUM: self._album,
            STAFF_NEWS: self._news,
            STAFF_ESCALATION: self._escalation,
            STAFF_OVERDUE: self._overdue,
        }
        render = own.get(notification.kind) or self._extra.get(notification.kind)
        if render is None:
            raise PermanentFailure(f"no renderer for {notification.kind!r}")
        return await render(notification)

    async def _resident(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        event_id = int(notification.payload["event_id"])
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            request = await uow.requests.get(request_id)
            user = await uow.users.get(notification.chat_id)
            history = await uow.requests.history(request_id)
        event = next((e for e in history if e.id == event_id), None)
        if request is None or event is None:
            raise PermanentFailure(f"request {request_id} or event {event_id} is gone")
        locale = user.locale if user is not None else self._i18n.default_locale
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = "\n".join(
                [
                    _("🔔 <b>Заявка {number}</b>").format(number=request.number),
                    event_line(event),
                    _("Статус: {status}").format(status=request_status_label(request, history)),
                ]
            )
            keyboard = InlineKeyboardBuilder()
            keyboard.button(
                text=_("Открыть заявку"),
                callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
            )
        return RenderedMessage(text, reply_markup=keyboard.as_markup())

    async def chat_locale(self, chat_id: int) -> str:
        """The language of a group chat (the staff chat), as set there now."""
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            return await self._chat_locale(uow, chat_id)

    async def _chat_locale(self, uow: UnitOfWork, chat_id: int) -> str:
        return await chat_locale(uow.chat_settings, chat_id, self._staff_locale)

    async def _staff_card(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            request = await uow.requests.get(request_id)
            if request is None:
                raise PermanentFailure(f"request {request_id} is gone")
            category = await uow.categories.get(request.category)
            history = await uow.requests.history(request_id)
            phone = await author_phone(uow.users, request)
            audience = await reply_audience(uow, request)
            assignee = await staff_name(uow, request.assignee_id)
            existing = await card_message_id(
                uow.session, STAFF_CARD, staff_card_key(request_id), notification.chat_id
            )
            locale = await self._chat_locale(uow, notification.chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            district = (
                self._districts.name(request.place.district, locale)
                if request.place.district
                else None
            )
            now = self._clock.now()
            text = staff_texts.staff_card(
                request, category, history, locale, now, district, phone=phone, assignee=assignee
            )
            keyboard = staff_card_keyboard(request, audience)
            name = category.name(locale) if category else request.category
        # The topic even for an edit: a card deleted by hand is posted anew there.
        thread = await self._topic(notification.chat_id, request, name)
        return RenderedMessage(
            text, reply_markup=keyboard, edit_message_id=existing, thread_id=thread
        )

    async def _topic(self, chat_id: int, request: Request, name: str) -> int | None:
        """In a forum staff chat, the category's topic, created the first time it is needed.

        Named in the chat's language of that moment; a topic keeps its name afterwards.
        """
        if chat_id not in self._is_forum:
            try:
                self._is_forum[chat_id] = bool((await self._bot.get_chat(chat_id)).is_forum)
            except TelegramAPIError:
                return None  # the send itself will say what is wrong with the chat
        if not self._is_forum[chat_id]:
            return None
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            topics = SqlTopicRepository(uow.session)
            thread = await topics.thread_for(chat_id, request.category)
            if thread is None:
                topic = await self._bot.create_forum_topic(chat_id, name[:128])
                thread = topic.message_thread_id
                await topics.remember(chat_id, request.category, thread)
                await uow.commit()
        return thread

    async def _album(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            request = await uow.requests.get(request_id)
            if request is None or not request.photos:
                raise PermanentFailure(f"request {request_id} has no photos to show")
            category = await uow.categories.get(request.category)
            locale = await self._chat_locale(uow, notification.chat_id)
        # Telegram takes 2 to 10 photos in a media group; a single photo is sent on its own.
        photos = request.photos[:10]
        name = category.name(locale) if category else request.category
        thread = await self._topic(notification.chat_id, request, name)
        if len(photos) == 1:
            return RenderedMessage(request.number, photo=photos[0], thread_id=thread)
        return RenderedMessage(request.number, album=photos, thread_id=thread)

    async def _news(self, notification: Notification) -> RenderedMessage:
        """The author's addition, in reply to the card; photos sent together come as one."""
        request_id = int(notification.payload["request_id"])
        event_id = int(notification.payload["event_id"])
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            request = await uow.requests.get(request_id)
            history = await uow.requests.history(request_id)
            category = await uow.categories.get(request.category) if request else None
            card = await card_message_id(
                uow.session, STAFF_CARD, staff_card_key(request_id), notification.chat_id
            )
            locale = await self._chat_locale(uow, notification.chat_id)
        event = next((e for e in history if e.id == event_id), None)
        if request is None or event is None:
            raise PermanentFailure(f"request {request_id} or event {event_id} is gone")
        burst = photo_burst(history, event_id) if event.kind is EventKind.PHOTO_ADDED else []
        photos = [p for e in burst if (p := added_photo(request, history, e)) is not None]
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = staff_texts.author_news(request, event, len(burst))
        name = category.name(locale) if category else request.category
        thread = await self._topic(notification.chat_id, request, name)
        if len(photos) == 1:
            return RenderedMessage(text, photo=photos[0], thread_id=thread, reply_to=card)
        if photos:
            return RenderedMessage(text, album=tuple(photos[:10]), thread_id=thread, reply_to=card)
        return RenderedMessage(text, thread_id=thread, reply_to=card)

    async def _escalation(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            request = await uow.requests.get(request_id)
            if request is None:
                raise PermanentFailure(f"request {request_id} is gone")
            category = await uow.categories.get(request.category)
            locale = await self._chat_locale(uow, notification.chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            return RenderedMessage(staff_texts.escalation(request, category, locale))

    async def _overdue(self, notification: Notification) -> RenderedMessage:
        now = self._clock.now()
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            requests = await overdue(uow, now, soon=timedelta(0))
            locale = await self._chat_locale(uow, notification.chat_id)
        with self._i18n.context(), self._i18n.use_locale(locale):
            title = _("Просроченные заявки на {date}").format(date=day(now))
            return RenderedMessage(staff_texts.overdue_list(requests, now, title))

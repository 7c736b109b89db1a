"""Outbox rows become messages at send time: in the recipient's language, from the state then.

A notification waiting in the queue therefore never shows a stale status, and a staff card
refreshed twice in a row shows the same truth twice ("not modified" counts as delivered).
"""

from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.notifier import RenderedMessage
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.notifications import Notification, PermanentFailure
from domain.requests import Request
from domain.services.notify import REQUEST_EVENT, STAFF_CARD
from handlers.callbacks import RequestAction, RequestCb
from handlers.staff.keyboards import staff_card as staff_card_keyboard
from handlers.texts import event_line, request_card, status_label, when
from storage.repositories.staff_cards import card_message_id
from storage.uow import SqlUnitOfWork

MAP_LINK = "https://yandex.ru/maps/?pt={lon:.6f},{lat:.6f}&z=17&l=map"


class NotificationRenderer:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        i18n: I18n,
        districts: DistrictDirectory,
        clock: Clock,
        staff_locale: str = "ru",
    ) -> None:
        self._factory = session_factory
        self._i18n = i18n
        self._districts = districts
        self._clock = clock
        self._staff_locale = staff_locale

    async def __call__(self, notification: Notification) -> RenderedMessage:
        if notification.kind == REQUEST_EVENT:
            return await self._resident(notification)
        if notification.kind == STAFF_CARD:
            return await self._staff_card(notification)
        raise PermanentFailure(f"no renderer for {notification.kind!r}")

    async def _resident(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        event_id = int(notification.payload["event_id"])
        async with SqlUnitOfWork(self._factory) as uow:
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
                    _("Статус: {status}").format(status=status_label(request.status)),
                ]
            )
            keyboard = InlineKeyboardBuilder()
            keyboard.button(
                text=_("Открыть заявку"),
                callback_data=RequestCb(action=RequestAction.OPEN, request_id=request_id),
            )
        return RenderedMessage(text, reply_markup=keyboard.as_markup())

    async def _staff_card(self, notification: Notification) -> RenderedMessage:
        request_id = int(notification.payload["request_id"])
        async with SqlUnitOfWork(self._factory) as uow:
            request = await uow.requests.get(request_id)
            if request is None:
                raise PermanentFailure(f"request {request_id} is gone")
            category = await uow.categories.get(request.category)
            history = await uow.requests.history(request_id)
            existing = await card_message_id(uow.session, request_id)
        locale = self._staff_locale
        with self._i18n.context(), self._i18n.use_locale(locale):
            district = (
                self._districts.name(request.place.district, locale)
                if request.place.district
                else None
            )
            text = request_card(request, category, history, locale, self._clock.now(), district)
            text += _staff_footer(request)
            keyboard = staff_card_keyboard(request)
        return RenderedMessage(text, reply_markup=keyboard, edit_message_id=existing)


def _staff_footer(request: Request) -> str:
    lines = [""]
    place = request.place
    if place.lat is not None and place.lon is not None:
        link = MAP_LINK.format(lat=place.lat, lon=place.lon)
        lines.append(_('<a href="{link}">Карта</a>').format(link=escape(link)))
    lines.append(_("Подана: {at}").format(at=when(request.created_at)))
    return "\n".join(lines)

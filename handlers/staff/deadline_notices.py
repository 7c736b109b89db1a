"""A request past its deadline, escalated once (domain/services/deadline_bands.py): its card
sent directly to a staff chat administrator (or, when none can be written to, to the chat the
card lives in, in its forum topic), rendered at send time in the reader's language."""

from aiogram import Bot
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.notifications import Notification, Outdated, PermanentFailure
from domain.services.deadline_bands import DEADLINE_ESCALATION
from domain.services.notify import STAFF_CARD, staff_card_key
from domain.services.staff_card_view import staff_card_view
from domain.unit_of_work import UnitOfWorkFactory
from handlers.common import day
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale
from handlers.staff.card_message import card_message
from handlers.staff.forum_topics import ForumTopics


class DeadlineNotices:
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
        renderers.register(DEADLINE_ESCALATION, self.escalation)

    async def escalation(self, notification: Notification) -> RenderedMessage:
        request_id, chat_id = int(notification.payload["request_id"]), notification.chat_id
        in_chat = chat_id < 0  # nobody could be written to: the chat the card lives in
        async with self._open() as uow:
            view = await staff_card_view(uow, request_id)
            reader = await uow.users.get(chat_id) if not in_chat else None
            locale = reader.locale if reader else await staff_chat_locale(uow, chat_id)
            key = staff_card_key(request_id)
            card_id = await uow.cards.message_id(STAFF_CARD, key, chat_id) if in_chat else None
        if view is None:
            raise PermanentFailure(f"request {request_id} is gone")
        if not view.request.is_open:
            raise Outdated(f"request {request_id} was closed before its escalation went")
        now = self._clock.now()
        with self._i18n.context(), self._i18n.use_locale(locale):
            card, _keyboard = card_message(view, locale, now, self._districts)
            head = _(
                "⏰ Срок ответа по заявке {number} истёк {date}. Проследите, чтобы её решили: "
                "в чате сотрудников её откроет /find {number}"
            ).format(number=view.request.number, date=day(view.request.deadline_at))
            name = view.category.name(locale) if view.category else view.request.category
        # The card's buttons work in the staff chat only: here the card is to be read. In a
        # chat, it goes to the card's forum topic, in reply to the card.
        thread = await self._topics.thread_for(chat_id, view.request, name) if in_chat else None
        return RenderedMessage(f"{head}\n\n{card}", thread_id=thread, reply_to=card_id)

"""The crowd's staff cards rendered at send time, in the staff chat's language: a suspected
outage (buttons while it is open) and a building where "restored" was not true. Each card is
one message: every later row edits the message the card's newest sent row reached."""

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from domain.address.model import Street
from domain.alerts.crowd import SuspicionStatus
from domain.alerts.crowd_notices import (
    STAFF_REOPENED_CARD,
    STAFF_SUSPECTED_CARD,
    reopened_card_key,
    suspected_card_key,
)
from domain.clock import Clock
from domain.notifications import Notification, PermanentFailure
from domain.services.crowd_decisions import known_now
from domain.unit_of_work import CityUnitOfWork, UnitOfWorkFactory
from handlers.alerts import crowd_texts
from handlers.alerts.callbacks import SuspectedAction, SuspectedCb
from handlers.alerts.texts import OUTAGE_MARKS, outage_kind_name
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale


class CrowdNotices:
    def __init__(self, open_uow: UnitOfWorkFactory, i18n: I18n, clock: Clock) -> None:
        self._open = open_uow
        self._i18n = i18n
        self._clock = clock
        self._streets: dict[int, Street] = {}  # the register is reference data: read once

    def register(self, renderer: NoticeKinds) -> None:
        renderer.register(STAFF_SUSPECTED_CARD, self.suspected)
        renderer.register(STAFF_REOPENED_CARD, self.reopened)

    async def suspected(self, notification: Notification) -> RenderedMessage:
        suspicion_id = int(notification.payload["suspicion_id"])
        chat_id = notification.chat_id
        async with self._open() as uow:
            suspicion = await uow.crowd.get_suspicion(suspicion_id)
            if suspicion is None:
                raise PermanentFailure(f"suspicion {suspicion_id} is gone")
            signals = await uow.crowd.signals_of(suspicion_id)
            key = suspected_card_key(suspicion_id)
            message_id = await uow.cards.message_id(STAFF_SUSPECTED_CARD, key, chat_id)
            locale = await staff_chat_locale(uow, chat_id)
            street = await self._street(uow, suspicion.street_id, locale)
            is_open = suspicion.status is SuspicionStatus.OPEN
            known = await known_now(uow, self._clock, suspicion) if is_open else []
        with self._i18n.context(), self._i18n.use_locale(locale):
            text = crowd_texts.suspected_card(
                suspicion, street, signals, known[0].id if known else None
            )
            markup = suspected_keyboard(suspicion_id) if is_open else None
        thread = notification.payload.get("thread_id")
        return RenderedMessage(
            text, reply_markup=markup, edit_message_id=message_id, thread_id=thread
        )

    async def reopened(self, notification: Notification) -> RenderedMessage:
        payload, chat_id = notification.payload, notification.chat_id
        reopened_id, restored_id = int(payload["reopened_id"]), int(payload["restored_id"])
        street_id, house = int(payload["street_id"]), str(payload["house"])
        async with self._open() as uow:
            reopened = await uow.outages.get(reopened_id)
            if reopened is None:
                raise PermanentFailure(f"outage {reopened_id} is gone")
            tally = await uow.crowd.tally(restored_id, street_id, house)
            key = reopened_card_key(reopened_id)
            message_id = await uow.cards.message_id(STAFF_REOPENED_CARD, key, chat_id)
            locale = await staff_chat_locale(uow, chat_id)
            street = await self._street(uow, street_id, locale)
        with self._i18n.context(), self._i18n.use_locale(locale):
            kind = f"{OUTAGE_MARKS[reopened.kind]} {outage_kind_name(reopened.kind)}"
            place = f"{street}, {house}"
            text = crowd_texts.reopened_card(kind, place, restored_id, reopened_id, tally)
        thread = payload.get("thread_id")
        return RenderedMessage(text, edit_message_id=message_id, thread_id=thread)

    async def _street(self, uow: CityUnitOfWork, street_id: int, locale: str) -> str:
        if street_id not in self._streets:
            self._streets = {s.id: s for s in await uow.streets.all() if s.id}
        street = self._streets.get(street_id)
        return street.label(locale) if street is not None else "—"


def suspected_keyboard(suspicion_id: int) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=crowd_texts.confirm_button(),
        callback_data=SuspectedCb(suspicion_id=suspicion_id, action=SuspectedAction.CONFIRM),
    )
    keyboard.button(
        text=crowd_texts.dismiss_button(),
        callback_data=SuspectedCb(suspicion_id=suspicion_id, action=SuspectedAction.DISMISS),
    )
    keyboard.adjust(1)
    return keyboard.as_markup()

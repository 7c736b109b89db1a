"""Outage and event alerts rendered at send time, in the recipient's language.

A row may wait in the outbox (quiet hours, Telegram's pace): what it says is read from the
state at send time, and a message that has become pointless meanwhile (an announcement of
an outage already restored, a reminder after the start, an event since cancelled) is
refused with Outdated, so the dispatcher drops it unsent.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from domain.address.model import Street
from domain.alerts.events import CityEvent
from domain.alerts.fanout import EVENT_ALERT, EVENT_DIGEST, OUTAGE_ALERT, EventPhase
from domain.alerts.outages import REMINDER_PHASES, Outage, Phase, outdated
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.notifications import Notification, Outdated, PermanentFailure
from domain.services.city_events import MAX_DIGEST_EVENTS
from domain.unit_of_work import UnitOfWorkFactory
from domain.users import User
from handlers.alerts import crowd_texts, event_notice_texts, notice_texts, outage_notice_texts
from handlers.alerts.callbacks import AlertsAction, AlertsCb, AlertUnsubCb, BackCb
from handlers.alerts.texts import event_category_name, outage_kind_name
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.rendered_message import NoticeKinds, RenderedMessage


class AlertNotices:
    def __init__(
        self,
        open_uow: UnitOfWorkFactory,
        i18n: I18n,
        districts: DistrictDirectory,
        clock: Clock,
    ) -> None:
        """Reads through a unit of work `open_uow` opens: the database's, or a test's fake."""
        self._open = open_uow
        self._i18n = i18n
        self._districts = districts
        self._clock = clock
        self._streets: dict[int, Street] = {}  # the register is reference data: read once

    def register(self, renderer: NoticeKinds) -> None:
        renderer.register(OUTAGE_ALERT, self.outage)
        renderer.register(EVENT_ALERT, self.event)
        renderer.register(EVENT_DIGEST, self.digest)

    async def outage(self, notification: Notification) -> RenderedMessage:
        payload = notification.payload
        outage_id, phase = int(payload["outage_id"]), Phase(payload["phase"])
        address, asks = None, None
        async with self._open() as uow:
            outage = await uow.outages.get(outage_id)
            user = await uow.users.get(notification.chat_id)
            if payload.get("address_id") is not None:
                saved = await uow.subscriptions.address(
                    notification.chat_id, int(payload["address_id"])
                )
                address = (saved.label, saved.text) if saved is not None else None
                asks = saved.id if saved is not None and saved.house else None
            if not self._streets:
                self._streets = {s.id: s for s in await uow.streets.all() if s.id}
        if outage is None:
            raise PermanentFailure(f"outage {outage_id} is gone")
        now = self._clock.now()
        revision = payload.get("end_revision")
        reason = outdated(outage, phase, now, int(revision) if revision is not None else None)
        if reason is not None:
            raise Outdated(f"{reason}")
        with self._locale(user) as locale:
            area = outage_notice_texts.area_text(
                outage,
                lambda name: self._districts.name(name, locale),
                lambda street_id: self._street_label(street_id, locale),
                address,
            )
            text = "\n".join(_outage_lines(outage, phase, now, area))
            markup = _keyboard(outage.kind.value, outage_kind_name(outage.kind), what_else=True)
            if phase is Phase.RESTORED and asks is not None and outage.id is not None:
                # "Is it back?" asked of a building's residents: counted per building.
                text += "\n\n" + crowd_texts.is_back_question()
                markup = _is_back_keyboard(outage.id, asks, markup)
        return RenderedMessage(text, reply_markup=markup)

    async def event(self, notification: Notification) -> RenderedMessage:
        event_id = int(notification.payload["event_id"])
        phase = EventPhase(notification.payload["phase"])
        async with self._open() as uow:
            event = await uow.events.get(event_id)
            user = await uow.users.get(notification.chat_id)
        if event is None:
            raise PermanentFailure(f"event {event_id} is gone")
        now = self._clock.now()
        if (event.ends_at or event.starts_at) <= now:
            raise Outdated(f"event {event_id} is over")
        if phase is EventPhase.PUBLISHED and event.cancelled:
            raise Outdated(f"event {event_id} was cancelled")
        with self._locale(user) as locale:
            if phase is EventPhase.CANCELLED:
                text = event_notice_texts.event_cancelled(event, now)
            else:
                district = self._districts.name(event.district, locale) if event.district else None
                text = event_notice_texts.event_card(event, now, district)
            name = event_category_name(event.category)
            markup = _keyboard(event.category.value, name, what_else=False)
        return RenderedMessage(text, reply_markup=markup)

    async def digest(self, notification: Notification) -> RenderedMessage:
        ids = [int(i) for i in notification.payload["event_ids"]]
        weekly = notification.payload.get("period") == "weekly"
        now = self._clock.now()
        async with self._open() as uow:
            user = await uow.users.get(notification.chat_id)
            found = [await uow.events.get(event_id) for event_id in ids]
        events = [e for e in found if e is not None and e.upcoming(now)]
        if not events:
            raise Outdated("every event of the digest is over or cancelled")
        with self._locale(user):
            text = event_notice_texts.digest(events[:MAX_DIGEST_EVENTS], weekly)
            markup = _digest_keyboard(events)
        return RenderedMessage(text, reply_markup=markup)

    def _street_label(self, street_id: int, locale: str) -> str:
        street = self._streets.get(street_id)
        return street.label(locale) if street is not None else "—"

    @contextmanager
    def _locale(self, user: User | None) -> Iterator[str]:
        locale = user.locale if user is not None else self._i18n.default_locale
        with self._i18n.context(), self._i18n.use_locale(locale):
            yield locale


def _outage_lines(outage: Outage, phase: Phase, now: datetime, area: str) -> Iterator[str]:
    if phase is Phase.RESTORED:
        yield from (outage_notice_texts.restored(outage), area)
    elif phase is Phase.CANCELLED:
        yield from (outage_notice_texts.cancelled(outage, now), area)
    elif phase in REMINDER_PHASES:
        yield from (outage_notice_texts.reminder(outage, now, phase is Phase.REMINDER_HOUR), area)
    elif phase is Phase.END_CHANGED:
        yield from (
            outage_notice_texts.outage_heading(outage),
            area,
            outage_notice_texts.new_end(outage, now),
        )
    elif phase is Phase.START_CHANGED:
        yield from (
            outage_notice_texts.rescheduled(outage),
            area,
            outage_notice_texts.outage_period(outage, now),
        )
    else:
        yield from (
            outage_notice_texts.outage_heading(outage),
            area,
            outage_notice_texts.outage_period(outage, now),
        )
        yield from outage_notice_texts.outage_details(outage)


def _keyboard(kind: str, name: str, *, what_else: bool) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=notice_texts.unsubscribe_button(name), callback_data=AlertUnsubCb(kind=kind)
    )
    if what_else:
        keyboard.button(
            text=notice_texts.what_else_button(),
            callback_data=AlertsCb(action=AlertsAction.OFF_NOW),
        )
    keyboard.adjust(1)
    return keyboard.as_markup()


def _is_back_keyboard(
    outage_id: int, address_id: int, below: InlineKeyboardMarkup
) -> InlineKeyboardMarkup:
    """«Да, есть» / «Нет, всё ещё нет» in one row, above the alert's usual buttons."""
    yes, no = crowd_texts.back_buttons()
    keyboard = InlineKeyboardBuilder()
    keyboard.button(
        text=yes, callback_data=BackCb(outage_id=outage_id, address_id=address_id, back=1)
    )
    keyboard.button(
        text=no, callback_data=BackCb(outage_id=outage_id, address_id=address_id, back=0)
    )
    keyboard.adjust(2)
    keyboard.attach(InlineKeyboardBuilder.from_markup(below))
    return keyboard.as_markup()


def _digest_keyboard(events: list[CityEvent]) -> InlineKeyboardMarkup:
    """One "unsubscribe" per category in the digest: each alert kind can be dropped alone."""
    keyboard = InlineKeyboardBuilder()
    for category in dict.fromkeys(event.category for event in events):
        name = event_category_name(category)
        keyboard.button(
            text=notice_texts.unsubscribe_button(name),
            callback_data=AlertUnsubCb(kind=category.value),
        )
    keyboard.adjust(1)
    return keyboard.as_markup()

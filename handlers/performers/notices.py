"""Performer profile notices rendered at send time: the staff card in the staff chat's
language, the decision in the performer's.

Both are written from the profile as it is then. A decision the performer has since
superseded by editing the profile is refused with Outdated, so the
dispatcher drops it unsent. A card, once posted, is never outdated: each change redraws it.
"""

from datetime import datetime

from aiogram import html
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.booking.notices import (
    PERFORMER_DECISION,
    STAFF_PERFORMER_CARD,
    performer_card_key,
)
from domain.booking.performers import Performer, PerformerStatus
from domain.notifications import Notification, Outdated, PermanentFailure
from domain.unit_of_work import UnitOfWorkFactory
from handlers.art_prospect import ArtAction, ArtCb
from handlers.art_prospect_notices import CARD_THREAD, card_lookup
from handlers.keyboard_builder import InlineKeyboardBuilder
from handlers.performers.callbacks import revision_of
from handlers.performers.staff_card import (
    card_keyboard,
    card_text,
    erased_card_text,
    superseded_card_text,
)
from handlers.rendered_message import NoticeKinds, RenderedMessage, staff_chat_locale


class PerformerRenderers:
    def __init__(self, uows: UnitOfWorkFactory, i18n: I18n) -> None:
        """Reads through a unit of work of `uows`."""
        self._open = uows
        self._cards = card_lookup(uows)
        self._i18n = i18n

    def register(self, renderer: NoticeKinds) -> None:
        renderer.register(STAFF_PERFORMER_CARD, self.staff_card)
        renderer.register(PERFORMER_DECISION, self.decision)

    async def staff_card(self, notification: Notification) -> RenderedMessage:
        """The card of one version of the profile, as things stand now: posted when that
        version needs a look, edited in place at every change after (decided, superseded by
        a newer version, the account erased). Nothing is posted for a version staff never
        had a card of."""
        payload = notification.payload
        performer_id = int(payload["performer_id"])
        revision = _revision(payload, notification.key)
        card_key = (
            notification.key if revision is None else performer_card_key(performer_id, revision)
        )
        card = await self._cards(STAFF_PERFORMER_CARD, card_key, notification)
        async with self._open() as uow:
            performer = await uow.performers.get(performer_id)
            locale = await staff_chat_locale(uow, notification.chat_id)
        current = performer is not None and (
            revision is None or revision_of(revision) == revision_of(performer.updated_at)
        )
        waits = current and performer is not None and performer.status is PerformerStatus.PENDING
        if card.message_id is None and not waits:
            raise Outdated(f"no card of performer {performer_id} to redraw")
        with self._i18n.context(), self._i18n.use_locale(locale):
            if performer is None:
                if not payload.get("erased"):
                    raise PermanentFailure(f"performer {performer_id} is gone")
                text, markup = erased_card_text(), None
            elif not current:
                text, markup = superseded_card_text(performer, card.by), None
            else:
                text, markup = card_text(performer, card.by), card_keyboard(performer)
        return RenderedMessage(
            text, reply_markup=markup, edit_message_id=card.message_id, thread_id=CARD_THREAD
        )

    async def decision(self, notification: Notification) -> RenderedMessage:
        performer = await self._performer(notification)
        approved = bool(notification.payload["approved"])
        expected = PerformerStatus.APPROVED if approved else PerformerStatus.DECLINED
        if performer.status is not expected:
            raise Outdated(f"performer {performer.id} is {performer.status}")
        async with self._open() as uow:
            user = await uow.users.get(notification.chat_id)
        locale = user.locale if user is not None else self._i18n.default_locale
        with self._i18n.context(), self._i18n.use_locale(locale):
            return _decision(performer, approved)

    async def _performer(self, notification: Notification) -> Performer:
        performer_id = int(notification.payload["performer_id"])
        async with self._open() as uow:
            performer = await uow.performers.get(performer_id)
        if performer is None:
            raise PermanentFailure(f"performer {performer_id} is gone")
        return performer


def _revision(payload: dict[str, object], key: str) -> datetime | None:
    """The version a card row is about: in its payload, or (rows queued before payloads
    said so) after the performer id in its key; None if neither tells."""
    value = payload.get("revision")
    if value is None:
        parts = key.split(":", 2)
        value = parts[2] if len(parts) == 3 else None
    try:
        return datetime.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def _decision(performer: Performer, approved: bool) -> RenderedMessage:
    if approved:
        text = _(
            "🎉 Анкета одобрена — можно бронировать площадки Арт-проспекта. "
            "Выберите место и время."
        )
        return RenderedMessage(text, reply_markup=_button(_("📍 Площадки"), ArtAction.BROWSE))
    text = _(
        "Анкету пока не одобрили. Причина: {reason}\n\n"
        "Исправьте анкету и отправьте снова — проверим ещё раз."
    ).format(reason=html.quote(performer.decline_reason or "—"))
    return RenderedMessage(text, reply_markup=_button(_("✏️ Изменить анкету"), ArtAction.REGISTER))


def _button(text: str, action: ArtAction) -> InlineKeyboardMarkup:
    keyboard = InlineKeyboardBuilder()
    keyboard.button(text=text, callback_data=ArtCb(action=action))
    return keyboard.as_markup()

"""An incident from a monitoring system, shown in the staff chat (bot/api/incidents.py takes
it in): in that chat's language; every text from outside is escaped. A later version of the
incident edits the message of the first (posted anew when there is none)."""

from datetime import datetime
from typing import Any

from aiogram import html
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import to_city_time
from domain.notifications import Notification
from domain.services.incidents import STAFF_INCIDENT, Severity
from domain.unit_of_work import UnitOfWorkFactory
from handlers.rendered_message import RenderedMessage, staff_chat_locale

ICONS = {Severity.INFO: "ℹ️", Severity.WARNING: "⚠️", Severity.CRITICAL: "🔴"}


async def incident(
    notification: Notification,
    *,
    open_uow: UnitOfWorkFactory,
    i18n: I18n,
) -> RenderedMessage:
    payload = notification.payload
    card_key = str(payload.get("card") or notification.key)
    existing = None
    async with open_uow() as uow:
        if card_key != notification.key:  # a later version: the first one's message
            existing = await uow.cards.message_id(STAFF_INCIDENT, card_key, notification.chat_id)
        locale = await staff_chat_locale(uow, notification.chat_id)
    with i18n.context(), i18n.use_locale(locale):
        text = incident_text(payload)
    # Incidents live in the chat's main thread: said on edits too, for the new-message
    # fallback of a card deleted by hand.
    return RenderedMessage(text, edit_message_id=existing, thread_id=None)


def incident_text(payload: dict[str, Any]) -> str:
    severity = Severity(payload["severity"])
    at = to_city_time(datetime.fromisoformat(payload["occurred_at"]))
    resolved = bool(payload.get("resolved"))
    heading = (
        _("✅ <b>Инцидент решён: {title}</b>")
        if resolved
        else _("{icon} <b>Инцидент: {title}</b>")
    )
    lines = [
        heading.format(icon=ICONS[severity], title=html.quote(payload["title"])),
        _("Источник: {source}, {at}").format(
            source=html.quote(payload["source"]), at=at.strftime("%d.%m.%Y %H:%M")
        ),
    ]
    if payload.get("details"):
        lines.append(html.quote(payload["details"]))
    return "\n".join(lines)

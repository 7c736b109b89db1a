"""Incidents from monitoring systems: accepted here, shown in the staff chat."""

from datetime import datetime
from typing import Any

from aiogram import html
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from pydantic import Field

from bot.api.errors import conflict
from bot.api.parsing import BodyModel, ResponseModel, Timestamp
from bot.api.routing import ApiCall, Reply, RouteTable
from bot.notifier import RenderedMessage, Renderer
from bot.renderers import ChatLocale, fixed_locale
from domain.clock import to_city_time
from domain.notifications import Notification
from domain.services.incidents import (
    STAFF_INCIDENT,
    Incident,
    Severity,
    publish_incident,
)
from handlers.art_prospect_notices import CardLookup

routes = RouteTable("incidents")
ICONS = {Severity.INFO: "ℹ️", Severity.WARNING: "⚠️", Severity.CRITICAL: "🔴"}


class IncidentPost(BodyModel):
    source: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="e.g. zabbix")
    severity: Severity
    title: str = Field(min_length=1, max_length=200)
    details: str = Field("", max_length=3000)
    occurred_at: Timestamp | None = None
    source_id: str | None = Field(
        None,
        min_length=1,
        max_length=128,
        description="the same id posts once; a later post of it that says something new "
        "(severity, title, details, resolved) redraws that message",
    )
    resolved: bool = Field(False, description="true: the incident is over")


class IncidentAccepted(ResponseModel):
    """The incident is queued for the staff chat"""

    id: int
    key: str
    duplicate: bool = Field(description="true: this source_id was posted before")
    updated: bool = Field(
        False, description="true: it was, and its message in the staff chat is redrawn"
    )


@routes.post(
    "/incidents",
    body=IncidentPost,
    responses={201: IncidentAccepted, 200: IncidentAccepted},
    errors=(409,),
)
async def post_incident_endpoint(call: ApiCall, body: IncidentPost) -> Reply:
    """Post an incident to the staff chat

    201 for a new incident; 200 with the first post's id when the source and source_id were
    posted before: if the post says something new (a changed severity, title or details,
    resolved), the incident's message in the staff chat is redrawn with it ("updated").
    409 when no staff chat is configured.
    """
    context = call.context
    chat_id = context.staff_chat_id
    if chat_id is None:
        raise conflict("no staff chat is configured (STAFF_CHAT_ID): nowhere to post")
    incident = Incident(**body.model_dump())
    async with context.uow() as uow:
        key, added, updated = await publish_incident(uow, context.clock, chat_id, incident)
        row_id = await uow.admin.notification_id(key)
        await uow.commit()
    assert row_id is not None  # added now, or there before
    context.outbox_wake.set()
    accepted = IncidentAccepted(id=row_id, key=key, duplicate=not added, updated=updated)
    return Reply(accepted, 201 if added else 200)


def incident_renderer(
    i18n: I18n, chat_locale: ChatLocale | None = None, cards: CardLookup | None = None
) -> Renderer:
    """The staff chat's message for an incident, in that chat's language (Russian when no
    `chat_locale` is given); every text from outside is escaped. A later version of the
    incident edits the message of the first (found through `cards`; posted anew when there
    is none)."""
    locale_of = chat_locale or fixed_locale("ru")

    async def render(notification: Notification) -> RenderedMessage:
        payload = notification.payload
        card_key = str(payload.get("card") or notification.key)
        existing = None
        if cards is not None and card_key != notification.key:
            existing = (await cards(STAFF_INCIDENT, card_key, notification)).message_id
        locale = await locale_of(notification.chat_id)
        with i18n.context(), i18n.use_locale(locale):
            text = _incident_text(payload)
        # Incidents live in the chat's main thread: said on edits too, for the new-message
        # fallback of a card deleted by hand.
        return RenderedMessage(text, edit_message_id=existing, thread_id=None)

    return render


def _incident_text(payload: dict[str, Any]) -> str:
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
